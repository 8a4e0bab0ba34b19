export interface LazyPart {
  files: string[];
  exported: string[];
}
export declare const applyLazyParts: (root: string, code: string, parse: typeof import('acorn').parse, eager?: string[]) => { code: string; parts: Record<string, LazyPart> };
