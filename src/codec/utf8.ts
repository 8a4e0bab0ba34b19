/**
 * UTF-8, on the three string models microjwt meets.
 *
 * - `utf16` (Node/V8): a string is UTF-16 code units; encoding and decoding do
 *   real UTF-8 work.
 * - `bytes` (every real board): a string *is* its bytes. A literal "é" in a
 *   device script is already the two UTF-8 bytes C3 A9, so encoding is the
 *   identity (after a validity check) and decoding returns the byte string.
 * - `utf8` (Espruino's Unicode builds: Linux, Bangle.js): strings are byte
 *   strings or UTF-8 strings (`E.isUTF8`); natives (hashes, `btoa`,
 *   `E.toUint8Array`) see a UTF-8 string's bytes; `String.fromCharCode` still
 *   cuts to 8 bits; `E.asUTF8`/`E.fromUTF8` convert. Decoding returns a
 *   code-point string (`"𝄞".length === 1` there, 2 on V8).
 * The same token then yields the same bytes on every platform.
 *
 * Invalid UTF-8 is never passed on silently: decoding throws `DecodeError`,
 * encoding a string that cannot be UTF-8 throws `JWTError` (invalid argument).
 */
import { DecodeError, invalidArgument } from '../errors';
import { ESPRUINO, binaryToBytes, bytesToBinary } from './bytes';

type EspruinoUtf8 = EspruinoE & { asUTF8(s: string): string; fromUTF8(s: string): string; isUTF8?(s: string): boolean };

/** Which string model this platform has (see above). Run once; not kept. */
export const STRING_MODEL = (function (code: number): 'utf16' | 'bytes' | 'utf8' {
  // `code` is a parameter because minifiers fold `String.fromCharCode(256).charCodeAt(0)` to the host's answer.
  if (String.fromCharCode(code).charCodeAt(0) === code) return 'utf16';
  // A `\u0100` escape makes a UTF-8 string on Espruino's Unicode builds. Asked
  // through E.isUTF8, which answers false on other builds: E.asUTF8 would
  // throw there, and an exception while the module loads can exhaust a
  // board's memory.
  const e = ESPRUINO as EspruinoUtf8 | undefined;
  return e && typeof e.isUTF8 === 'function' && e.isUTF8(JSON.parse('"\\u0100"')) ? 'utf8' : 'bytes';
})(0x100);
/** True on V8 (Node): strings are UTF-16. */
export const UNICODE_STRINGS = STRING_MODEL === 'utf16';
const ESPRUINO_UTF8 = STRING_MODEL === 'utf8' ? (ESPRUINO as EspruinoUtf8) : undefined;

/** The largest Unicode code point. */
const MAX_CHAR = 0x10ffff;

/**
 * V8 strings only (UTF-16 code units): made on Node, never on a board (each
 * function made at load holds RAM there for as long as the module is loaded).
 */
const encodeUnicode = UNICODE_STRINGS ? function (text: string): Uint8Array {
  // Worst case 3 bytes per UTF-16 unit (a surrogate pair is 2 units -> 4 bytes).
  const out = new Uint8Array(text.length * 4);
  let o = 0;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const low = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
      if (low < 0xdc00 || low > 0xdfff) invalidArgument('string has a lone surrogate at index ' + i + ': not encodable as UTF-8');
      c = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      invalidArgument('string has a lone surrogate at index ' + i + ': not encodable as UTF-8');
    }
    if (c < 0x80) {
      out[o++] = c;
    } else if (c < 0x800) {
      out[o++] = 0xc0 | (c >> 6);
      out[o++] = 0x80 | (c & 0x3f);
    } else if (c < 0x10000) {
      out[o++] = 0xe0 | (c >> 12);
      out[o++] = 0x80 | ((c >> 6) & 0x3f);
      out[o++] = 0x80 | (c & 0x3f);
    } else {
      out[o++] = 0xf0 | (c >> 18);
      out[o++] = 0x80 | ((c >> 12) & 0x3f);
      out[o++] = 0x80 | ((c >> 6) & 0x3f);
      out[o++] = 0x80 | (c & 0x3f);
    }
  }
  return out.subarray(0, o);
} : undefined;

/** V8 only, as encodeUnicode. */
const decodeUnicode = UNICODE_STRINGS ? function (bytes: Uint8Array): string {
  let out = '';
  let chunk: number[] = [];
  const flush = function () {
    out += String.fromCharCode.apply(null, chunk);
    chunk = [];
  };
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    let cp: number;
    if (b < 0x80) {
      cp = b;
      i += 1;
    } else if (b < 0xe0) {
      cp = ((b & 0x1f) << 6) | (bytes[i + 1] & 0x3f);
      i += 2;
    } else if (b < 0xf0) {
      cp = ((b & 0x0f) << 12) | ((bytes[i + 1] & 0x3f) << 6) | (bytes[i + 2] & 0x3f);
      i += 3;
    } else {
      cp = ((b & 0x07) << 18) | ((bytes[i + 1] & 0x3f) << 12) | ((bytes[i + 2] & 0x3f) << 6) | (bytes[i + 3] & 0x3f);
      i += 4;
    }
    if (cp >= 0x10000) {
      cp -= 0x10000;
      chunk.push(0xd800 + (cp >> 10), 0xdc00 + (cp & 0x3ff));
    } else {
      chunk.push(cp);
    }
    // Espruino's Function#apply takes at most 256 arguments.
    if (chunk.length >= 250) flush();
  }
  flush();
  return out;
} : undefined;

/**
 * Throws unless `bytes` is valid UTF-8 (no overlong forms, no surrogates,
 * nothing above U+10FFFF, no truncated sequence): `DecodeError` for data
 * being decoded, an invalid-argument `JWTError` for a caller's string.
 */
const checkValid = function (bytes: Uint8Array, decoding: boolean): void {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    // need: the continuation bytes this lead byte announces; 0 marks the
    // sequence invalid (0x80-0xC1 and 0xF5-0xFF lead nothing, a sequence
    // cut short by the end is invalid too). The lead keeps 5, 4 or 3 bits.
    let need = b < 0xc2 ? 0 : b < 0xe0 ? 1 : b < 0xf0 ? 2 : b < 0xf5 ? 3 : 0;
    if (i + need >= n) need = 0;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if ((c & 0xc0) !== 0x80) need = 0;
      cp = (cp << 6) | (c & 0x3f);
    }
    // Overlong forms (below the least code point of their length), surrogates, beyond U+10FFFF.
    const min = need === 1 ? 0x80 : need === 2 ? 0x800 : 0x10000;
    if (need === 0 || cp < min || cp > MAX_CHAR || (cp >= 0xd800 && cp <= 0xdfff)) {
      if (decoding) throw new DecodeError('invalid UTF-8 at byte ' + i, 'ERR_UTF8');
      invalidArgument('string is not valid UTF-8 (on this board a string holds UTF-8 bytes)');
    }
    i += need + 1;
  }
};

// The ASCII test below, on Espruino: its native `JSON.stringify` escapes
// each char >= 0x80 (and control chars) as `\uXXXX`, so a text whose
// stringified form has no `\u` is plain ASCII. One native call replaces an
// interpreted loop in the common case; a false "not ASCII" (a control
// char) only sends the text to the exact check.

/** The UTF-8 bytes of `text`. */
export const encode = function (text: string): Uint8Array {
  if (typeof text !== 'string') return invalidArgument('utf8.encode expects a string');
  if (UNICODE_STRINGS) return encodeUnicode!(text);
  const bytes = binaryToBytes(text);
  if (JSON.stringify(text).indexOf('\\u') >= 0) checkValid(bytes, false);
  return bytes;
};

/** The string whose UTF-8 bytes are `bytes`; throws `DecodeError` on invalid UTF-8. */
export const decode = function (bytes: Uint8Array): string {
  if (!(bytes instanceof Uint8Array) && Object.prototype.toString.call(bytes) !== '[object Uint8Array]') {
    return invalidArgument('utf8.decode expects a Uint8Array');
  }
  checkValid(bytes, true);
  if (UNICODE_STRINGS) return decodeUnicode!(bytes);
  const binary = bytesToBinary(bytes);
  return ESPRUINO_UTF8 ? ESPRUINO_UTF8.asUTF8(binary) : binary;
};

/** Binary string -> the same string, after checking it is valid UTF-8 (`DecodeError` if not). */
export const assertUtf8Binary = function (binary: string): string {
  if (UNICODE_STRINGS || JSON.stringify(binary).indexOf('\\u') >= 0) checkValid(binaryToBytes(binary), true);
  return binary;
};

/**
 * Binary string of UTF-8 bytes (as `atob` returns) -> text string, validated.
 * On a board this is the identity after a (usually native) check.
 */
export const decodeBinary = function (binary: string): string {
  // V8: one native regex search answers "ASCII only" (then the text is its own decoding).
  if (UNICODE_STRINGS) return /[\u0080-\uffff]/.test(binary) ? decode(binaryToBytes(binary)) : binary;
  if (JSON.stringify(binary).indexOf('\\u') < 0) return binary;
  checkValid(binaryToBytes(binary), true);
  return ESPRUINO_UTF8 ? ESPRUINO_UTF8.asUTF8(binary) : binary;
};

/**
 * Text string -> binary string of its UTF-8 bytes (what `btoa` and the native
 * hashes take). On a board: the identity after a (usually native) check.
 */
export const encodeBinary = function (text: string): string {
  if (UNICODE_STRINGS) return /[\u0080-\uffff]/.test(text) ? bytesToBinary(encodeUnicode!(text)) : text;
  if (JSON.stringify(text).indexOf('\\u') < 0) return text;
  const binary = ESPRUINO_UTF8 ? ESPRUINO_UTF8.fromUTF8(text) : text;
  checkValid(binaryToBytes(binary), false);
  return binary;
};
