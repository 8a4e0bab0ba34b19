// @part crypto
/**
 * Constant-time comparison of byte arrays, the public
 * `crypto.timingSafeEqual` (also AES Key Wrap's and GCM's tag checks): the
 * time depends on the length only, never on where the inputs differ. Words
 * where the buffers allow it, as ./compare.ts does for binary strings. Part
 * of microjwt.crypto's lazy part: a board that only signs and verifies
 * tokens never makes it.
 */
import { invalidArgument } from '../errors';
import { isBytes } from '../codec/bytes';

/**
 * Byte arrays of equal length with equal content. Different lengths: false
 * (lengths are public). This is also the public `crypto.timingSafeEqual`.
 */
export const timingSafeEqualBytes = function (a: Uint8Array, b: Uint8Array): boolean {
  if (!isBytes(a) || !isBytes(b)) invalidArgument('timingSafeEqual expects two Uint8Arrays');
  const n = a.length;
  if (n !== b.length) return false;
  let diff = 0;
  let i = 0;
  if (n >= 8 && a.byteOffset % 4 === 0 && b.byteOffset % 4 === 0) {
    const words = n >> 2;
    const wa = new Uint32Array(a.buffer, a.byteOffset, words);
    const wb = new Uint32Array(b.buffer, b.byteOffset, words);
    for (; i < words; i++) diff |= wa[i] ^ wb[i];
    i = words << 2;
  }
  for (; i < n; i++) diff |= a[i] ^ b[i];
  return diff === 0;
};
