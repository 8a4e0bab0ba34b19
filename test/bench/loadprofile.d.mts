/** One ablation of a wrapped device module: a group (a source file or a lazy part), its top-level functions, the module text without them. */
export interface Ablation {
  group: string;
  names: string[];
  code: string;
}
export declare const ablations: (wrapped: string) => Ablation[];
export declare const loadProfile: (root: string, variant: string, run: (script: string, module: string) => Promise<{ output: string }>) => Promise<string>;
