// @part jwe needs crypto, sign
/**
 * The key of a JWE operation: what the caller passes (a string meaning its
 * UTF-8 bytes, a Uint8Array, an `oct` JWK, or a KeySet) -> the secret bytes
 * as a binary string, with its size checked for the algorithms.
 *
 * Sizes (RFC 7518): `dir` takes exactly the CEK size of `enc` (32/48/64
 * bytes for AxxxCBC-HSyyy, 16/24/32 for AxxxGCM); AxxxKW and AxxxGCMKW take
 * exactly xxx bits; a PBES2 password any non-empty length. Anything else is
 * `InvalidKeyError` (code ERR_KEY_SIZE), never a silent truncation.
 *
 * A KeySet gives the one key that fits: its `kid` (the token's, or the
 * `kid` option when encrypting), its `alg` (the key-management algorithm,
 * or for `dir` also the `enc`), `use` "enc" and `key_ops` (encrypt/decrypt
 * for `dir`, wrapKey/unwrapKey for key wrapping, deriveKey for PBES2).
 * Unlike an HMAC secret, a JWE key is not checked for looking like PEM or
 * JSON text: AES keys are random bytes, which may start with any byte.
 */
import { InvalidKeyError } from '../errors';
import { bytesToBinary, isBytes } from '../codec/bytes';
import { encodeBinary as utf8EncodeBinary } from '../codec/utf8';
import { isPlainObject } from '../options';
import { jwkSecret, jwkPermits, KeyOp, OctJWK } from '../jwk/key';
import { KeySet } from '../jwk/keyset';
import { cekBytes } from './content';
import { kekBytes } from './keymanagement';

/** A resolved JWE key: its bytes (binary string) and, from a KeySet, its `kid`. */
export interface JweKey {
  binary: string;
  kid: string | undefined;
}

/**
 * The key for `alg`/`enc` (both supported), encrypting or (`decrypting`)
 * decrypting; `kid` picks the key of a KeySet (the token's when decrypting).
 */
export const resolveJweKey = function (key: unknown, alg: string, enc: string, kid: string | undefined, decrypting: boolean): JweKey {
  const binary = typeof key === 'string' ? utf8EncodeBinary(key) : isBytes(key) ? bytesToBinary(key) : undefined;
  const k = binary === undefined ? keyOfObject(key, alg, enc, kid, decrypting) : { binary: binary, kid: undefined };
  const n = k.binary.length;
  if (alg.charAt(0) === 'P' ? n === 0 : n !== (alg === 'dir' ? cekBytes(enc) : kekBytes(alg))) {
    throw new InvalidKeyError(alg.charAt(0) === 'P' ? 'a PBES2 password must not be empty' : 'the key has ' + n + ' bytes, not the size ' + (alg === 'dir' ? 'dir with ' + enc : alg) + ' needs', 'ERR_KEY_SIZE');
  }
  return k;
};

/** A KeySet's key or an `oct` JWK's, allowed for the operation; InvalidKeyError for anything else. */
const keyOfObject = function (key: unknown, alg: string, enc: string, kid: string | undefined, decrypting: boolean): JweKey {
  const op: KeyOp = alg === 'dir' ? (decrypting ? 'decrypt' : 'encrypt') : alg.charAt(0) === 'P' ? 'deriveKey' : decrypting ? 'unwrapKey' : 'wrapKey';
  // A dir key's JWK may name the content encryption as its alg (as in RFC 7520).
  const alias = alg === 'dir' ? enc : undefined;
  if (key instanceof KeySet) {
    const entry = key._select(alg, kid, op, alias);
    return { binary: entry.binary, kid: entry.jwk.kid };
  }
  if (!isPlainObject(key) || !Object.prototype.hasOwnProperty.call(key, 'kty')) throw new InvalidKeyError('a JWE key must be a string, a Uint8Array, an "oct" JWK or a KeySet', 'ERR_KEY_TYPE');
  const binary = jwkSecret(key);
  if (!jwkPermits(key as OctJWK, alg, op, alias)) throw new InvalidKeyError('the JWK does not allow ' + op + ' with ' + alg + ' (its alg, use or key_ops)', 'ERR_KEY_NO_MATCH');
  return { binary: binary, kid: undefined };
};
