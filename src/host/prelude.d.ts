// Types for prelude.js. emulator.ts never calls installEspruino in Node's
// realm: it evaluates the function's source text inside a vm context, passing
// the host bridge `H`, and types what that returns at the call site.
export declare function installEspruino(H: object): unknown;
