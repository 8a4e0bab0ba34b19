// @part pure
/**
 * PBKDF2 (RFC 8018 §5.2) with HMAC over a pure hash. The key's pad states are
 * computed once for all blocks and iterations, and the iteration loop reuses
 * two buffers: each iteration is then two compressions plus an XOR.
 */
import { PureHash } from './hash';
import { pureHmacKey } from './hmac';

export const purePbkdf2 = function (hash: PureHash, password: Uint8Array, salt: Uint8Array, iterations: number, length: number): Uint8Array {
  const mac = pureHmacKey(hash, password);
  const hl = hash.outLen;
  const out = new Uint8Array(length);
  const first = new Uint8Array(salt.length + 4);
  first.set(salt, 0);
  const u = new Uint8Array(hl);
  const t = new Uint8Array(hl);
  for (let blockIndex = 1, pos = 0; pos < length; blockIndex++, pos += hl) {
    const n = salt.length;
    first[n] = blockIndex >>> 24;
    first[n + 1] = (blockIndex >>> 16) & 255;
    first[n + 2] = (blockIndex >>> 8) & 255;
    first[n + 3] = blockIndex & 255;
    mac(first, u);
    t.set(u);
    for (let i = 1; i < iterations; i++) {
      mac(u, u);
      for (let j = 0; j < hl; j++) t[j] ^= u[j];
    }
    const take = length - pos < hl ? length - pos : hl;
    out.set(take === hl ? t : t.subarray(0, take), pos);
  }
  return out;
};
