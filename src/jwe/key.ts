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
  const op: KeyOp = alg === 'dir' ? (decrypting ? 'decrypt' : 'encrypt') : alg.charAt(0) === 'P' ? 'deriveKey' : decrypting ? 'unwrapKey' : 'wrapKey';
  // A dir key's JWK may name the content encryption as its alg (as in RFC 7520).
  const alias = alg === 'dir' ? enc : undefined;
  let binary: string;
  let setKid: string | undefined;
  if (key instanceof KeySet) {
    const entry = key._select(alg, kid, op, alias);
    binary = entry.binary;
    setKid = entry.jwk.kid;
  } else if (typeof key === 'string') {
    binary = utf8EncodeBinary(key);
  } else if (isBytes(key)) {
    binary = bytesToBinary(key);
  } else if (isPlainObject(key) && Object.prototype.hasOwnProperty.call(key, 'kty')) {
    binary = jwkSecret(key);
    if (!jwkPermits(key as OctJWK, alg, op, alias)) throw new InvalidKeyError('the JWK does not allow ' + op + ' with ' + alg + ' (its alg, use or key_ops)', 'ERR_KEY_NO_MATCH');
  } else {
    throw new InvalidKeyError('a JWE key must be a string, a Uint8Array, an "oct" JWK or a KeySet', 'ERR_KEY_TYPE');
  }
  const want = alg === 'dir' ? cekBytes(enc) : kekBytes(alg);
  if (alg.charAt(0) === 'P' ? binary.length === 0 : binary.length !== want) {
    throw new InvalidKeyError(alg.charAt(0) === 'P' ? 'a PBES2 password must not be empty' : 'the key has ' + binary.length + ' bytes; ' + (alg === 'dir' ? 'dir with ' + enc : alg) + ' needs exactly ' + want, 'ERR_KEY_SIZE');
  }
  return { binary: binary, kid: setKid };
};
