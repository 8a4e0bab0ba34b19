/**
 * Option checking for sign/verify, at call time.
 *
 * Every option is checked before the token is looked at: a wrong type, an
 * unknown name (a typo such as `audiance` would otherwise silently drop a
 * check) or a missing `algorithms` throws `JWTError` with code
 * `ERR_OPTIONS_INVALID`. An option set to `undefined` counts as absent.
 */
import { JWTError, NotSupportedError } from '../errors';
import { ALGORITHMS, isNone } from '../jws/algorithms';
import { isPlainObject } from '../jwk/key';
import { Clock } from '../clock';
import { Header } from '../jws/header';

/** Options of `jws.verify`. */
export interface JWSVerifyOptions {
  /** The algorithms accepted (required): a token whose `alg` is not listed is refused. */
  algorithms: string[];
  /** Names of `crit` header extensions the caller understands. */
  crit?: string[];
  /** Longest token accepted, in chars (default 4096); checked before anything is decoded. */
  maxTokenLength?: number;
  /** Lowers (or raises) the minimum key length in bytes (default: the hash size). */
  minKeyLength?: number;
}

/** Options of `verify`. */
export interface VerifyOptions extends JWSVerifyOptions {
  audience?: string | string[];
  issuer?: string | string[];
  subject?: string;
  typ?: string;
  leeway?: number;
  maxAge?: number;
  requiredClaims?: string[];
  clock?: Clock;
  currentTime?: number;
  minClock?: number;
  validate?: (payload: { [claim: string]: unknown }, header: Header) => void;
  complete?: boolean;
}

/** Options of `jws.sign`. */
export interface JWSSignOptions {
  algorithm?: string;
  header?: { [name: string]: unknown };
  kid?: string;
  minKeyLength?: number;
}

/** Options of `sign`. */
export interface SignOptions extends JWSSignOptions {
  typ?: string;
  expiresIn?: number;
  notBefore?: number;
  issuer?: string;
  subject?: string;
  audience?: string | string[];
  jwtid?: string | true;
  noTimestamp?: boolean;
  clock?: Clock;
  currentTime?: number;
  minClock?: number;
}

type Check = (v: unknown) => boolean;

const isString: Check = function (v) {
  return typeof v === 'string';
};
const isStrings: Check = function (v) {
  if (!Array.isArray(v)) return false;
  for (let i = 0; i < v.length; i++) if (typeof v[i] !== 'string') return false;
  return true;
};
const isStringOrStrings: Check = function (v) {
  return typeof v === 'string' || (isStrings(v) && (v as string[]).length > 0);
};
const isNumber: Check = function (v) {
  return typeof v === 'number' && isFinite(v);
};
const isNonNegative: Check = function (v) {
  return typeof v === 'number' && isFinite(v) && v >= 0;
};
const isPositiveInteger: Check = function (v) {
  return typeof v === 'number' && isFinite(v) && v >= 1 && Math.floor(v) === v;
};
const isFunction: Check = function (v) {
  return typeof v === 'function';
};
const isBoolean: Check = function (v) {
  return typeof v === 'boolean';
};
const isJwtId: Check = function (v) {
  return typeof v === 'string' || v === true;
};

type Rules = { [name: string]: [Check, string] };

const ALGS: [Check, string] = [isStrings, 'a non-empty array of algorithm names'];
const CRIT: [Check, string] = [isStrings, 'an array of header names'];
const MAX_LEN: [Check, string] = [isPositiveInteger, 'a positive integer (chars)'];
const MIN_KEY: [Check, string] = [isPositiveInteger, 'a positive integer (bytes)'];
const CLOCK: [Check, string] = [isFunction, 'a function returning seconds'];
const TIME: [Check, string] = [isNumber, 'a finite number of seconds'];
const MIN_CLOCK: [Check, string] = [isNonNegative, 'a number of seconds >= 0 (0 turns the check off)'];
const AUD: [Check, string] = [isStringOrStrings, 'a string or a non-empty array of strings'];
const STRING: [Check, string] = [isString, 'a string'];
const HEADER: [Check, string] = [isPlainObject, 'a plain object'];

const JWS_VERIFY_RULES: Rules = { algorithms: ALGS, crit: CRIT, maxTokenLength: MAX_LEN, minKeyLength: MIN_KEY };
const VERIFY_RULES: Rules = {
  algorithms: ALGS,
  crit: CRIT,
  maxTokenLength: MAX_LEN,
  minKeyLength: MIN_KEY,
  audience: AUD,
  issuer: AUD,
  subject: STRING,
  typ: STRING,
  leeway: [isNonNegative, 'a finite number of seconds >= 0'],
  maxAge: [isNonNegative, 'a finite number of seconds >= 0'],
  requiredClaims: [isStrings, 'an array of claim names'],
  clock: CLOCK,
  currentTime: TIME,
  minClock: MIN_CLOCK,
  validate: [isFunction, 'a function (payload, header)'],
  complete: [isBoolean, 'a boolean'],
};
const JWS_SIGN_RULES: Rules = { algorithm: STRING, header: HEADER, kid: STRING, minKeyLength: MIN_KEY };
const SIGN_RULES: Rules = {
  algorithm: STRING,
  header: HEADER,
  kid: STRING,
  minKeyLength: MIN_KEY,
  typ: STRING,
  expiresIn: TIME,
  notBefore: TIME,
  issuer: STRING,
  subject: STRING,
  audience: AUD,
  jwtid: [isJwtId, 'a string, or true for a random id'],
  noTimestamp: [isBoolean, 'a boolean'],
  clock: CLOCK,
  currentTime: TIME,
  minClock: MIN_CLOCK,
};

const invalid = function (message: string): never {
  throw new JWTError(message, 'ERR_OPTIONS_INVALID');
};

/** An algorithm name that microjwt supports; 'none' is an options error, other JWS names are not supported. */
export const checkAlgorithmName = function (fn: string, alg: unknown): string {
  if (typeof alg !== 'string' || alg === '') return invalid(fn + ': an algorithm name must be a non-empty string');
  if (isNone(alg)) return invalid(fn + ': alg "none" (unsecured JWS) is never allowed');
  for (let i = 0; i < ALGORITHMS.length; i++) if (ALGORITHMS[i] === alg) return alg;
  throw new NotSupportedError(fn + ': algorithm ' + JSON.stringify(alg) + ' is not supported (microjwt does ' + ALGORITHMS.join(', ') + ')');
};

const checkRules = function (fn: string, options: unknown, rules: Rules): void {
  if (!isPlainObject(options)) {
    invalid(fn + ': options must be a plain object');
    return;
  }
  const names = Object.keys(options);
  for (let i = 0; i < names.length; i++) {
    const name = names[i];
    const value = options[name];
    if (value === undefined) continue;
    if (!Object.prototype.hasOwnProperty.call(rules, name)) invalid(fn + ': unknown option "' + name + '"');
    const rule = rules[name];
    if (!rule[0](value)) invalid(fn + ': option "' + name + '" must be ' + rule[1]);
  }
  if (options.clock !== undefined && options.currentTime !== undefined) invalid(fn + ': give clock or currentTime, not both');
};

const checkVerifyCommon = function (fn: string, options: unknown, rules: Rules): void {
  if (options === undefined) invalid(fn + ': options with "algorithms" are required');
  checkRules(fn, options, rules);
  const algs = (options as { algorithms?: unknown[] }).algorithms;
  if (algs === undefined || algs.length === 0) invalid(fn + ': option "algorithms" is required (a non-empty array, e.g. ["HS256"])');
  for (let i = 0; i < (algs as unknown[]).length; i++) checkAlgorithmName(fn, (algs as unknown[])[i]);
};

/** Validate `verify` options (throws `ERR_OPTIONS_INVALID`); returns them typed. */
export const checkVerifyOptions = function (options: unknown): VerifyOptions {
  checkVerifyCommon('verify', options, VERIFY_RULES);
  return options as VerifyOptions;
};

/** Validate `jws.verify` options. */
export const checkJwsVerifyOptions = function (options: unknown): JWSVerifyOptions {
  checkVerifyCommon('jws.verify', options, JWS_VERIFY_RULES);
  return options as JWSVerifyOptions;
};

/** Validate `sign` options (absent means defaults). */
export const checkSignOptions = function (options: unknown): SignOptions {
  if (options === undefined) return {};
  checkRules('sign', options, SIGN_RULES);
  const o = options as SignOptions;
  if (o.algorithm !== undefined) checkAlgorithmName('sign', o.algorithm);
  return o;
};

/** Validate `jws.sign` options (absent means defaults). */
export const checkJwsSignOptions = function (options: unknown): JWSSignOptions {
  if (options === undefined) return {};
  checkRules('jws.sign', options, JWS_SIGN_RULES);
  const o = options as JWSSignOptions;
  if (o.algorithm !== undefined) checkAlgorithmName('jws.sign', o.algorithm);
  return o;
};
