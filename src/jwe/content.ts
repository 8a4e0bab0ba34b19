// @part jwe needs crypto, sign
/**
 * JWE content encryption (RFC 7518 §5): the `enc` algorithms.
 *
 * - A128CBC-HS256, A192CBC-HS384, A256CBC-HS512 (§5.2): the CEK is MAC_KEY
 *   (first half) || ENC_KEY (second half); the ciphertext is AES-CBC with
 *   PKCS#7 padding under ENC_KEY; the tag is HMAC(MAC_KEY, AAD || IV ||
 *   ciphertext || AL) cut to half its length, AL being the AAD length in
 *   bits as a 64-bit big-endian number. On decryption the tag is compared in
 *   constant time BEFORE anything is decrypted, so a forged token never
 *   reaches the padding check (no padding oracle).
 * - A128GCM, A192GCM, A256GCM (§5.3): AES-GCM, 96-bit IV, 128-bit tag.
 *
 * Keys, IVs and tags move as binary strings (one char per byte): on the
 * device the HMAC input is one native concatenation and the hashes take it
 * directly. Plaintext and ciphertext stay bytes, as the AES functions take
 * them, so a large message is not also held as a string.
 * Every failure is the same `DecryptionError` (RFC 7516 §11.5: nothing about
 * why may leak).
 */
import { DecryptionError } from '../errors';
import { binaryToBytes, bytesToBinary } from '../codec/bytes';
import { aesCbcDecrypt, aesCbcEncrypt } from '../crypto/index';
import { macFor, timingSafeEqualBinary, HashName } from '../crypto/adapter';
import { aesGcmDecrypt, aesGcmEncrypt } from '../crypto/gcm';

/** CEK length in bytes for `enc`, or 0 when microjwt does not know it (exact names: `enc` comes from tokens). */
export const cekBytes = function (enc: unknown): number {
  switch (enc) {
    case 'A128CBC-HS256':
      return 32;
    case 'A192CBC-HS384':
      return 48;
    case 'A256CBC-HS512':
      return 64;
    case 'A128GCM':
      return 16;
    case 'A192GCM':
      return 24;
    case 'A256GCM':
      return 32;
  }
  return 0;
};

/**
 * The AES-CBC-HMAC tag (RFC 7518 §5.2.2.1 steps 4-6) of `ciphertext` under
 * the CEK's MAC half. `once`: the CEK is used for this message only (a
 * wrapped key), so its MAC is not cached.
 */
const cbcHsTag = function (cek: string, aad: string, iv: string, ciphertext: Uint8Array, once: boolean): string {
  const n = cek.length >> 1;
  const hash: HashName = n === 16 ? 'SHA-256' : n === 24 ? 'SHA-384' : 'SHA-512';
  // AL: the AAD length in bits, 64-bit big-endian (AAD is far below 2^29 bytes).
  const bits = aad.length * 8;
  const al = String.fromCharCode(0, 0, 0, 0, (bits >>> 24) & 255, (bits >>> 16) & 255, (bits >>> 8) & 255, bits & 255);
  // Built with += (appended in place on the device): `a + b + c` would copy the ciphertext at each step.
  let input = aad + iv;
  input += bytesToBinary(ciphertext);
  input += al;
  return macFor(hash, cek.substr(0, n), once)(input).substr(0, n);
};

/**
 * Encrypt `plaintext` under `cek` (binary, `cekBytes(enc)` long) with `iv`
 * (binary: 16 bytes for CBC, 12 for GCM) and `aad` (the ASCII of the
 * encoded protected header): `[ciphertext (bytes), tag (binary)]`.
 */
export const sealContent = function (enc: string, cek: string, iv: string, aad: string, plaintext: Uint8Array, once: boolean): [Uint8Array, string] {
  if (enc.length === 7) {
    const r = aesGcmEncrypt(binaryToBytes(cek), binaryToBytes(iv), plaintext, binaryToBytes(aad));
    return [r.ciphertext, bytesToBinary(r.tag)];
  }
  const ciphertext = aesCbcEncrypt(binaryToBytes(cek.substr(cek.length >> 1)), binaryToBytes(iv), plaintext);
  return [ciphertext, cbcHsTag(cek, aad, iv, ciphertext, once)];
};

/**
 * Decrypt and authenticate: the plaintext bytes, or `DecryptionError`.
 * Lengths of `iv` and `tag` are the caller's check (they are public).
 */
export const openContent = function (enc: string, cek: string, iv: string, aad: string, ciphertext: Uint8Array, tag: string, once: boolean): Uint8Array {
  if (enc.length === 7) return aesGcmDecrypt(binaryToBytes(cek), binaryToBytes(iv), ciphertext, binaryToBytes(tag), binaryToBytes(aad));
  // The tag first, in constant time; only an authentic ciphertext is decrypted.
  if (!timingSafeEqualBinary(cbcHsTag(cek, aad, iv, ciphertext, once), tag)) throw new DecryptionError('decryption failed');
  // aesCbcDecrypt raises the same DecryptionError for a bad length or padding.
  return aesCbcDecrypt(binaryToBytes(cek.substr(cek.length >> 1)), binaryToBytes(iv), ciphertext);
};
