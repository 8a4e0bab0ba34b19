// Types for netprelude.js: network.ts evaluates the function's source text
// inside a device's vm context (like prelude.js) and types the result there.
export declare function installHttp(N: object): unknown;
