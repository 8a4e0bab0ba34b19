/**
 * Option checking shared by every layer above (keys, JWS, JWE, JWT,
 * sessions), at call time.
 *
 * Each public function describes its options as a string table
 * `' name:K name:K …'` (K, the kind, one letter below) and calls
 * `checkOptionTable`: a wrong type, an unknown name (a typo such as
 * `audiance` would otherwise silently drop a check) throws `JWTError` with
 * code `ERR_OPTIONS_INVALID`. An option set to `undefined` counts as absent.
 *
 * Kinds: S string, A array of strings, U string or non-empty array of
 * strings, N finite number, P finite number >= 0, I positive integer,
 * F function, B boolean, O plain object, J string or true, T any object
 * (a store, a logger, a key set), Y bytes (Uint8Array), K a key (a string or
 * any object: what it holds is the key resolver's check).
 *
 * Why a string in the code and not a table of rules: on the device a table
 * made at load (names, check functions, message strings) costs RAM for as
 * long as the module is loaded, while code stays in flash. Why not a
 * `switch` on the name either: the interpreter reads (lexes) every character
 * of a function it runs, skipped branches included, so a long `switch` made
 * each option cost as much as lexing all of it. Here each option costs one
 * native `indexOf` and a short check; the descriptions for error messages sit
 * in `optionsError`, which runs only on an error.
 */
import { JWTError } from './errors';
import { isBytes } from './codec/bytes';

/** A plain object (not an array, not a typed array, not null). */
export const isPlainObject = function (v: unknown): v is { [k: string]: unknown } {
  if (v === null || typeof v !== 'object' || Array.isArray(v) || isBytes(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
};

/** True when `value` is an array of strings. */
export const isStringArray = function (value: unknown): boolean {
  if (!Array.isArray(value)) return false;
  for (let i = 0; i < value.length; i++) if (typeof value[i] !== 'string') return false;
  return true;
};

/**
 * Throw `JWTError` with code `ERR_OPTIONS_INVALID`. With `option` (a kind
 * letter, then the option's name), the message ends with what that option
 * must be.
 */
export const optionsError = function (message: string, option?: string): never {
  if (option !== undefined) {
    const k = option.charAt(0);
    const name = option.substr(1);
    if (k === 'S') message += 'a string';
    else if (k === 'A') message += name.substr(-10) === 'lgorithms' || name.substr(-10) === 'Algorithms' ? 'a non-empty array of algorithm names' : name === 'crit' ? 'an array of header names' : 'an array of strings';
    else if (k === 'U') message += 'a string or a non-empty array of strings';
    else if (k === 'N') message += 'a finite number of seconds';
    else if (k === 'P') message += name === 'minClock' ? 'a number of seconds >= 0 (0 turns the check off)' : 'a finite number >= 0';
    else if (k === 'I') message += name === 'minKeyLength' ? 'a positive integer (bytes)' : name === 'maxTokenLength' ? 'a positive integer (chars)' : 'a positive integer';
    else if (k === 'F') message += name === 'clock' ? 'a function returning seconds' : name === 'validate' ? 'a function (payload, header)' : 'a function';
    else if (k === 'B') message += 'a boolean';
    else if (k === 'O') message += 'a plain object';
    else if (k === 'T') message += 'an object';
    else if (k === 'Y') message += 'a Uint8Array';
    else if (k === 'K') message += 'a key (a string, a Uint8Array, an "oct" JWK or a KeySet)';
    else message += 'a string, or true for a random id';
  }
  throw new JWTError(message, 'ERR_OPTIONS_INVALID');
};

/** A non-string option value against its kind letter. */
const optionValueOk = function (k: string, v: unknown): boolean {
  const t = typeof v;
  return t === 'number' ? isFinite(v as number) && (k === 'N' || (k === 'P' ? (v as number) >= 0 : k === 'I' && (v as number) >= 1 && Math.floor(v as number) === v))
    : t === 'boolean' ? k === 'B' || (k === 'J' && v === true)
    : t === 'function' ? k === 'F'
    : Array.isArray(v) ? (k === 'A' || (k === 'U' && v.length > 0)) && isStringArray(v)
    : k === 'O' ? isPlainObject(v)
    : k === 'Y' ? isBytes(v)
    : (k === 'T' || k === 'K') && v !== null && t === 'object';
};

/**
 * Check `options` of function `fn` against `table` (see above); returns them
 * typed. The caller decides what absent options mean. Giving both `clock`
 * and `currentTime` is an error wherever both are known.
 */
export const checkOptionTable = function <T>(fn: string, options: unknown, table: string): T {
  if (!isPlainObject(options)) return optionsError(fn + ': options must be a plain object');
  const names = Object.keys(options);
  for (let i = 0; i < names.length; i++) {
    const name = names[i];
    const v = options[name];
    if (v === undefined) continue;
    // A name with ':' could match across entries; without one, a match is
    // exactly an entry. (Espruino's multi-char indexOf also reports a match
    // where the end of the string is a start of the needle: every table ends
    // with a kind letter, which no needle " name:" starts with.)
    const found = name.indexOf(':') < 0 ? table.indexOf(' ' + name + ':') : -1;
    if (found < 0) optionsError(fn + ': unknown option "' + name + '"');
    const k = table.charAt(found + name.length + 2);
    // Strings inline (every string kind takes one); the other types in
    // optionValueOk, apart so this loop body stays short.
    if (typeof v === 'string' ? 'SUJK'.indexOf(k) < 0 : !optionValueOk(k, v)) optionsError(fn + ': option "' + name + '" must be ', k + name);
  }
  if (options.clock !== undefined && options.currentTime !== undefined) optionsError(fn + ': give clock or currentTime, not both');
  return options as unknown as T;
};
