/**
 * The runtime globals device code may touch, all optional: each use is
 * feature-detected with `typeof`, because the same module runs on Espruino
 * boards (which have `E`, `atob`, `btoa`, `require`, `getTime`) and on Node.
 * Nothing else outside ES5 exists on the device (the build checks this).
 *
 * Only the device check (tsconfig.json) includes this file: `atob`, `btoa` and
 * `process` clash with @types/node in the host check (tsconfig.host.json),
 * which takes Node's declarations for them instead. The Espruino-only globals
 * (`E`, `hostRequire`, `getTime`) are in globals.espruino.d.ts, which both
 * checks include.
 */
declare const atob: ((b64: string) => string) | undefined;
declare const btoa: ((binary: string | Uint8Array) => string) | undefined;
declare const process: { versions?: { node?: string }; env?: { [k: string]: string | undefined }; memory?: () => { usage: number } } | undefined;
declare const console: { log(...values: unknown[]): void } | undefined;
