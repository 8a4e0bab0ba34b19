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
 *
 * The backend's functions are made by `espruinoBackend()` on first use, so
 * loading the module costs only this accessor (and nothing at all on Node).
 * It holds what JWS and JWE use (hashes for HMAC, AES); the plain digests
 * and PBKDF2, which only microjwt.crypto calls, are in ./espruinodigest.ts,
 * part of that lazy part, so a board that signs a token never makes them.
 */
import { pureCrypto } from './pure/index';
import type { HashName, MacFn } from './types';
import { ESPRUINO as ESP } from '../codec/bytes';

export type NativeHash = (data: string | Uint8Array) => ArrayBuffer | undefined;
export interface EspruinoCrypto {
  [name: string]: unknown;
  PBKDF2?: (password: string, salt: string, options: { keySize: number; iterations: number; hasher: string }) => ArrayBuffer | undefined;
  AES?: {
    encrypt?: (data: Uint8Array, key: Uint8Array, options: { iv?: Uint8Array; mode: string }) => ArrayBuffer | undefined;
    decrypt?: (data: Uint8Array, key: Uint8Array, options: { iv?: Uint8Array; mode: string }) => ArrayBuffer | undefined;
  };
}

export interface EspruinoBackend {
  /** The native hash function for `hash`, if this board has it. */
  fn: (hash: HashName) => NativeHash | undefined;
  /** The board's `crypto` module, for its PBKDF2 (./espruinodigest.ts). */
  native: EspruinoCrypto;
  /** True when the board has a PBKDF2 function (whether it supports a hasher is checked on first use, src/crypto/index.ts). */
  hasPbkdf2: boolean;
  /** True when the board has native AES encrypt and decrypt. */
  hasAes: boolean;
  /** Native raw AES (no padding): CBC when `iv` is given, else ECB. Null on any failure. */
  aes: (decrypt: boolean, key: Uint8Array, iv: Uint8Array | null, data: Uint8Array) => Uint8Array | null;
  /** HMAC under `key` over the native hash (binary string in and out); the hash must be native. */
  mac: (hash: HashName, key: Uint8Array) => MacFn;
}

let made: EspruinoBackend | null | undefined;

/** The backend over the board's crypto module, or null (not Espruino, or a board without one). */
export const espruinoBackend = function (): EspruinoBackend | null {
  if (made !== undefined) return made;
  made = null;
  let crypto: EspruinoCrypto | null = null;
  if (ESP && typeof hostRequire === 'function') {
    try {
      // Throws a catchable "Module not found" on boards built without it.
      crypto = hostRequire('crypto') as EspruinoCrypto;
    } catch (x) {
      crypto = null;
    }
  }
  if (!crypto) return made;
  const c = crypto;
  const e = ESP!;
  // Digest sizes are written out where needed (32, 48 or 64 bytes): each
  // helper function kept here costs RAM for as long as the backend lives.
  const fn = function (hash: HashName): NativeHash | undefined {
    // Native names are case-sensitive, without the dash.
    const f = hash === 'SHA-256' ? c.SHA256 : hash === 'SHA-384' ? c.SHA384 : c.SHA512;
    return typeof f === 'function' ? (f as NativeHash) : undefined;
  };
  /**
   * The MAC closure, made in its own small scope: it keeps only the two pads
   * (a cached key costs a few dozen JsVars on the device, not the whole setup).
   */
  const macWith = function (hash: HashName, f: NativeHash, ipad: string, opad: string): MacFn {
    let pure: MacFn | undefined;
    const n = hash === 'SHA-256' ? 32 : hash === 'SHA-384' ? 48 : 64;
    return function (binary: string, length?: number): string {
      const inner = f(ipad + (length === undefined ? binary : binary.substr(0, length)));
      const outer = inner && f(opad + e.toString(inner));
      if (outer && outer.byteLength === n) return e.toString(outer);
      // The native call can fail (it prints and returns undefined) when no
      // contiguous memory is free: answer with the pure code, keyed by the
      // zero-padded key recovered from the inner pad (the caller's key array
      // may have changed since).
      if (!pure) {
        const k = e.toUint8Array(ipad);
        for (let i = 0; i < k.length; i++) k[i] ^= 0x36;
        pure = pureCrypto().mac(hash, k);
      }
      return pure(binary, length);
    };
  };
  const aes = c.AES;
  made = {
    native: c,
    fn: fn,
    hasPbkdf2: typeof c.PBKDF2 === 'function',
    hasAes: !!aes && typeof aes.encrypt === 'function' && typeof aes.decrypt === 'function',
    aes: function (decrypt, key, iv, data) {
      const f = aes && (decrypt ? aes.decrypt : aes.encrypt);
      if (typeof f !== 'function') return null;
      let r: ArrayBuffer | undefined;
      try {
        r = iv ? f(data, key, { iv: iv, mode: 'CBC' }) : f(data, key, { mode: 'ECB' });
      } catch (x) {
        return null;
      }
      return r && r.byteLength === data.length ? new Uint8Array(r) : null;
    },
    mac: function (hash, key) {
      const f = fn(hash)!;
      const n = hash === 'SHA-256' ? 32 : hash === 'SHA-384' ? 48 : 64;
      const bl = n > 32 ? 128 : 64;
      const long = key.length > bl ? f(key) : undefined;
      if (key.length > bl && !(long && long.byteLength === n)) return pureCrypto().mac(hash, key);
      const k = long ? new Uint8Array(long) : key;
      // Two buffers, never written again: E.toString of a whole Uint8Array
      // returns a string that shares the array's memory (measured on 2v29),
      // which saves a copy here.
      const ip = new Uint8Array(bl);
      const op = new Uint8Array(bl);
      for (let i = 0; i < bl; i++) {
        const x = i < k.length ? k[i] : 0;
        ip[i] = x ^ 0x36;
        op[i] = x ^ 0x5c;
      }
      return macWith(hash, f, e.toString(ip), e.toString(op));
    },
  };
  return made;
};
