// @part pure
/**
 * HMAC (RFC 2104) over a pure hash, with the key's work done once: the states
 * after absorbing the ipad and opad blocks are kept, so each MAC is only the
 * message blocks plus one block for the outer hash. PBKDF2 relies on this.
 */
import { PureHash } from './hash';

/** A keyed MAC: HMAC of `data` written to `out` (hash.outLen bytes, may be `data` itself), returned. */
export type PureMac = (data: Uint8Array, out: Uint8Array) => Uint8Array;

/** Precomputes the inner and outer midstates of `key` and returns the MAC function over them. */
export const pureHmacKey = function (hash: PureHash, key: Uint8Array): PureMac {
  const bl = hash.blockLen;
  if (key.length > bl) key = hash.finish(hash.init(), key, 0, new Uint8Array(hash.outLen));
  const pad = new Uint8Array(bl);
  for (let i = 0; i < bl; i++) pad[i] = (i < key.length ? key[i] : 0) ^ 0x36;
  const inner = hash.init();
  hash.block(inner, pad, 0);
  // 0x36 ^ 0x5c turns each ipad byte into the opad byte.
  for (let i = 0; i < bl; i++) pad[i] ^= 0x6a;
  const outer = hash.init();
  hash.block(outer, pad, 0);
  // Scratch state and digest buffer, reused by every MAC with this key.
  const s = hash.init();
  const mid = new Uint8Array(hash.outLen);
  return function (data, out) {
    s.set(inner);
    hash.finish(s, data, bl, mid);
    s.set(outer);
    return hash.finish(s, mid, bl, out);
  };
};
