// @part jws needs sign
/**
 * The JWS-level API, `microjwt.jws.sign` and `microjwt.jws.verify`: compact
 * JWS over any payload (bytes or a string), on the same signing and
 * verification code as JWTs (./sign.ts, ./verify.ts).
 *
 * A lazy part (src/host/lazyparts.mjs): most scripts sign and verify JWTs
 * only, so until `jws.*` is first called a board holds two stubs instead of
 * these functions and their option checks.
 */
import { invalidArgument } from '../errors';
import { bytesToBinary, binaryToBytes, isBytes } from '../codec/bytes';
import { encodeBinary as utf8EncodeBinary } from '../codec/utf8';
import { checkOptionTable, optionsError } from '../options';
import { checkJwsAlgorithms, JWSSignOptions, JWSVerifyOptions } from './options';
import { parseObject, Header } from './header';
import { resolveSigningKey, signWith } from './sign';
import { verifyJwsCore } from './verify';

/** `jws.verify` options, checked (required, with `algorithms`). */
export const checkJwsVerifyOptions = function (options: unknown): JWSVerifyOptions {
  if (options === undefined) optionsError('jws.verify: options with "algorithms" are required');
  return checkJwsAlgorithms('jws.verify', checkOptionTable<JWSVerifyOptions>('jws.verify', options, ' algorithms:A crit:A maxTokenLength:I minKeyLength:I'), true);
};

/** `jws.sign` options, checked; absent means defaults. */
export const checkJwsSignOptions = function (options: unknown): JWSSignOptions {
  if (options === undefined) return {};
  return checkJwsAlgorithms('jws.sign', checkOptionTable<JWSSignOptions>('jws.sign', options, ' algorithm:S header:O kid:S minKeyLength:I'), false);
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
  return signWith('jws.sign', resolveSigningKey(key, opts), opts, payloadBinary);
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
  return { header: parseObject(v.info.binary, 'JOSE header'), payload: binaryToBytes(v.payloadBinary) };
};

let api: { sign: typeof jwsSign; verify: typeof jwsVerify } | undefined;

/** `microjwt.jws`, made on first access (a getter on the API object): the part loads only when a script uses it. */
export const jwsApi = function (): { sign: typeof jwsSign; verify: typeof jwsVerify } {
  return api || (api = { sign: jwsSign, verify: jwsVerify });
};
