/**
 * The Espruino backend: the board's `crypto` module, feature-detected one
 * function at a time (no module at all on a Raspberry Pi Pico, no SHA-384/512
 * on an Espruino Pico, no PBKDF2 on Puck.js-class boards).
 *
 * The native functions take strings, arrays or Uint8Arrays and return an
 * ArrayBuffer; AES prints its errors and returns `undefined`; PBKDF2 counts
 * its key size in 32-bit words and falls back to defaults on a bad option.
 * So every result is checked here, and a wrong one yields `null` for the
 * adapter to handle (fall back, or DecryptionError) instead of garbage.
 */
import type { HashName } from './types';

type NativeHash = (data: string | Uint8Array) => ArrayBuffer | undefined;
export interface EspruinoCrypto {
  SHA256?: NativeHash;
  SHA384?: NativeHash;
  SHA512?: NativeHash;
  PBKDF2?: (password: string, salt: string, options: { keySize: number; iterations: number; hasher: string }) => ArrayBuffer | undefined;
  AES?: {
    encrypt?: (data: Uint8Array, key: Uint8Array, options: { iv?: Uint8Array; mode: string }) => ArrayBuffer | undefined;
    decrypt?: (data: Uint8Array, key: Uint8Array, options: { iv?: Uint8Array; mode: string }) => ArrayBuffer | undefined;
  };
}

/** `E`, when this is Espruino (detected by `E.toUint8Array`). */
export const ESP: EspruinoE | undefined = typeof E !== 'undefined' && E && typeof E.toUint8Array === 'function' ? E : undefined;

let cached: EspruinoCrypto | null | undefined;

/** The board's crypto module, or null (not Espruino, or a board without one). */
export const espruinoCrypto = function (): EspruinoCrypto | null {
  if (cached !== undefined) return cached;
  cached = null;
  if (ESP && typeof hostRequire === 'function') {
    try {
      // Throws a catchable "Module not found" on boards built without it.
      cached = (hostRequire('crypto') as EspruinoCrypto) || null;
    } catch (e) {
      cached = null;
    }
  }
  return cached;
};

/** Native hasher names: case-sensitive, no dash. */
export const NATIVE_NAME: { [h: string]: string } = { 'SHA-256': 'SHA256', 'SHA-384': 'SHA384', 'SHA-512': 'SHA512' };

/** The native hash function for `hash`, if this board has it. */
export const nativeHash = function (c: EspruinoCrypto, hash: HashName): NativeHash | undefined {
  const f = (c as { [k: string]: unknown })[NATIVE_NAME[hash]];
  return typeof f === 'function' ? (f as NativeHash) : undefined;
};

/** Native digest as bytes, or null if the result is not `size` bytes. */
export const espHash = function (f: NativeHash, data: Uint8Array | string, size: number): Uint8Array | null {
  const r = f(data);
  return r && r.byteLength === size ? new Uint8Array(r) : null;
};

/**
 * Native PBKDF2 of exactly `length` bytes, or null. `keySize` is in 32-bit
 * words, so ask for enough words and cut.
 */
export const espPbkdf2 = function (c: EspruinoCrypto, hash: HashName, password: string, salt: string, iterations: number, length: number): Uint8Array | null {
  const words = (length + 3) >> 2;
  let r: ArrayBuffer | undefined;
  try {
    r = c.PBKDF2!(password, salt, { keySize: words, iterations: iterations, hasher: NATIVE_NAME[hash] });
  } catch (e) {
    return null;
  }
  if (!r || r.byteLength !== words * 4) return null;
  const out = new Uint8Array(length);
  out.set(new Uint8Array(r, 0, length));
  return out;
};

/** Native raw AES (no padding): CBC when `iv` is given, else ECB. Null on any failure. */
export const espAes = function (c: EspruinoCrypto, decrypt: boolean, key: Uint8Array, iv: Uint8Array | null, data: Uint8Array): Uint8Array | null {
  const aes = c.AES;
  const f = aes && (decrypt ? aes.decrypt : aes.encrypt);
  if (typeof f !== 'function') return null;
  let r: ArrayBuffer | undefined;
  try {
    r = iv ? f(data, key, { iv: iv, mode: 'CBC' }) : f(data, key, { mode: 'ECB' });
  } catch (e) {
    return null;
  }
  return r && r.byteLength === data.length ? new Uint8Array(r) : null;
};

/** True when the board has native AES encrypt and decrypt. */
export const hasNativeAes = function (c: EspruinoCrypto): boolean {
  return !!c.AES && typeof c.AES.encrypt === 'function' && typeof c.AES.decrypt === 'function';
};
