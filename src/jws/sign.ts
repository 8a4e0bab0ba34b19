/**
 * JWS signing, compact form, HMAC algorithms.
 *
 * On the device the cost is native calls: `stringifyJson` (UTF-8-correct),
 * `btoa` via `encodeBinary`, and the cached HMAC closure over the native hash.
 * The header segment of the common case (no extra header fields) is cached.
 */
import { InvalidKeyError, JWTError, InvalidTokenError, invalidArgument } from '../errors';
import { encodeBinary } from '../codec/base64url';
import { stringifyJson } from '../codec/json';
import { bytesToBinary, isBytes } from '../codec/bytes';
import { encodeBinary as utf8EncodeBinary } from '../codec/utf8';
import { hashOf } from './algorithms';
import { macFor } from './mac';
import { checkCrit, Header } from './header';
import { checkAlgorithmName, checkJwsSignOptions, JWSSignOptions } from '../jwt/options';
import { keyBinary, checkKeyLength, isPlainObject, jwkPermits, OctJWK } from '../jwk/key';
import { isKeySet } from '../jwk/keyset';
import { HashName } from '../crypto/index';

/** The key a token is signed with: algorithm, secret bytes (binary string), and the `kid` a KeySet names. */
export interface SigningKey {
  alg: string;
  binary: string;
  kid: string | undefined;
}

const hasOwn = function (o: object, name: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, name);
};

const optionsError = function (message: string): never {
  throw new JWTError(message, 'ERR_OPTIONS_INVALID');
};

/**
 * Resolve the signing key: a KeySet's signing key (its `kid` goes into the
 * header), or a single key. The algorithm is `algorithm`, else the JWK's
 * `alg`, else HS256.
 */
export const resolveSigningKey = function (key: unknown, algorithm: string | undefined, minKeyLength: number | undefined): SigningKey {
  let alg = algorithm;
  let binary: string;
  let kid: string | undefined;
  if (isKeySet(key)) {
    const entry = key._signing;
    if (alg === undefined) alg = entry.jwk.alg === undefined ? 'HS256' : checkAlgorithmName('sign', entry.jwk.alg);
    if (!jwkPermits(entry.jwk, alg, 'sign')) throw new InvalidKeyError('the signing key of the set does not allow sign with ' + alg + ' (its alg, use or key_ops)', 'ERR_KEY_NO_MATCH');
    binary = entry.binary;
    kid = entry.jwk.kid;
  } else {
    if (alg === undefined) {
      const jwkAlg = isPlainObject(key) && hasOwn(key, 'kty') ? (key as OctJWK).alg : undefined;
      alg = jwkAlg === undefined ? 'HS256' : checkAlgorithmName('sign', jwkAlg);
    }
    binary = keyBinary(key, alg, 'sign');
  }
  checkKeyLength(binary, alg, minKeyLength);
  return { alg: alg, binary: binary, kid: kid };
};

// One-entry cache of the header segment for headers without extra fields.
let lastAlg = '';
let lastTyp: string | undefined;
let lastKid: string | undefined;
let lastSegment = '';

/** The base64url header segment for `alg`, `typ`, `kid` and extra fields (`alg` cannot be overridden). */
export const headerSegment = function (alg: string, typ: string | undefined, kid: string | undefined, extra: Header | undefined): string {
  if (extra === undefined) {
    if (lastSegment !== '' && alg === lastAlg && typ === lastTyp && kid === lastKid) return lastSegment;
  }
  const header: Header = { alg: alg };
  if (typ !== undefined) header.typ = typ;
  if (kid !== undefined) header.kid = kid;
  if (extra !== undefined) {
    const names = Object.keys(extra);
    for (let i = 0; i < names.length; i++) {
      const name = names[i];
      const value = extra[name];
      if (value === undefined) continue;
      if (name === 'alg' || name === 'typ' || name === 'kid') {
        if (value !== header[name]) optionsError('header.' + name + ' conflicts with the ' + (name === 'alg' ? 'algorithm' : name) + ' in use');
        continue;
      }
      header[name] = value;
    }
    try {
      checkCrit(header, hasOwn(header, 'crit') && Array.isArray(header.crit) ? (header.crit as string[]) : undefined);
    } catch (e) {
      if (e instanceof InvalidTokenError) optionsError('header: ' + e.message);
      throw e;
    }
  }
  const segment = encodeBinary(stringifyJson(header));
  if (extra === undefined) {
    lastAlg = alg;
    lastTyp = typ;
    lastKid = kid;
    lastSegment = segment;
  }
  return segment;
};

/** Sign `payloadBinary` (bytes as a binary string) under a resolved key: the compact JWS. */
export const signBinary = function (headerSeg: string, payloadBinary: string, sk: SigningKey): string {
  const input = headerSeg + '.' + encodeBinary(payloadBinary);
  const mac = macFor(hashOf(sk.alg) as HashName, sk.binary);
  return input + '.' + encodeBinary(mac(input));
};

/** Header fields a caller's `kid`/`typ` options and `header` object give, reconciled. */
export const pick = function (option: string | undefined, header: Header | undefined, name: string): string | undefined {
  if (option !== undefined) return option;
  if (header !== undefined && hasOwn(header, name) && header[name] !== undefined) {
    const v = header[name];
    if (typeof v !== 'string') optionsError('header.' + name + ' must be a string');
    return v as string;
  }
  return undefined;
};

/**
 * `jws.sign(payload, key, {algorithm, header, kid})`: a compact JWS over any
 * payload (a string, meaning its UTF-8 bytes, or a Uint8Array). No `typ` is
 * added; give one in `header` if wanted.
 */
export const jwsSign = function (payload: string | Uint8Array, key: unknown, options?: JWSSignOptions): string {
  const opts = checkJwsSignOptions(options);
  let payloadBinary: string;
  if (typeof payload === 'string') payloadBinary = utf8EncodeBinary(payload);
  else if (isBytes(payload)) payloadBinary = bytesToBinary(payload);
  else return invalidArgument('jws.sign: the payload must be a string or a Uint8Array');
  const sk = resolveSigningKey(key, opts.algorithm, opts.minKeyLength);
  let kid = pick(opts.kid, opts.header, 'kid');
  if (sk.kid !== undefined) {
    if (kid !== undefined && kid !== sk.kid) optionsError('jws.sign: kid conflicts with the signing key of the set');
    kid = sk.kid;
  }
  return signBinary(headerSegment(sk.alg, pick(undefined, opts.header, 'typ'), kid, opts.header), payloadBinary, sk);
};
