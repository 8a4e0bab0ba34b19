/**
 * AES Key Wrap (RFC 3394), for JWE's A128KW / A192KW / A256KW: built on the
 * single-block ECB functions passed in (the adapter's, so it uses whichever
 * AES backend is active; they check the key).
 * Unwrapping fails with the one DecryptionError of the crypto layer when the
 * integrity check (the 0xA6 initial value) does not hold.
 */
import { DecryptionError, invalidArgument } from '../errors';
import { isBytes } from '../codec/bytes';
import { timingSafeEqualBytes } from './compare';

const IV = new Uint8Array([0xa6, 0xa6, 0xa6, 0xa6, 0xa6, 0xa6, 0xa6, 0xa6]);

/** XORs the 64-bit big-endian counter `t` into `a[0..8)`. */
const xorCounter = function (a: Uint8Array, t: number): void {
  a[7] ^= t & 255;
  a[6] ^= (t >>> 8) & 255;
  a[5] ^= (t >>> 16) & 255;
  a[4] ^= (t >>> 24) & 255;
};

/** Wraps `keyData` (a multiple of 8 bytes, at least 16) with the key-encryption key `kek`. */
type BlockFn = (key: Uint8Array, block: Uint8Array) => Uint8Array;

export const aesKeyWrapWith = function (aesEcbEncryptBlock: BlockFn, kek: Uint8Array, keyData: Uint8Array): Uint8Array {
  if (!isBytes(keyData) || keyData.length < 16 || keyData.length % 8 !== 0) invalidArgument('key data to wrap must be a multiple of 8 bytes, at least 16');
  const n = keyData.length / 8;
  const out = new Uint8Array(keyData.length + 8);
  out.set(IV, 0);
  out.set(keyData, 8);
  const b = new Uint8Array(16);
  for (let j = 0; j < 6; j++) {
    for (let i = 1; i <= n; i++) {
      b.set(out.subarray(0, 8), 0);
      b.set(out.subarray(i * 8, i * 8 + 8), 8);
      const e = aesEcbEncryptBlock(kek, b);
      xorCounter(e, n * j + i);
      out.set(e.subarray(0, 8), 0);
      out.set(e.subarray(8, 16), i * 8);
    }
  }
  return out;
};

/** Unwraps; DecryptionError on a wrong length or a failed integrity check. */
export const aesKeyUnwrapWith = function (aesEcbDecryptBlock: BlockFn, kek: Uint8Array, wrapped: Uint8Array): Uint8Array {
  if (!isBytes(wrapped)) invalidArgument('wrapped key must be a Uint8Array');
  if (wrapped.length < 24 || wrapped.length % 8 !== 0) throw new DecryptionError('decryption failed');
  const n = wrapped.length / 8 - 1;
  const r = new Uint8Array(wrapped.length);
  r.set(wrapped);
  const b = new Uint8Array(16);
  for (let j = 5; j >= 0; j--) {
    for (let i = n; i >= 1; i--) {
      b.set(r.subarray(0, 8), 0);
      xorCounter(b, n * j + i);
      b.set(r.subarray(i * 8, i * 8 + 8), 8);
      const d = aesEcbDecryptBlock(kek, b);
      r.set(d.subarray(0, 8), 0);
      r.set(d.subarray(8, 16), i * 8);
    }
  }
  if (!timingSafeEqualBytes(r.subarray(0, 8), IV)) throw new DecryptionError('decryption failed');
  const out = new Uint8Array(n * 8);
  out.set(r.subarray(8));
  return out;
};
