/** Names shared by the crypto modules. */

/** The JOSE hash names microjwt uses. */
export type HashName = 'SHA-256' | 'SHA-384' | 'SHA-512';

/**
 * Bytes, given either as a Uint8Array or as a string, which always means the
 * string's UTF-8 bytes (see src/codec/utf8.ts: on a board, where strings are
 * bytes, that is the string itself once checked to be valid UTF-8).
 */
export type BytesLike = Uint8Array | string;

/** Which implementation serves a primitive. */
export type BackendName = 'espruino' | 'node' | 'pure' | 'none';

/**
 * MAC of a binary string, or of its first `length` chars: the verifier hands
 * over the whole token and the signing input's length, so the backend cuts
 * the signing input inside its hash call's argument and no copy is held for
 * the duration of the MAC (on a board, ~21 JsVars less at a verify's peak).
 */
export type MacFn = (binaryData: string, length?: number) => string;

/**
 * What the JWS layer needs of a crypto backend: the MAC for a JWS algorithm
 * (HS256/384/512) under a key given as bytes (a binary string). The full
 * library passes the adapter's (every backend, pure fallbacks); the core
 * build a native-only one (src/lean/native.ts).
 */
export type MacOf = (alg: string, keyBinary: string) => MacFn;
