// @part jwk
/**
 * `oct` JWK helpers: import/export (RFC 7517, RFC 7518 §6.4), thumbprints
 * (RFC 7638) and secret generation.
 */
import { InvalidKeyError, NotSupportedError, invalidArgument } from '../errors';
import { binaryToBytes, bytesToBinary, isBytes } from '../codec/bytes';
import { encode as base64urlEncode, encodeBinary } from '../codec/base64url';
import { encode as utf8Encode } from '../codec/utf8';
import { randomBytes, sha256 } from '../crypto/index';
import { checkAlgorithmName } from '../jws/options';
import { minKeyBytes } from '../jws/algorithms';
import { OctJWK, jwkSecret } from './key';

/** The secret of an `oct` JWK as bytes. With `alg`, the JWK's own `alg` (if any) must match. */
export const importJWK = function (jwk: OctJWK, alg?: string): Uint8Array {
  const binary = jwkSecret(jwk);
  if (alg !== undefined) {
    checkAlgorithmName('importJWK', alg);
    if (jwk.alg !== undefined && jwk.alg !== alg) throw new InvalidKeyError('the JWK is for ' + jwk.alg + ', not ' + alg, 'ERR_KEY_NO_MATCH');
  }
  return binaryToBytes(binary);
};

/** An `oct` JWK `{kty: 'oct', k}` for a secret (bytes, or a string meaning its UTF-8 bytes). */
export const exportJWK = function (key: Uint8Array | string): OctJWK {
  if (typeof key === 'string') return { kty: 'oct', k: base64urlEncode(utf8Encode(key)) };
  if (!isBytes(key)) return invalidArgument('exportJWK expects a Uint8Array or a string secret');
  return { kty: 'oct', k: encodeBinary(bytesToBinary(key)) };
};

/**
 * RFC 7638 JWK thumbprint (SHA-256, base64url) of an `oct` JWK: the hash of
 * `{"k":"...","kty":"oct"}`, the required members in lexicographic order
 * with no white space. `k` is validated base64url, so it needs no escaping.
 */
export const thumbprint = function (jwk: OctJWK, digestAlgorithm?: string): string {
  return base64urlEncode(sha256(thumbprintInput(jwk, digestAlgorithm)));
};

/**
 * What `thumbprint` hashes, once the arguments are checked: the JWK's
 * canonical members as UTF-8 bytes. Apart, so the core build can hash it
 * with the board's native SHA-256 (src/lean/jwk.ts).
 */
export const thumbprintInput = function (jwk: OctJWK, digestAlgorithm?: string): Uint8Array {
  if (digestAlgorithm !== undefined && digestAlgorithm !== 'sha256') throw new NotSupportedError('thumbprint: only the sha256 digest is supported');
  jwkSecret(jwk);
  return utf8Encode('{"k":"' + jwk.k + '","kty":"oct"}');
};

/** A random secret of the right size for `alg` (default HS256: 32 bytes), from the platform's secure RNG. */
export const generateSecret = function (alg?: string): Uint8Array {
  return randomBytes(secretSize(alg));
};

/** The size of a new secret for `alg` (default HS256), its hash size; `alg` checked. Apart for the core build, as thumbprintInput. */
export const secretSize = function (alg?: string): number {
  return minKeyBytes(alg === undefined ? 'HS256' : checkAlgorithmName('generateSecret', alg));
};
