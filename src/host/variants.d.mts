export interface Variant {
  entry: string;
  title: string;
  leaveOut: Record<string, 'absent' | 'unsupported'>;
  /** Lazy parts this build loads with the module (its board always needs them). */
  eager?: string[];
}
export declare const VARIANTS: Record<string, Variant>;
export declare const replacementModule: (root: string, file: string, how: 'absent' | 'unsupported', variant: string) => string;
export declare const leaveOutPlugin: (root: string, variant: string) => unknown;
