// Types for es5check.mjs (static checks for code that must run on Espruino).
import type * as Acorn from 'acorn';

/** Globals that exist on an Espruino board (or are feature-detected host globals). */
export declare const DEVICE_GLOBALS: Set<string>;

/** Calls visit(node, parent, fnScope) for every node; fnScope is the nearest enclosing function (or Program). */
export declare const walk: (
  node: Acorn.Node,
  visit: (node: Acorn.Node, parent: Acorn.Node | null, fnScope: Acorn.Node) => void,
  parent?: Acorn.Node | null,
  fnScope?: Acorn.Node,
) => void;

/** True when `node` (an Identifier) is a reference, not a property name or label. */
export declare const isReference: (node: Acorn.Node, parent: Acorn.Node | null) => boolean;

/** Problems that would stop `code` running on Espruino (empty when it is fine). */
export declare const checkDeviceCode: (code: string, acorn: typeof Acorn) => string[];
