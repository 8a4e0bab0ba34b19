// @part jwe needs crypto, sign
/**
 * JWE key management (RFC 7518 §4): the `alg` algorithms, which decide how
 * the content encryption key (CEK) reaches the recipient.
 *
 * - `dir` (§4.5): the shared key is the CEK; the encrypted key is empty.
 * - A128KW, A192KW, A256KW (§4.4): a random CEK, AES key wrap (RFC 3394).
 * - A128GCMKW, A192GCMKW, A256GCMKW (§4.7): a random CEK, AES-GCM under the
 *   key with a random 96-bit IV; IV and tag go into the header (`iv`, `tag`).
 * - PBES2-HS256+A128KW, PBES2-HS384+A192KW, PBES2-HS512+A256KW (§4.8): the
 *   key-wrapping key is PBKDF2 of the password over the salt
 *   UTF8(alg) || 0x00 || p2s, p2c iterations; then AES key wrap.
 *
 * Decryption never reveals why an unwrap failed: a failed or wrong-length
 * unwrap continues with a random CEK, and the content tag then fails with the
 * same `DecryptionError` as any other tampering (RFC 7516 §11.5).
 * The rarely used branches (PBES2, GCMKW) are functions of their own: the
 * interpreter lexes all of a function it runs.
 */
import { DecodeError, DecryptionError, InvalidTokenError } from '../errors';
import { binaryToBytes, bytesToBinary } from '../codec/bytes';
import { decodeBinary, encodeBinary } from '../codec/base64url';
import { aesKeyUnwrap, aesKeyWrap, pbkdf2, randomBytes, HashName } from '../crypto/index';
import { aesGcmDecrypt, aesGcmEncrypt } from '../crypto/gcm';
import { Header } from '../jws/header';
import { cekBytes } from './content';

/**
 * Key-encryption key length in bytes of a key-management `alg`: 16/24/32 for
 * the AES-based ones (PBES2 derives a key of that length), 0 for `dir`, -1
 * when microjwt does not know the name (exact names: `alg` comes from tokens).
 */
export const kekBytes = function (alg: unknown): number {
  switch (alg) {
    case 'dir':
      return 0;
    case 'A128KW':
    case 'A128GCMKW':
    case 'PBES2-HS256+A128KW':
      return 16;
    case 'A192KW':
    case 'A192GCMKW':
    case 'PBES2-HS384+A192KW':
      return 24;
    case 'A256KW':
    case 'A256GCMKW':
    case 'PBES2-HS512+A256KW':
      return 32;
  }
  return -1;
};

/** PBES2 options of `encrypt` (checked). */
export interface Pbes2Options {
  p2c?: number;
  p2s?: Uint8Array;
}

/**
 * Encrypting: `[cek, encryptedKey]` (binary strings) for `enc` under `alg`
 * and `key` (binary, size already checked); the algorithm's header
 * parameters (`iv`/`tag`, `p2s`/`p2c`) are added to `header`.
 */
export const wrapNewCek = function (alg: string, enc: string, key: string, header: Header, opts: Pbes2Options): string[] {
  if (alg === 'dir') return [key, ''];
  const cek = bytesToBinary(randomBytes(cekBytes(enc)));
  if (alg.length === 9) return gcmWrap(key, cek, header);
  let kek = key;
  if (alg.charAt(0) === 'P') {
    // Defaults: 2048 iterations, 16 random salt bytes (RFC 7518 §4.8.1.1 asks for at least 8).
    const p2s = opts.p2s === undefined ? bytesToBinary(randomBytes(16)) : bytesToBinary(opts.p2s);
    const p2c = opts.p2c === undefined ? 2048 : opts.p2c;
    header.p2s = encodeBinary(p2s);
    header.p2c = p2c;
    kek = pbes2Kek(alg, key, p2s, p2c);
  }
  return [cek, bytesToBinary(aesKeyWrap(binaryToBytes(kek), binaryToBytes(cek)))];
};

/**
 * Decrypting: the CEK (binary) for `enc` from `encryptedKey` (binary) under
 * `key`. Malformed header parameters are `DecodeError` (PBES2 counts above
 * `maxPBES2Count` `InvalidTokenError`), checked before any key work; after
 * that this never fails: a failed unwrap gives a random CEK of the right
 * length, so the content tag fails as for any other tampering.
 */
export const unwrapCek = function (alg: string, enc: string, key: string, header: Header, encryptedKey: string, maxPBES2Count: number): string {
  if (alg === 'dir') {
    if (encryptedKey !== '') throw new DecodeError('with alg "dir" the encrypted key segment must be empty', 'ERR_JWT_MALFORMED');
    return key;
  }
  const n = cekBytes(enc);
  const kek = alg.charAt(0) === 'P' ? pbes2KekOf(alg, key, header, maxPBES2Count) : key;
  let cek: string | undefined;
  try {
    cek = alg.length === 9 ? gcmUnwrap(kek, header, encryptedKey) : bytesToBinary(aesKeyUnwrap(binaryToBytes(kek), binaryToBytes(encryptedKey)));
  } catch (e) {
    if (!(e instanceof DecryptionError)) throw e;
  }
  return cek !== undefined && cek.length === n ? cek : bytesToBinary(randomBytes(n));
};

/** PBES2 key-wrapping key: PBKDF2(password, UTF8(alg) || 0x00 || p2s, p2c) of the alg's AES key length. */
const pbes2Kek = function (alg: string, password: string, p2s: string, p2c: number): string {
  // "PBES2-HS256+A128KW": the HMAC hash is named at 6..10.
  const bits = alg.substr(8, 3);
  const hash: HashName = bits === '256' ? 'SHA-256' : bits === '384' ? 'SHA-384' : 'SHA-512';
  return bytesToBinary(pbkdf2(hash, binaryToBytes(password), binaryToBytes(alg + '\x00' + p2s), p2c, kekBytes(alg)));
};

/** The PBES2 key-wrapping key for an incoming header: `p2s` of at least 8 bytes, `p2c` a positive integer up to `max`. */
const pbes2KekOf = function (alg: string, password: string, header: Header, max: number): string {
  const p2s = header.p2s;
  const p2c = header.p2c;
  if (typeof p2s !== 'string' || typeof p2c !== 'number' || p2c < 1 || p2c % 1 !== 0) {
    throw new DecodeError('PBES2 needs the header parameters "p2s" (base64url salt) and "p2c" (a positive integer)', 'ERR_JWT_MALFORMED');
  }
  const salt = decodeBinary(p2s);
  if (salt.length < 8) throw new DecodeError('the PBES2 salt "p2s" must be at least 8 bytes', 'ERR_JWT_MALFORMED');
  if (p2c > max) throw new InvalidTokenError('the PBES2 count "p2c" ' + p2c + ' is above maxPBES2Count ' + max, 'ERR_JWE_PBES2_COUNT');
  return pbes2Kek(alg, password, salt, p2c);
};

/** AxxxGCMKW: `[cek, encryptedKey]`; the wrap's random IV and its tag go into the header. */
const gcmWrap = function (kek: string, cek: string, header: Header): string[] {
  const iv = randomBytes(12);
  const r = aesGcmEncrypt(binaryToBytes(kek), iv, binaryToBytes(cek), new Uint8Array(0));
  header.iv = encodeBinary(bytesToBinary(iv));
  header.tag = encodeBinary(bytesToBinary(r.tag));
  return [cek, bytesToBinary(r.ciphertext)];
};

/**
 * AxxxGCMKW: the unwrapped CEK. The header's `iv` (12 bytes) and `tag` (16
 * bytes) must be base64url strings (else DecodeError); a tag that does not
 * verify is the crypto layer's DecryptionError (the caller then continues
 * with a random CEK).
 */
const gcmUnwrap = function (kek: string, header: Header, encryptedKey: string): string {
  const iv = header.iv;
  const tag = header.tag;
  const ivBinary = typeof iv === 'string' ? decodeBinary(iv) : '';
  const tagBinary = typeof tag === 'string' ? decodeBinary(tag) : '';
  if (ivBinary.length !== 12 || tagBinary.length !== 16) throw new DecodeError('GCM key wrap needs the header parameters "iv" (12 bytes) and "tag" (16 bytes)', 'ERR_JWT_MALFORMED');
  return bytesToBinary(aesGcmDecrypt(binaryToBytes(kek), binaryToBytes(ivBinary), binaryToBytes(encryptedKey), binaryToBytes(tagBinary), new Uint8Array(0)));
};
