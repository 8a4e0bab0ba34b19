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
