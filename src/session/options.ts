// @part session needs crypto
/**
 * The options of `new MicroJWT(secretKey, options)`, checked at construction
 * (a bad one is `JWTError` ERR_OPTIONS_INVALID), and the secret key (at
 * least 32 bytes, and at least the hash size for HS384/HS512: RFC 7518
 * §3.2; else `InvalidKeyError`).
 */
import { InvalidKeyError } from '../errors';
import { checkOptionTable, optionsError } from '../options';
import { isBytes } from '../codec/bytes';
import { hashOf, minKeyBytes } from '../jws/algorithms';
import { keyBinary } from '../jwk/key';
import { levelOf } from './logger';
import { Clock } from '../clock';

export interface MicroJWTOptions {
  algorithm?: string;
  ttl?: number;
  refreshTtl?: number;
  logLevel?: string;
  silent?: boolean;
  logger?: { info(m: string): void; warning(m: string): void; error(m: string): void };
  revocationStore?: { add(jti: string, exp: number): boolean; has(jti: string): boolean; clear(before?: number): number };
  clock?: Clock;
  minClock?: number;
  leeway?: number;
  issuer?: string;
  kdf?: { iterations?: number; salt?: string | Uint8Array };
  /** Longest token accepted, in chars (default 1536), checked before anything is decoded (see SESSION_MAX_TOKEN_LENGTH). */
  maxTokenLength?: number;
}

/** Checked options (defaults filled in by the caller). */
export const checkMicroJWTOptions = function (options: unknown): MicroJWTOptions {
  if (options === undefined) return {};
  const o = checkOptionTable<MicroJWTOptions>(
    'MicroJWT',
    options,
    ' algorithm:S ttl:P refreshTtl:P logLevel:S silent:B logger:T revocationStore:T clock:F minClock:P leeway:P issuer:S kdf:O maxTokenLength:I',
  );
  if (o.algorithm !== undefined && hashOf(o.algorithm) === undefined) optionsError('MicroJWT: option "algorithm" must be "HS256", "HS384" or "HS512"');
  if (o.ttl === 0 || o.refreshTtl === 0) optionsError('MicroJWT: options "ttl" and "refreshTtl" must be more than 0 seconds');
  levelOf('MicroJWT', o.logLevel);
  const l = o.logger as unknown as { [m: string]: unknown } | undefined;
  if (l !== undefined && (typeof l.info !== 'function' || typeof l.warning !== 'function' || typeof l.error !== 'function')) {
    optionsError('MicroJWT: option "logger" must have info, warning and error methods');
  }
  const s = o.revocationStore as unknown as { [m: string]: unknown } | undefined;
  if (s !== undefined && (typeof s.add !== 'function' || typeof s.has !== 'function' || typeof s.clear !== 'function')) {
    optionsError('MicroJWT: option "revocationStore" must have add, has and clear methods');
  }
  const k = o.kdf;
  if (k !== undefined) {
    // salt may be a string or bytes; the table checks the rest (and typos).
    const rest: { [name: string]: unknown } = {};
    const names = Object.keys(k);
    for (let i = 0; i < names.length; i++) if (names[i] !== 'salt') rest[names[i]] = (k as { [name: string]: unknown })[names[i]];
    checkOptionTable('MicroJWT kdf', rest, ' iterations:I');
    if (k.iterations !== undefined && k.iterations > 10000000) optionsError('MicroJWT: kdf.iterations must be at most 10000000');
    if (k.salt !== undefined && (typeof k.salt === 'string' ? k.salt === '' : !isBytes(k.salt) || k.salt.length === 0)) optionsError('MicroJWT: kdf.salt must be a non-empty string or Uint8Array');
  }
  return o;
};

/** The secret key as its bytes (binary string), checked: string or Uint8Array, not a pasted PEM/JWK, long enough. */
export const secretBinary = function (key: unknown, alg: string): string {
  if (typeof key !== 'string' && !isBytes(key)) throw new InvalidKeyError('MicroJWT: the secret key must be a string or a Uint8Array', 'ERR_KEY_TYPE');
  const binary = keyBinary(key, alg, 'sign');
  const min = minKeyBytes(alg) > 32 ? minKeyBytes(alg) : 32;
  if (binary.length < min) throw new InvalidKeyError('MicroJWT: the secret key must be at least ' + min + ' bytes for ' + alg, 'ERR_KEY_TOO_SHORT');
  return binary;
};
