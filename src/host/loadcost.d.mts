// Types for loadcost.mjs (estimated JsVars a module costs at load on a board).
import type * as Acorn from 'acorn';

export declare const WEIGHTS: { fn: number; prop: number; elem: number; strChar: number; base: number };

/** Counts of what `code` (ES5 script) makes at load. */
export declare const loadFeatures: (code: string, acorn: typeof Acorn) => { fn: number; prop: number; elem: number; strChar: number };

/** Estimated JsVars at load for module text `code` (ES5). */
export declare const estimateLoadCost: (code: string, acorn: typeof Acorn) => number;
