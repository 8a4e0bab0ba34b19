// Types for devicebuild.mjs (the device-module pipeline shared by build.mjs and the benchmarks).

/** A device entry: a file relative to the package root, or TypeScript source text. */
export type DeviceEntry = ({ file: string; text?: undefined } | { file?: undefined; text: string }) & { /** A name in variants.mjs: its left-out modules are swapped, its eager parts kept. */ variant?: string };

/** Step 1: bundle `entry` from package `root` into one wrapped CommonJS module (ES2017). */
export declare const bundleDevice: (root: string, entry: DeviceEntry) => Promise<string>;

/** Step 2: lower to ES5. */
export declare const lowerToEs5: (code: string) => string;

/** Step 3: minify, staying ES5. */
export declare const minify: (code: string) => Promise<string>;

/** Step 4: throws, listing the problems, unless `code` can run on Espruino. */
export declare const assertDeviceCode: (code: string, name: string) => void;

/** All four steps: { readable, minified }, both checked. */
export declare const buildDeviceModule: (root: string, entry: DeviceEntry, header?: string) => Promise<{ readable: string; minified: string }>;
