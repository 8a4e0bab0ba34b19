/**
 * HMAC closures per (hash, key), cached.
 *
 * `createHmac` precomputes the inner and outer pads once; on the device that
 * saves two interpreted 64/128-byte loops per token. A device uses one or two
 * keys, so a tiny cache (4 entries, round robin) is enough. Entries are keyed
 * by the key's bytes, not by object identity, so a caller that changes a
 * Uint8Array in place never gets a MAC under the old key.
 *
 * The cache is one flat array `[id0, mac0, id1, mac1, ...]` made on first
 * use: on the device each module-level value costs RAM from load on.
 */
import { createHmac, HashName } from '../crypto/index';
import { binaryToBytes } from '../codec/bytes';

let cache: (string | ((data: string) => string))[] | undefined;
/** Index of the slot the next new key takes (0, 2, 4, 6). */
let next = 0;

/** A function MACing a binary string under `keyBinary` with `hash`, returning the binary MAC. */
export const macFor = function (hash: HashName, keyBinary: string): (data: string) => string {
  // Hash names all have 7 chars, so the concatenation is unambiguous.
  const id = hash + keyBinary;
  const c = cache || (cache = []);
  for (let i = 0; i < c.length; i += 2) if (c[i] === id) return c[i + 1] as (data: string) => string;
  const mac = createHmac(hash, binaryToBytes(keyBinary));
  c[next] = id;
  c[next + 1] = mac;
  next = next === 6 ? 0 : next + 2;
  return mac;
};

/** Forget every cached key (tests; or a caller that wants secrets out of RAM). */
export const clearMacCache = function (): void {
  cache = undefined;
  next = 0;
};
