/**
 * Key normalisation: what the caller passes as a key -> the secret's bytes,
 * as a binary string (one char per byte: what the native hashes take).
 *
 * Accepted: a string (its UTF-8 bytes), a Uint8Array, or an `oct` JWK
 * `{kty: 'oct', k, alg?, use?, key_ops?, kid?}`. Refused with
 * `InvalidKeyError`: anything else, a string or bytes that look like a PEM
 * key, an SSH public key or a JSON text (a public key or a JWK pasted where
 * the HMAC secret belongs is the classic algorithm-confusion mistake), a JWK
 * whose `alg`/`use`/`key_ops` forbid the operation, and keys shorter than the
 * hash size (RFC 7518 §3.2) unless the caller lowers `minKeyLength`.
 *
 * One-line helpers (own-property test, prefix test) are written out where
 * they are used: on the device each function made at load costs RAM.
 */
import { InvalidKeyError, DecodeError } from '../errors';
import { isPlainObject } from '../options';
import { bytesToBinary, isBytes } from '../codec/bytes';
import { decodeBinary } from '../codec/base64url';
import { encodeBinary as utf8EncodeBinary } from '../codec/utf8';
import { minKeyBytes } from '../jws/algorithms';

/** An `oct` JSON Web Key (RFC 7517 §4, RFC 7518 §6.4). */
export interface OctJWK {
  kty: 'oct';
  k: string;
  kid?: string;
  alg?: string;
  use?: string;
  key_ops?: string[];
  [member: string]: unknown;
}

/** What a key argument may be. */
export type KeyLike = string | Uint8Array | OctJWK;

/**
 * The JWK `key_ops` value an operation needs (RFC 7517 §4.3): 'sign' and
 * 'verify' for JWS (`use` "sig"), the others for JWE (`use` "enc").
 */
export type KeyOp = 'sign' | 'verify' | 'encrypt' | 'decrypt' | 'wrapKey' | 'unwrapKey' | 'deriveKey';

/** The secret of an `oct` JWK as a binary string; `InvalidKeyError` (ERR_KEY_TYPE) if it is not one. */
export const jwkSecret = function (jwk: unknown): string {
  if (!isPlainObject(jwk)) throw new InvalidKeyError('a JWK must be a plain object', 'ERR_KEY_TYPE');
  if (jwk.kty !== 'oct') throw new InvalidKeyError('only "oct" JWKs (HMAC secrets) are supported, got kty ' + JSON.stringify(String(jwk.kty)), 'ERR_KEY_TYPE');
  if (typeof jwk.k !== 'string') throw new InvalidKeyError('an "oct" JWK needs its secret as a base64url string "k"', 'ERR_KEY_TYPE');
  const optional = ['kid', 'alg', 'use'];
  for (let i = 0; i < optional.length; i++) {
    if (Object.prototype.hasOwnProperty.call(jwk, optional[i]) && typeof jwk[optional[i]] !== 'string') throw new InvalidKeyError('JWK "' + optional[i] + '" must be a string', 'ERR_KEY_TYPE');
  }
  if (Object.prototype.hasOwnProperty.call(jwk, 'key_ops')) {
    const ops = jwk.key_ops;
    let ok = Array.isArray(ops);
    if (ok) for (let i = 0; i < (ops as unknown[]).length; i++) if (typeof (ops as unknown[])[i] !== 'string') ok = false;
    if (!ok) throw new InvalidKeyError('JWK "key_ops" must be an array of strings', 'ERR_KEY_TYPE');
  }
  try {
    return decodeBinary(jwk.k);
  } catch (e) {
    if (e instanceof DecodeError) throw new InvalidKeyError('JWK "k" is not valid base64url', 'ERR_KEY_TYPE');
    throw e;
  }
};

/**
 * Whether a (validated) JWK may be used for `op` with `alg`: its `alg`, `use`
 * and `key_ops` allow it. `alias` is a second accepted `alg` (a JWE `dir`
 * key may name its content encryption, e.g. "A128GCM", as its `alg`).
 */
export const jwkPermits = function (jwk: OctJWK, alg: string, op: KeyOp, alias?: string): boolean {
  if (jwk.alg !== undefined && jwk.alg !== alg && (alias === undefined || jwk.alg !== alias)) return false;
  if (jwk.use !== undefined && jwk.use !== (op === 'sign' || op === 'verify' ? 'sig' : 'enc')) return false;
  if (jwk.key_ops !== undefined) {
    for (let i = 0; i < jwk.key_ops.length; i++) if (jwk.key_ops[i] === op) return true;
    return false;
  }
  return true;
};

/**
 * True when a secret looks like a public/private key or a JSON text: PEM,
 * OpenSSH public keys, or a JSON object (e.g. a JWK given as text).
 */
export const looksLikeKeyText = function (binary: string): boolean {
  let i = 0;
  while (i < binary.length && binary.charCodeAt(i) <= 32) i++;
  const c = binary.charAt(i);
  if (c === '{') return true;
  // Prefixes compared with substr (multi-char indexOf is buggy on Espruino).
  if (c === '-') return binary.substr(i, 10) === '-----BEGIN';
  if (c === 's') return binary.substr(i, 8) === 'ssh-rsa ' || binary.substr(i, 12) === 'ssh-ed25519 ' || binary.substr(i, 8) === 'ssh-dss ';
  if (c === 'e') return binary.substr(i, 11) === 'ecdsa-sha2-';
  return false;
};

/**
 * The secret bytes (binary string) of `key` for `op` with `alg`. Does not
 * check the length (see `checkKeyLength`).
 */
export const keyBinary = function (key: unknown, alg: string, op: KeyOp): string {
  let binary: string;
  if (typeof key === 'string') {
    binary = utf8EncodeBinary(key);
  } else if (isBytes(key)) {
    binary = bytesToBinary(key);
  } else if (isPlainObject(key) && Object.prototype.hasOwnProperty.call(key, 'kty')) {
    binary = jwkSecret(key);
    if (!jwkPermits(key as OctJWK, alg, op)) {
      throw new InvalidKeyError('the JWK does not allow ' + op + ' with ' + alg + ' (its alg, use or key_ops)', 'ERR_KEY_NO_MATCH');
    }
    return binary;
  } else {
    throw new InvalidKeyError('an HMAC key must be a string, a Uint8Array, an "oct" JWK or a KeySet', 'ERR_KEY_TYPE');
  }
  if (looksLikeKeyText(binary)) {
    throw new InvalidKeyError('the secret looks like a PEM/SSH key or a JSON text, not an HMAC secret', 'ERR_KEY_TYPE');
  }
  return binary;
};

/** Throw `InvalidKeyError` (ERR_KEY_TOO_SHORT) unless the key has at least `minKeyLength` bytes (default: the hash size). */
export const checkKeyLength = function (binary: string, alg: string, minKeyLength: number | undefined): void {
  const min = minKeyLength === undefined ? minKeyBytes(alg) : minKeyLength;
  if (binary.length < min || binary.length === 0) {
    throw new InvalidKeyError('the key has ' + binary.length + ' bytes; ' + alg + ' needs at least ' + (min || 1) + ' (RFC 7518 3.2; lower with minKeyLength)', 'ERR_KEY_TOO_SHORT');
  }
};

/**
 * The last string key's checked bytes: `[key, alg, op, minKeyLength, binary]`.
 * A device signs or verifies under the same secret again and again, and
 * turning it into bytes and checking them is five interpreted calls each
 * time. Only a string key is kept: the same text always gives the same bytes
 * and the same verdicts, while a Uint8Array or a JWK may be changed in place.
 */
let lastKey: (string | number | undefined)[] | undefined;

/** `keyBinary` then `checkKeyLength`: the secret bytes of `key` for `op` with `alg`, long enough. */
export const checkedKeyBinary = function (key: unknown, alg: string, op: KeyOp, minKeyLength: number | undefined): string {
  const c = lastKey;
  if (c && c[0] === key && c[1] === alg && c[2] === op && c[3] === minKeyLength) return c[4] as string;
  const binary = keyBinary(key, alg, op);
  checkKeyLength(binary, alg, minKeyLength);
  if (typeof key === 'string') lastKey = [key, alg, op, minKeyLength, binary];
  return binary;
};
