/**
 * The core build's crypto backend: the board's native SHA-2 only, behind the
 * same small interface the JWS layer takes from the full library's adapter
 * (`MacOf`, `KeyMac`: src/jws/mac.ts), plus the random bytes of `jwtid: true`.
 *
 * Espruino has native SHA-256 on every board but a Raspberry Pi Pico (no
 * `crypto` module at all), SHA-384/512 on an ESP32 and the Linux builds.
 * Where a hash is missing the full library runs pure code; the core leaves
 * that code out (it is larger than the whole core) and throws
 * NotSupportedError (ERR_NOT_IN_BUILD), naming the build that has it. A
 * native call that fails for lack of memory prints and returns `undefined`
 * instead of throwing: that is checked and becomes a typed error here.
 */
import { JWTError, NotSupportedError } from '../errors';
import { ESPRUINO } from '../codec/bytes';
import { checkedKeyBinary } from '../jwk/key';
import { hwRandomBytes } from '../crypto/random';
import type { MacFn, MacOf } from '../crypto/types';
import type { KeyMac } from '../jws/mac';

type NativeHash = (data: string) => ArrayBuffer;

/** MACs of recently used keys, `[alg + key, mac, ...]`, four at most; made on first use. */
let macs: (string | MacFn)[] | undefined;
let nextMac = 0;

/** The native hash of `size` bytes (32, 48, 64), or NotSupportedError. */
export const nativeHash = function (size: number): NativeHash {
  let c: { [name: string]: unknown } | undefined;
  try {
    // A catchable "Module not found" on a board built without it.
    c = ESPRUINO && typeof hostRequire === 'function' ? hostRequire('crypto') : undefined;
  } catch (e) {
    c = undefined;
  }
  const f = c && c[size === 32 ? 'SHA256' : size === 48 ? 'SHA384' : 'SHA512'];
  if (typeof f !== 'function') {
    throw new NotSupportedError('this board has no native SHA-' + size * 8 + ': the core build of microjwt has no pure one (use the board\'s own build)', 'ERR_NOT_IN_BUILD');
  }
  return f as NativeHash;
};

/** A native hash's result as a binary string, or the typed error when the call failed. */
export const digestOf = function (r: ArrayBuffer | undefined, size: number): string {
  if (!r || r.byteLength !== size) throw new JWTError('the native hash failed (out of memory?)', 'ERR_CRYPTO');
  return ESPRUINO!.toString(r);
};

/** The MAC closure, in its own small scope: it keeps only the pads and the hash. */
const macWith = function (f: NativeHash, ipad: string, opad: string, size: number): MacFn {
  return function (binary: string, length?: number): string {
    return digestOf(f(opad + digestOf(f(ipad + (length === undefined ? binary : binary.substr(0, length))), size)), size);
  };
};

/** HMAC (RFC 2104) for HS256/384/512 under `key` (bytes as a binary string) on the native hash; cached per key. */
export const nativeMac: MacOf = function (alg, key) {
  const id = alg + key; // the algorithm names all have 5 chars: unambiguous
  const c = macs || (macs = []);
  for (let i = 0; i < c.length; i += 2) if (c[i] === id) return c[i + 1] as MacFn;
  const size = alg === 'HS256' ? 32 : alg === 'HS384' ? 48 : 64;
  const f = nativeHash(size);
  const block = size === 32 ? 64 : 128;
  // A key longer than a block is hashed first (RFC 2104).
  const k = key.length > block ? digestOf(f(key), size) : key;
  let ipad = '';
  let opad = '';
  for (let i = 0; i < block; i++) {
    const b = i < k.length ? k.charCodeAt(i) : 0;
    ipad += String.fromCharCode(b ^ 0x36);
    opad += String.fromCharCode(b ^ 0x5c);
  }
  const mac = macWith(f, ipad, opad, size);
  c[nextMac] = id;
  c[nextMac + 1] = mac;
  nextMac = nextMac === 6 ? 0 : nextMac + 2;
  return mac;
};

/** The verify key of the core build: a single key (no KeySet), native MAC. */
export const nativeKeyMac: KeyMac = function (key, alg, kid, minKeyLength) {
  return nativeMac(alg, checkedKeyBinary(key, alg, 'verify', minKeyLength));
};

/** `n` random bytes from the board's hardware source, mixed through the native SHA-256. */
export const nativeRandomBytes = function (n: number): Uint8Array {
  const f = nativeHash(32);
  return hwRandomBytes(n, function (binary: string) {
    return digestOf(f(binary), 32);
  });
};
