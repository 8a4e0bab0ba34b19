/**
 * Runtime globals that only Espruino (or the build banner) provides, all
 * optional: each use is feature-detected with `typeof`. Split from
 * globals.d.ts because both tsconfig.json (device check) and
 * tsconfig.host.json (host code and tests, which import device sources next to
 * @types/node) include this file; Node declares nothing of these names.
 * globals.d.ts keeps the ones @types/node declares differently (`atob`,
 * `btoa`, `process`), so the host check uses Node's declarations for those.
 */
interface EspruinoE {
  toString(...data: unknown[]): string;
  toUint8Array(...data: unknown[]): Uint8Array;
  /** A view of a string's bytes (no copy where the string is flat). */
  toArrayBuffer?(s: string): ArrayBuffer;
  hwRand(): number;
  getSizeOf(value: unknown, depth?: number): number;
  /** Standard CRC-32 of the bytes (absent on SAVE_ON_FLASH builds). */
  CRC32?(data: unknown): number;
}
declare const E: EspruinoE | undefined;
/** `require` of the runtime (Espruino modules, or Node), defined by the build banner (see build.mjs). */
declare const hostRequire: ((name: string) => any) | undefined;
declare const getTime: (() => number) | undefined;
/** Espruino's console output (Node has none: `console.log` there). */
declare const print: ((...values: unknown[]) => void) | undefined;

/**
 * ES2015's `Object.assign`, which the ES5 library declarations lack: Espruino
 * has it (../shared/espruino-notes.md lists it with `Object.create`/`keys`),
 * as has Node. The build entries use it to add their API to one object.
 */
interface ObjectConstructor {
  assign<T extends object, U extends object>(target: T, source: U): T & U;
}
