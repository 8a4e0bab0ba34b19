// @part sign
/**
 * Exact JSON serialising for token data (headers, claims), the counterpart
 * of ./json.ts's strict parser. Espruino's `JSON.stringify` escapes each
 * UTF-8 byte as `\u00XX` (mojibake elsewhere), drops a key named
 * `constructor` and prints ~12 significant digits. `stringifyJson` writes
 * the text itself, with the native call used only to escape plain strings.
 *
 * Part of the sign lazy part (src/host/lazyparts.mjs): only signing and
 * encrypting serialise, so a board that only verifies never makes it.
 */
import { invalidArgument } from '../errors';
import { UNICODE_STRINGS, encodeBinary } from './utf8';
import { MAX_DEPTH, MAX_SAFE, PARSER_KEEPS_DUPLICATES } from './json';

/**
 * The exact serializer: what `stringifyJson` writes when its native fast
 * path cannot answer. Its helpers are made per call (it runs only then):
 * made at load, three functions would hold RAM on the device for good.
 */
const serializeExact = function (value: unknown): string {
  /**
   * Native escaping of one string. V8 emits `\uXXXX` only for control
   * characters and lone surrogates (refused here). On Espruino the string is
   * first turned into its validated UTF-8 bytes, whose every byte >= 0x80 the
   * native call escapes as `\u00XX`: those are put back raw, so the text is
   * UTF-8 JSON as every other library writes it.
   */
  const quote = function (s: string): string {
    const q = JSON.stringify(UNICODE_STRINGS ? s : encodeBinary(s));
    if (q.indexOf('\\u') < 0) return q;
    let out = '';
    let i = 0;
    for (;;) {
      const b = q.indexOf('\\', i);
      if (b < 0) break;
      out += q.substring(i, b);
      if (q.charAt(b + 1) === 'u') {
        const v = parseInt(q.substr(b + 2, 4), 16);
        if (v >= 0xd800 && v <= 0xdfff) invalidArgument('string has a lone surrogate: not valid Unicode');
        out += v >= 0x80 && !UNICODE_STRINGS ? String.fromCharCode(v) : q.substr(b, 6);
        i = b + 6;
      } else {
        out += q.substr(b, 2);
        i = b + 2;
      }
    }
    return out + q.substring(i);
  };

  /** Numbers as JSON. Espruino prints integers exactly (measured up to 2^53) and other numbers to ~12 significant digits (documented). */
  const formatNumber = function (v: number): string {
    if (!isFinite(v)) return invalidArgument('JSON cannot represent ' + v);
    // Refused everywhere, as parseJson refuses such integers: one verdict on every platform.
    if (v % 1 === 0 && (v > MAX_SAFE || v < -MAX_SAFE)) return invalidArgument('integer beyond 2^53 cannot be represented exactly');
    return String(v);
  };

  const serialize = function (value: unknown, depth: number): string {
    if (value === null) return 'null';
    const t = typeof value;
    if (t === 'string') return quote(value as string);
    if (t === 'number') return formatNumber(value as number);
    if (t === 'boolean') return value ? 'true' : 'false';
    if (t !== 'object') return invalidArgument('JSON cannot represent a value of type ' + t);
    if (depth >= MAX_DEPTH) return invalidArgument('value nested deeper than ' + MAX_DEPTH + ' (or circular)');
    if (Array.isArray(value)) {
      const arr = value as unknown[];
      let out = '[';
      for (let i = 0; i < arr.length; i++) {
        if (arr[i] === undefined || typeof arr[i] === 'function') invalidArgument('JSON cannot represent ' + typeof arr[i] + ' in an array');
        out += (i ? ',' : '') + serialize(arr[i], depth + 1);
      }
      return out + ']';
    }
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) return invalidArgument('JSON can only represent plain objects and arrays');
    const obj = value as { [k: string]: unknown };
    const keys = Object.keys(obj);
    let out = '{';
    let first = true;
    for (let i = 0; i < keys.length; i++) {
      const v = obj[keys[i]];
      if (v === undefined) continue; // as JSON.stringify: an undefined member is left out
      if (typeof v === 'function') invalidArgument('JSON cannot represent a function (member ' + quote(keys[i]) + ')');
      out += (first ? '' : ',') + quote(keys[i]) + ':' + serialize(v, depth + 1);
      first = false;
    }
    return out + '}';
  };

  return serialize(value, 0);
};

/**
 * The fast path of `stringifyJson`: a copy of `value` made of fresh plain
 * objects and arrays, or `undefined` when the native `JSON.stringify` of
 * that copy could differ from `serialize` in anything but string escapes
 * (which `stringifyJson` checks on the text). Left to `serialize`: numbers
 * that are not finite or are beyond ±2^53 (one comparison pair; NaN fails
 * it), `undefined` in arrays, functions and other types, objects whose
 * prototype is not `Object.prototype`, members named `constructor`
 * (Espruino's native call drops them) or `__proto__` (an assignment would
 * set the copy's prototype), arrays with holes or extra members, objects
 * with duplicate members (Espruino's parser makes them), and nesting at
 * MAX_DEPTH (cycles included).
 * `for…in` rather than `Object.keys`: about half the interpreted work; the
 * caller makes sure no prototype has enumerable members, so it visits what
 * `Object.keys` lists, in the same order.
 * Why a copy and not the value itself: each member is read once, as
 * `serialize` reads it (an accessor could answer a second read differently,
 * and Espruino's native call leaves accessors out).
 */
const plainCopy = function (value: { [k: string]: unknown }, depth: number): unknown {
  if (depth >= MAX_DEPTH) return undefined;
  const isArray = Array.isArray(value);
  if (!isArray) {
    const has = Object.prototype.hasOwnProperty;
    if (Object.getPrototypeOf(value) !== Object.prototype || has.call(value, 'constructor') || has.call(value, '__proto__')) return undefined;
  }
  const copy: { [k: string]: unknown } = isArray ? ([] as unknown as { [k: string]: unknown }) : {};
  let entries = 0;
  for (const k in value) {
    entries++;
    let v = value[k];
    const t = typeof v;
    if (t !== 'string') {
      if (t === 'number') {
        if (!((v as number) <= MAX_SAFE && (v as number) >= -MAX_SAFE)) return undefined;
      } else if (t === 'object') {
        if (v !== null && (v = plainCopy(v as { [k: string]: unknown }, depth + 1)) === undefined) return undefined;
      } else if (t !== 'boolean') {
        if (t !== 'undefined' || isArray) return undefined;
        continue; // an undefined member is left out, as serialize does
      }
    }
    copy[k] = v;
  }
  if (isArray ? entries !== (value as unknown as unknown[]).length : PARSER_KEEPS_DUPLICATES && entries !== Object.keys(value).length) return undefined;
  return copy;
};

/**
 * Value -> binary string of compact UTF-8 JSON (ready for
 * `base64url.encodeBinary`). Throws `JWTError` (ERR_INVALID_ARGUMENT) for
 * what JSON cannot carry faithfully: non-finite numbers, integers beyond
 * 2^53 on boards, functions, `undefined` in arrays, non-plain objects, cycles,
 * strings that are not valid Unicode.
 *
 * Speed on the device: `serialize` costs an interpreted call per value and a
 * native call per string (~0.9 ms for ten claims on the Linux build). The
 * common case is one walk (`plainCopy`) and ONE native `JSON.stringify`,
 * used when the text has no `\u` escape: then every string was ASCII without
 * control characters on Espruino (which escapes each byte >= 0x80) and had no
 * lone surrogate on V8 (which escapes those), so the native text is what
 * `serialize` writes, byte for byte. Otherwise (and when a prototype has a
 * `toJSON`, which the native call would use) `serialize` decides.
 */
export const stringifyJson = function (value: unknown): string {
  let text: string | undefined;
  if (value !== null && typeof value === 'object') {
    // Prototypes as they should be: no toJSON (the native call would use it;
    // `[]` reaches both Array.prototype and Object.prototype) and no
    // enumerable members (plainCopy's `for…in` would visit them).
    const probe = [] as unknown as { [k: string]: unknown };
    let plain = probe.toJSON === undefined;
    for (const k in probe) if (k !== undefined) plain = false;
    const copy = plain ? plainCopy(value as { [k: string]: unknown }, 0) : undefined;
    if (copy !== undefined) text = JSON.stringify(copy);
  }
  if (text === undefined || text.indexOf('\\u') >= 0) text = serializeExact(value);
  // On V8 the text is UTF-16 (encodeBinary refuses lone surrogates); on
  // Espruino `quote` already produced validated UTF-8 bytes, and the native
  // text is ASCII.
  return UNICODE_STRINGS ? encodeBinary(text) : text;
};

/** For tests: the exact serializer alone, as `stringifyJson` would give without its fast path. */
export const stringifyJsonExact = function (value: unknown): string {
  const text = serializeExact(value);
  return UNICODE_STRINGS ? encodeBinary(text) : text;
};
