export interface LazyPart {
  files: string[];
  exported: string[];
  /** The exported names that get a stub at load (the others are used only by parts that load this one first). */
  stubbed: string[];
}
export declare const applyLazyParts: (root: string, code: string, parse: typeof import('acorn').parse, eager?: string[]) => { code: string; parts: Record<string, LazyPart> };
