/**
 * HMAC closures per (hash, key), cached.
 *
 * `createHmac` precomputes the inner and outer pads once; on the device that
 * saves two interpreted 64/128-byte loops per token. A device uses one or two
 * keys, so a tiny cache (4 entries, round robin) is enough. Entries are keyed
 * by the key's bytes, not by object identity, so a caller that changes a
 * Uint8Array in place never gets a MAC under the old key.
 */
import { createHmac, HashName } from '../crypto/index';
import { binaryToBytes } from '../codec/bytes';

const SIZE = 4;
const ids: string[] = [];
const macs: ((data: string) => string)[] = [];
let next = 0;

/** A function MACing a binary string under `keyBinary` with `hash`, returning the binary MAC. */
export const macFor = function (hash: HashName, keyBinary: string): (data: string) => string {
  // Hash names all have 7 chars, so the concatenation is unambiguous.
  const id = hash + keyBinary;
  for (let i = 0; i < ids.length; i++) if (ids[i] === id) return macs[i];
  const mac = createHmac(hash, binaryToBytes(keyBinary));
  ids[next] = id;
  macs[next] = mac;
  next = next + 1 === SIZE ? 0 : next + 1;
  return mac;
};

/** Forget every cached key (tests; or a caller that wants secrets out of RAM). */
export const clearMacCache = function (): void {
  while (ids.length) {
    ids.pop();
    macs.pop();
  }
  next = 0;
};
