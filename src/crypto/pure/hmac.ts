/**
 * HMAC (RFC 2104) over a pure hash, with the key's work done once: the states
 * after absorbing the ipad and opad blocks are kept, so each MAC is only the
 * message blocks plus one block for the outer hash. PBKDF2 relies on this.
 */
import { PureHash } from './hash';

export interface PureHmacKey {
  hash: PureHash;
  inner: Int32Array;
  outer: Int32Array;
  /** Scratch state and digest buffer, reused by every MAC with this key. */
  work: Int32Array;
  mid: Uint8Array;
}

/** Precomputes the inner and outer midstates of `key`. */
export const pureHmacKey = function (hash: PureHash, key: Uint8Array): PureHmacKey {
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
  return { hash: hash, inner: inner, outer: outer, work: hash.init(), mid: new Uint8Array(hash.outLen) };
};

/** HMAC of `data` with a precomputed key, written to `out` (hash.outLen bytes). */
export const pureHmacWith = function (k: PureHmacKey, data: Uint8Array, out: Uint8Array): Uint8Array {
  const h = k.hash;
  const s = k.work;
  s.set(k.inner);
  h.finish(s, data, h.blockLen, k.mid);
  s.set(k.outer);
  return h.finish(s, k.mid, h.blockLen, out);
};

export const pureHmac = function (hash: PureHash, key: Uint8Array, data: Uint8Array): Uint8Array {
  return pureHmacWith(pureHmacKey(hash, key), data, new Uint8Array(hash.outLen));
};
