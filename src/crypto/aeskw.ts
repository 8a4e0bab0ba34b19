// @part crypto
/**
 * AES Key Wrap (RFC 3394), for JWE's A128KW / A192KW / A256KW: built on the
 * single-block ECB function passed in (the adapter's, so it uses whichever
 * AES backend is active; it checks the key).
 * Unwrapping fails with the one DecryptionError of the crypto layer when the
 * integrity check (the 0xA6 initial value) does not hold.
 *
 * Wrap and unwrap share one function and make the 0xA6 block per call: every
 * function object and typed array made at load costs the device RAM for as
 * long as the module is loaded.
 */
import { DecryptionError, invalidArgument } from '../errors';
import { isBytes } from '../codec/bytes';
import { timingSafeEqualBytes } from './timingsafeequal';

type BlockFn = (key: Uint8Array, block: Uint8Array) => Uint8Array;

/**
 * Wraps `data` (a multiple of 8 bytes, at least 16) with the key-encryption
 * key `kek`, or (`unwrap`) unwraps it: DecryptionError on a wrong length or a
 * failed integrity check. `block` encrypts (wrap) or decrypts (unwrap) one block.
 */
export const aesKeyWrapWith = function (unwrap: boolean, block: BlockFn, kek: Uint8Array, data: Uint8Array): Uint8Array {
  const iv = new Uint8Array(8);
  for (let i = 0; i < 8; i++) iv[i] = 0xa6;
  const b = new Uint8Array(16);
  let n: number;
  let r: Uint8Array;
  if (!unwrap) {
    if (!isBytes(data) || data.length < 16 || data.length % 8 !== 0) invalidArgument('key data to wrap must be a multiple of 8 bytes, at least 16');
    n = data.length / 8;
    r = new Uint8Array(data.length + 8);
    r.set(iv, 0);
    r.set(data, 8);
  } else {
    if (!isBytes(data)) invalidArgument('wrapped key must be a Uint8Array');
    if (data.length < 24 || data.length % 8 !== 0) throw new DecryptionError('decryption failed');
    n = data.length / 8 - 1;
    r = new Uint8Array(data.length);
    r.set(data);
  }
  // 6n steps, forwards to wrap, backwards to unwrap. Each XORs the 64-bit
  // big-endian counter t into A (r[0..8)): after encrypting when wrapping,
  // before decrypting when unwrapping.
  for (let s = 0; s < 6 * n; s++) {
    const j = unwrap ? 5 - ((s / n) | 0) : (s / n) | 0;
    const i = unwrap ? n - (s % n) : (s % n) + 1;
    const t = n * j + i;
    b.set(r.subarray(0, 8), 0);
    if (unwrap) {
      b[7] ^= t & 255;
      b[6] ^= (t >>> 8) & 255;
      b[5] ^= (t >>> 16) & 255;
      b[4] ^= (t >>> 24) & 255;
    }
    b.set(r.subarray(i * 8, i * 8 + 8), 8);
    const e = block(kek, b);
    if (!unwrap) {
      e[7] ^= t & 255;
      e[6] ^= (t >>> 8) & 255;
      e[5] ^= (t >>> 16) & 255;
      e[4] ^= (t >>> 24) & 255;
    }
    r.set(e.subarray(0, 8), 0);
    r.set(e.subarray(8, 16), i * 8);
  }
  if (!unwrap) return r;
  if (!timingSafeEqualBytes(r.subarray(0, 8), iv)) throw new DecryptionError('decryption failed');
  const out = new Uint8Array(n * 8);
  out.set(r.subarray(8));
  return out;
};
