/**
 * The runtime globals device code may touch, all optional: each use is
 * feature-detected with `typeof`, because the same module runs on Espruino
 * boards (which have `E`, `atob`, `btoa`, `require`, `getTime`) and on Node.
 * Nothing else outside ES5 exists on the device (the build checks this).
 */
interface EspruinoE {
  toString(...data: unknown[]): string;
  toUint8Array(...data: unknown[]): Uint8Array;
  hwRand(): number;
  getSizeOf(value: unknown, depth?: number): number;
}
declare const E: EspruinoE | undefined;
declare const atob: ((b64: string) => string) | undefined;
declare const btoa: ((binary: string | Uint8Array) => string) | undefined;
/** `require` of the runtime (Espruino modules, or Node), defined by the build banner (see build.mjs). */
declare const hostRequire: ((name: string) => any) | undefined;
declare const getTime: (() => number) | undefined;
declare const process: { versions?: { node?: string }; env?: { [k: string]: string | undefined }; memory?: () => { usage: number } } | undefined;
