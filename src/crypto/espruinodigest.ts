// @part crypto
/**
 * The Espruino backend's plain digests and PBKDF2, over the board's `crypto`
 * module (./espruino.ts finds it and its hash functions). Only
 * microjwt.crypto calls them (HMAC for JWS and JWE is in ./espruino.ts), so
 * they are part of its lazy part: a board that only signs and verifies
 * tokens never makes them.
 *
 * Every native result is checked: a wrong-sized one (a hash the board lacks,
 * a PBKDF2 that fell back to its defaults, a call that ran out of memory and
 * printed instead of throwing) yields null, for the caller to fall back to
 * pure code.
 */
import type { HashName } from './types';
import type { EspruinoBackend, EspruinoCrypto } from './espruino';

/** Native digest of `data` as bytes, or null. */
export const espruinoDigest = function (esp: EspruinoBackend, hash: HashName, data: Uint8Array | string): Uint8Array | null {
  const f = esp.fn(hash);
  const r = f ? f(data) : undefined;
  return r && r.byteLength === (hash === 'SHA-256' ? 32 : hash === 'SHA-384' ? 48 : 64) ? new Uint8Array(r) : null;
};

/** Native PBKDF2 of exactly `length` bytes, or null. */
export const espruinoPbkdf2 = function (c: EspruinoCrypto, hash: HashName, password: string, salt: string, iterations: number, length: number): Uint8Array | null {
  // keySize is in 32-bit words: ask for enough words and cut.
  const words = (length + 3) >> 2;
  let r: ArrayBuffer | undefined;
  try {
    r = c.PBKDF2!(password, salt, { keySize: words, iterations: iterations, hasher: 'SHA' + hash.substr(4) });
  } catch (x) {
    return null;
  }
  if (!r || r.byteLength !== words * 4) return null;
  const out = new Uint8Array(length);
  out.set(new Uint8Array(r, 0, length));
  return out;
};
