/**
 * Option checking for sign/verify, at call time.
 *
 * Every option is checked before the token is looked at: a wrong type, an
 * unknown name (a typo such as `audiance` would otherwise silently drop a
 * check) or a missing `algorithms` throws `JWTError` with code
 * `ERR_OPTIONS_INVALID`. An option set to `undefined` counts as absent.
 *
 * Why a string in the code and not a table of rules: on the device a table
 * made at load (names, check functions, message strings) cost ~370 JsVars for
 * as long as the module is loaded, while code stays in flash. Why not a
 * `switch` on the name either: the interpreter reads (lexes) every character
 * of a function it runs, skipped branches and code after a `return`
 * included, so a long `switch` made each option cost as much as lexing all
 * of it. Here each option costs one native `indexOf` and a short check; the
 * descriptions for error messages sit in `optionsError`, which runs only on
 * an error.
 */
import { JWTError, NotSupportedError } from '../errors';
import { hashOf } from '../jws/algorithms';
import { isPlainObject } from '../jwk/key';
import { isAudience } from './claims';
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

/**
 * Throw `JWTError` with code `ERR_OPTIONS_INVALID`. With `option` (a kind
 * letter of `checkOptions`'s table, then the option's name), the message ends
 * with what that option must be: the descriptions live here, in code that
 * runs only on an error, so the checks themselves stay short.
 */
export const optionsError = function (message: string, option?: string): never {
  if (option !== undefined) {
    const k = option.charAt(0);
    const name = option.substr(1);
    if (k === 'S') message += 'a string';
    else if (k === 'A') message += name === 'algorithms' ? 'a non-empty array of algorithm names' : name === 'crit' ? 'an array of header names' : 'an array of claim names';
    else if (k === 'U') message += 'a string or a non-empty array of strings';
    else if (k === 'N') message += 'a finite number of seconds';
    else if (k === 'P') message += name === 'minClock' ? 'a number of seconds >= 0 (0 turns the check off)' : 'a finite number of seconds >= 0';
    else if (k === 'I') message += name === 'minKeyLength' ? 'a positive integer (bytes)' : 'a positive integer (chars)';
    else if (k === 'F') message += name === 'clock' ? 'a function returning seconds' : 'a function (payload, header)';
    else if (k === 'B') message += 'a boolean';
    else if (k === 'O') message += 'a plain object';
    else message += 'a string, or true for a random id';
  }
  throw new JWTError(message, 'ERR_OPTIONS_INVALID');
};

/** An algorithm name that microjwt supports; 'none' is an options error, other JWS names are not supported. */
export const checkAlgorithmName = function (fn: string, alg: unknown): string {
  if (typeof alg !== 'string' || alg === '') return optionsError(fn + ': an algorithm name must be a non-empty string');
  if (alg.toLowerCase() === 'none') return optionsError(fn + ': alg "none" (unsecured JWS) is never allowed');
  if (hashOf(alg) !== undefined) return alg;
  throw new NotSupportedError(fn + ': algorithm ' + JSON.stringify(alg) + ' is not supported (microjwt does HS256, HS384, HS512)');
};

/** What each public function takes: its options type by name. */
export interface OptionsOf {
  verify: VerifyOptions;
  'jws.verify': JWSVerifyOptions;
  sign: SignOptions;
  'jws.sign': JWSSignOptions;
}

/**
 * A non-string option value against its kind letter (see `checkOptions`'s
 * table): X (issuer) is U when verifying and S when signing.
 */
const optionValueOk = function (kind: string, v: unknown, verifying: boolean): boolean {
  const k = kind === 'X' ? (verifying ? 'U' : 'S') : kind;
  const t = typeof v;
  return t === 'number' ? isFinite(v as number) && (k === 'N' || (k === 'P' ? (v as number) >= 0 : k === 'I' && (v as number) >= 1 && Math.floor(v as number) === v))
    : t === 'boolean' ? k === 'B' || (k === 'J' && v === true)
    : t === 'function' ? k === 'F'
    : Array.isArray(v) ? (k === 'A' || (k === 'U' && v.length > 0)) && isAudience(v)
    : k === 'O' && isPlainObject(v);
};

/**
 * Validate the options of `fn` ('verify', 'jws.verify', 'sign' or
 * 'jws.sign'); returns them typed. Verify options are required (with
 * `algorithms`); absent sign options mean defaults (`{}`).
 */
export const checkOptions = function <F extends keyof OptionsOf>(fn: F, options: unknown): OptionsOf[F] {
  const verifying = fn === 'verify' || fn === 'jws.verify';
  if (options === undefined) {
    if (verifying) optionsError(fn + ': options with "algorithms" are required');
    return {} as OptionsOf[F];
  }
  if (!isPlainObject(options)) return optionsError(fn + ': options must be a plain object');
  // Each option as " name:vVsSK": v V s S are 1 when jws.verify, verify,
  // jws.sign, sign take it; K is its kind: S string, A array of strings, U
  // string or non-empty array of strings, X (issuer) U when verifying and S
  // when signing, N finite number, P finite number >= 0, I positive integer,
  // F function, B boolean, O plain object, J string or true.
  const table =
    ' algorithms:1100A audience:0101U issuer:0101X subject:0101S currentTime:0101N expiresIn:0001N notBefore:0001N noTimestamp:0001B complete:0100B typ:0101S kid:0011S algorithm:0011S header:0011O jwtid:0001J leeway:0100P maxAge:0100P clock:0101F minClock:0101P validate:0100F requiredClaims:0100A crit:1100A maxTokenLength:1100I minKeyLength:1111I';
  const column = fn === 'jws.verify' ? 0 : fn === 'verify' ? 1 : fn === 'jws.sign' ? 2 : 3;
  const names = Object.keys(options);
  for (let i = 0; i < names.length; i++) {
    const name = names[i];
    const v = options[name];
    if (v === undefined) continue;
    // A name with ':' could match across entries; without one, a match is
    // exactly an entry. (Espruino's multi-char indexOf also reports a match
    // where the end of the string is a start of the needle: the table ends
    // with "1I", which no needle " name:" starts with.)
    const found = name.indexOf(':') < 0 ? table.indexOf(' ' + name + ':') : -1;
    // at: the first flag after "name:".
    const at = found + name.length + 2;
    if (found < 0 || table.charAt(at + column) !== '1') optionsError(fn + ': unknown option "' + name + '"');
    const k = table.charAt(at + 4);
    // Strings inline (every string kind, X included, takes one); the other
    // types in optionValueOk, apart so this loop body stays short.
    if (typeof v === 'string' ? 'SUJX'.indexOf(k) < 0 : !optionValueOk(k, v, verifying)) optionsError(fn + ': option "' + name + '" must be ', (k === 'X' ? (verifying ? 'U' : 'S') : k) + name);
  }
  if (options.clock !== undefined && options.currentTime !== undefined) optionsError(fn + ': give clock or currentTime, not both');
  // hashOf first: a supported name is all that passes checkAlgorithmName.
  if (verifying) {
    const algs = options.algorithms as unknown[] | undefined;
    if (algs === undefined || algs.length === 0) optionsError(fn + ': option "algorithms" is required (a non-empty array, e.g. ["HS256"])');
    for (let i = 0; i < (algs as unknown[]).length; i++) if (hashOf((algs as unknown[])[i]) === undefined) checkAlgorithmName(fn, (algs as unknown[])[i]);
  } else if (options.algorithm !== undefined && hashOf(options.algorithm) === undefined) {
    checkAlgorithmName(fn, options.algorithm);
  }
  return options as unknown as OptionsOf[F];
};
