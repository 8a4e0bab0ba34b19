export interface LazyPart {
  files: string[];
  exported: string[];
}
export declare const applyLazyParts: (root: string, code: string, parse: (code: string, options: object) => unknown) => { code: string; parts: Record<string, LazyPart> };
