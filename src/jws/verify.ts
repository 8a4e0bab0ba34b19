/**
 * JWS verification, compact form, HMAC algorithms, in the order the spec fixes:
 * length limit -> 3 segments -> strict base64url -> header JSON object ->
 * `crit` -> `alg` (never "none", must be allowed) -> key for this `alg` ->
 * constant-time signature check. Payload parsing is the caller's (JWT) step.
 *
 * Hot path on the device: `indexOf('.')` splits, the base64url regex and
 * `atob` decode, the header is usually a cache hit, and the MAC is the cached
 * HMAC closure over the native hash of the signing input as received.
 */
import { DecodeError, InvalidSignatureError } from '../errors';
import { decodeBinary } from '../codec/base64url';
import { binaryToBytes } from '../codec/bytes';
import { timingSafeEqualBinary, HashName } from '../crypto/index';
import { split, DEFAULT_MAX_TOKEN_LENGTH } from './compact';
import { readHeader, exposeHeader, checkCrit, checkAlg, HeaderInfo, Header } from './header';
import { hashOf } from './algorithms';
import { macFor } from './mac';
import { keyBinary, checkKeyLength } from '../jwk/key';
import { isKeySet } from '../jwk/keyset';
import { checkJwsVerifyOptions, JWSVerifyOptions } from '../jwt/options';

/** What a verified compact JWS yields internally. */
export interface VerifiedJws {
  /** The header (private, cached object: use `exposeHeader` to hand it out). */
  info: HeaderInfo;
  alg: string;
  /** The payload bytes, as a binary string. */
  payloadBinary: string;
  /** The signature segment, base64url, as received. */
  signature: string;
}

const hasOwn = function (o: object, name: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, name);
};

/** Verify a compact JWS under `key` (a key or a KeySet); options already checked. */
export const verifyJwsCore = function (token: unknown, key: unknown, opts: JWSVerifyOptions): VerifiedJws {
  const seg = split(token, opts.maxTokenLength === undefined ? DEFAULT_MAX_TOKEN_LENGTH : opts.maxTokenLength);
  const payloadBinary = decodeBinary(seg.payload);
  const signatureBinary = decodeBinary(seg.signature);
  const info = readHeader(seg.header);
  const header = info.header;
  const kid = hasOwn(header, 'kid') ? header.kid : undefined;
  if (kid !== undefined && typeof kid !== 'string') throw new DecodeError('the header "kid" must be a string', 'ERR_JWT_MALFORMED');
  if (hasOwn(header, 'typ') && typeof header.typ !== 'string') throw new DecodeError('the header "typ" must be a string', 'ERR_JWT_MALFORMED');
  checkCrit(header, opts.crit);
  const alg = checkAlg(header, opts.algorithms);
  const binary = isKeySet(key) ? key._select(alg, kid as string | undefined, 'verify').binary : keyBinary(key, alg, 'verify');
  checkKeyLength(binary, alg, opts.minKeyLength);
  const expected = macFor(hashOf(alg) as HashName, binary)(seg.input);
  if (signatureBinary.length !== expected.length || !timingSafeEqualBinary(expected, signatureBinary)) {
    throw new InvalidSignatureError('signature verification failed');
  }
  return { info: info, alg: alg, payloadBinary: payloadBinary, signature: seg.signature };
};

/** Result of `jws.verify`. */
export interface JWSVerifyResult {
  header: Header;
  payload: Uint8Array;
}

/**
 * `jws.verify(token, key, {algorithms, crit, maxTokenLength, minKeyLength})`:
 * verify a compact JWS whose payload is any bytes; returns the header and
 * the payload as a Uint8Array.
 */
export const jwsVerify = function (token: string, key: unknown, options: JWSVerifyOptions): JWSVerifyResult {
  const v = verifyJwsCore(token, key, checkJwsVerifyOptions(options));
  return { header: exposeHeader(v.info), payload: binaryToBytes(v.payloadBinary) };
};
