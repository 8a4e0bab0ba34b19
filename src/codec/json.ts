/**
 * Strict JSON for token data: one verdict and one value on every platform.
 *
 * Espruino's `JSON.parse` is lenient (trailing commas, single quotes, leading
 * zeros, junk after the value), keeps duplicate member names, wraps integers
 * beyond 2^63, cuts `\uXXXX` escapes above 0xFF to one byte on boards, and lets
 * `"__proto__"` set an object's prototype (aborting the asserting builds when
 * the value is a primitive). Node keeps the last duplicate. So token JSON is
 * checked here against RFC 8259, member names must be unique, integers must be
 * within ±2^53 and `__proto__` is refused as a member name, before the native
 * parser sees anything it could mishandle.
 *
 * Speed on the device: a char-by-char scanner costs microseconds per char
 * there. Most tokens are compact `JSON.stringify` output, so the fast path is
 * native: parse, stringify again, and accept when the text comes back
 * identical (which rules out every leniency and duplicates). Only when it does
 * not does the interpreted scanner run, to accept or reject exactly.
 *
 * Serialising is in ./jsonstringify.ts, part of the sign lazy part.
 */
import { DecodeError, invalidArgument } from '../errors';
import { STRING_MODEL, UNICODE_STRINGS, assertUtf8Binary, decodeBinary } from './utf8';

/**
 * Boards cut a `\uXXXX` escape above 0xFF to one byte (and read one in
 * 0x80..0xFF as a lone byte, not UTF-8): there such escapes are rewritten
 * into raw UTF-8 bytes before the native parser runs. V8 and Espruino's
 * Unicode builds decode escapes correctly themselves.
 */
const REWRITE_ESCAPES = STRING_MODEL === 'bytes';

export const MAX_SAFE = 9007199254740992; // 2^53: integers beyond are refused, as devices wrap them
export const MAX_DEPTH = 32;

interface ScannedString {
  end: number; // index just past the closing quote
  value: string; // the decoded string (only built when asked: member names)
  rewritten: string; // the raw text, with \u escapes >= 0x80 turned into UTF-8 bytes (byte strings only)
}

/**
 * The exact RFC 8259 check, then the native parse of the checked text: the
 * input itself, or on boards with `\u` escapes >= 0x80 rewritten as UTF-8.
 * Iterative (an explicit stack), so hostile nesting cannot exhaust the
 * device's small C stack. Only the slow path runs it, so its helpers are made
 * per call: made at load they would hold RAM on the device for good.
 */
const parseStrict = function (text: string): unknown {
  const WHITESPACE = ' \n\r\t';
  const MAX_SAFE_DIGITS = '9007199254740992';
  // The one error of this module: token JSON that is not strict JSON.
  const fail = function (message: string): never {
    throw new DecodeError('invalid JSON: ' + message, 'ERR_JSON');
  };

  const HEX_DIGITS = '0123456789abcdef';

  const hexValue = function (text: string, at: number): number {
    let v = 0;
    for (let k = 0; k < 4; k++) {
      const d = HEX_DIGITS.indexOf(text.charAt(at + k).toLowerCase());
      if (d < 0) fail('bad \\u escape at ' + at);
      v = (v << 4) | d;
    }
    return v;
  };

  /** UTF-8 bytes of one code point, as a binary string (for rewriting escapes on boards). */
  const codePointToBinary = function (cp: number): string {
    if (cp < 0x80) return String.fromCharCode(cp);
    if (cp < 0x800) return String.fromCharCode(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
    if (cp < 0x10000) return String.fromCharCode(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
    return String.fromCharCode(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
  };


  /**
   * Scan the string literal starting at `start` (a `"`). Validates escapes,
   * control characters and surrogate pairs.
   */
  const scanString = function (text: string, start: number, wantValue: boolean): ScannedString {
    const close = text.indexOf('"', start + 1);
    if (close < 0) fail('unterminated string at ' + start);
    const backslash = text.indexOf('\\', start + 1);
    const raw = text.substring(start + 1, close);
    if (backslash < 0 || backslash > close) {
      // No escapes: native stringify re-escapes control characters (and, on
      // boards, bytes >= 0x80); equal length means there were none.
      if (JSON.stringify(raw).length !== raw.length + 2) {
        for (let i = 0; i < raw.length; i++) if (raw.charCodeAt(i) < 0x20) fail('control character in string at ' + (start + 1 + i));
      }
      return { end: close + 1, value: raw, rewritten: '"' + raw + '"' };
    }
    // Slow path: walk escapes one by one. The decoded value is built only for
    // member names on boards; on Unicode platforms the native parser decodes
    // the (validated) literal.
    const buildValue = wantValue && REWRITE_ESCAPES;
    let value = '';
    let rewritten = '"';
    let i = start + 1;
    for (;;) {
      if (i >= text.length) fail('unterminated string at ' + start);
      const c = text.charCodeAt(i);
      if (c === 0x22) break;
      if (c < 0x20) fail('control character in string at ' + i);
      if (c !== 0x5c) {
        const ch = text.charAt(i);
        if (buildValue) value += ch;
        rewritten += ch;
        i++;
        continue;
      }
      const e = text.charAt(i + 1);
      if (e === 'u') {
        let cp = hexValue(text, i + 2);
        let len = 6;
        if (cp >= 0xd800 && cp <= 0xdbff) {
          const low = text.charAt(i + 6) === '\\' && text.charAt(i + 7) === 'u' ? hexValue(text, i + 8) : 0;
          if (low < 0xdc00 || low > 0xdfff) fail('lone surrogate escape at ' + i);
          cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
          len = 12;
        } else if (cp >= 0xdc00 && cp <= 0xdfff) {
          fail('lone surrogate escape at ' + i);
        }
        // Below 0x80 the native parser gets it right everywhere; above, boards
        // would cut it to one byte, so there it becomes raw UTF-8 bytes.
        rewritten += cp < 0x80 || !REWRITE_ESCAPES ? text.substr(i, len) : codePointToBinary(cp);
        if (buildValue) value += codePointToBinary(cp);
        i += len;
        continue;
      }
      const simple = '"\\/bfnrt'.indexOf(e);
      if (e === '' || simple < 0) fail('bad escape at ' + i);
      if (buildValue) value += '"\\/\b\f\n\r\t'.charAt(simple);
      rewritten += text.substr(i, 2);
      i += 2;
    }
    if (wantValue && !REWRITE_ESCAPES) value = JSON.parse(text.substring(start, i + 1));
    return { end: i + 1, value: value, rewritten: rewritten + '"' };
  };

  /** Scan a number token; returns the index just past it. Rejects integers beyond ±2^53. */
  const scanNumber = function (text: string, start: number): number {
    let i = start;
    if (text.charAt(i) === '-') i++;
    const intStart = i;
    while (i < text.length && text.charCodeAt(i) >= 0x30 && text.charCodeAt(i) <= 0x39) i++;
    const intLen = i - intStart;
    if (intLen === 0) fail('bad number at ' + start);
    if (intLen > 1 && text.charAt(intStart) === '0') fail('leading zero at ' + start);
    let integer = true;
    if (text.charAt(i) === '.') {
      integer = false;
      const fracStart = ++i;
      while (i < text.length && text.charCodeAt(i) >= 0x30 && text.charCodeAt(i) <= 0x39) i++;
      if (i === fracStart) fail('bad fraction at ' + start);
    }
    const e = text.charAt(i);
    if (e === 'e' || e === 'E') {
      integer = false;
      i++;
      if (text.charAt(i) === '+' || text.charAt(i) === '-') i++;
      const expStart = i;
      while (i < text.length && text.charCodeAt(i) >= 0x30 && text.charCodeAt(i) <= 0x39) i++;
      if (i === expStart) fail('bad exponent at ' + start);
    }
    // No double needs more than 24 chars to be exact. Espruino's lexer reads
    // only the first 63 chars of a number (`1e000…0001` of 64+ chars parses
    // to 1, not 10) and its parseFloat throws an untyped error on long text:
    // long numbers are refused, one verdict everywhere.
    if (i - start > 40) fail('number longer than 40 chars at ' + start);
    if (integer) {
      // Compare digits, not values: 2^53 + 1 parses to 2^53.
      const digits = text.substr(intStart, intLen);
      if (intLen > 16 || (intLen === 16 && digits > MAX_SAFE_DIGITS)) fail('integer beyond 2^53 at ' + start);
    } else if (!isFinite(parseFloat(text.substring(start, i)))) {
      fail('number out of range at ' + start);
    }
    return i;
  };

  const n = text.length;
  // Per open container: null for an array, or the object's seen member names.
  const stack: ({ [name: string]: number } | null)[] = [];
  let out = '';
  let copiedTo = 0;
  let i = 0;
  // 0: expect a value, 1: expect a member name, 2: after a value
  let mode = 0;
  for (;;) {
    while (i < n && WHITESPACE.indexOf(text.charAt(i)) >= 0) i++;
    if (i >= n) {
      if (mode === 2 && stack.length === 0) break;
      fail('unexpected end');
    }
    const c = text.charAt(i);
    if (mode === 2) {
      if (stack.length === 0) fail('unexpected text after the value at ' + i);
      const top = stack[stack.length - 1];
      if (c === ',') {
        mode = top ? 1 : 0;
        i++;
      } else if ((c === '}' && top) || (c === ']' && !top)) {
        stack.pop();
        i++;
      } else {
        fail('expected , or end of container at ' + i);
      }
      continue;
    }
    if (mode === 1) {
      if (c !== '"') fail('expected a member name at ' + i);
      const name = scanString(text, i, true);
      if (name.value === '__proto__') fail('member name "__proto__" is not allowed');
      const seen = stack[stack.length - 1] as { [name: string]: number };
      // '$' prefix: plain-object keys like "constructor" or "__proto__" are not special then.
      if (seen['$' + name.value] === 1) fail('duplicate member name at ' + i);
      seen['$' + name.value] = 1;
      if (name.rewritten.length !== name.end - i) {
        out += text.substring(copiedTo, i) + name.rewritten;
        copiedTo = name.end;
      }
      i = name.end;
      while (i < n && WHITESPACE.indexOf(text.charAt(i)) >= 0) i++;
      if (text.charAt(i) !== ':') fail('expected : at ' + i);
      i++;
      mode = 0;
      continue;
    }
    // mode 0: a value
    if (c === '{' || c === '[') {
      if (stack.length >= MAX_DEPTH) fail('nesting deeper than ' + MAX_DEPTH);
      stack.push(c === '{' ? {} : null);
      i++;
      while (i < n && WHITESPACE.indexOf(text.charAt(i)) >= 0) i++;
      if (text.charAt(i) === (c === '{' ? '}' : ']')) {
        stack.pop();
        i++;
        mode = 2;
      } else {
        mode = c === '{' ? 1 : 0;
      }
      continue;
    }
    if (c === '"') {
      const s = scanString(text, i, false);
      if (s.rewritten.length !== s.end - i) {
        out += text.substring(copiedTo, i) + s.rewritten;
        copiedTo = s.end;
      }
      i = s.end;
    } else if (c === '-' || (c >= '0' && c <= '9')) {
      i = scanNumber(text, i);
    } else {
      const word = c === 't' ? 'true' : c === 'f' ? 'false' : 'null';
      if (text.substr(i, word.length) !== word) fail('unexpected character at ' + i);
      i += word.length;
    }
    mode = 2;
  }
  const checked = copiedTo === 0 ? text : out + text.substring(copiedTo);
  try {
    return JSON.parse(checked);
  } catch (e) {
    return fail('rejected by the parser');
  }
};

/**
 * Espruino's parser keeps both entries of a duplicated member (a read sees
 * the first, `Object.assign` the last) and its `JSON.stringify` writes both
 * back, so the round-trip test alone cannot see them there. `for…in` visits
 * every entry while `Object.keys` lists a name once: a difference is a
 * duplicate. Detected once, so V8 (which keeps one entry) skips the walk.
 */
export const PARSER_KEEPS_DUPLICATES = (function () {
  let entries = 0;
  const probe = JSON.parse('{"a":1,"a":2}');
  for (const k in probe) if (k) entries++;
  return entries === 2;
})();

/**
 * After a native parse that round-tripped: true when the value is also within
 * what the scanner accepts (depth, integers within ±2^53 — a round trip keeps
 * an exactly representable 2^53 + 2) and, where the parser keeps them, has no
 * duplicate members. One walk; primitives are checked inline, not by a call,
 * because each call costs microseconds on the device.
 */
const withinLimits = function (value: { [k: string]: unknown }, depth: number): boolean {
  if (depth > MAX_DEPTH) return false;
  let entries = 0;
  for (const k in value) {
    entries++;
    const v = value[k];
    // Only numbers are compared: on Espruino comparing a string of 64+ chars
    // with a number throws ("String too big to convert to number").
    const t = typeof v;
    if (t === 'object' ? v !== null && !withinLimits(v as { [k: string]: unknown }, depth + 1) : t === 'number' && ((v as number) > MAX_SAFE || (v as number) < -MAX_SAFE)) return false;
  }
  return !PARSER_KEEPS_DUPLICATES || Array.isArray(value) || entries === Object.keys(value).length;
};

/**
 * The fast path on V8 (Node), made only there: V8's `JSON.parse` is already
 * strict RFC 8259, so the round trip through `JSON.stringify` (~60% of a
 * parse there, measured with --cpu-prof) is replaced by what V8's parser lets
 * through and the scanner would not: duplicate member names (V8 keeps the
 * last), numbers of more than 40 chars, and integers beyond ±2^53. Returns
 * the value, or `undefined` to let the scanner decide. The caller has
 * already refused `\u` escapes, `__proto__` and deep nesting.
 *
 * Duplicates: every ':' of the text either separates a member or sits in a
 * string (escapes cannot hide one: `\u` is refused), so the text's count of
 * ':' is the members written plus the ':' in every string written. The same
 * count over the parsed value (`v8Count`) is equal exactly when no member
 * was dropped; a dropped duplicate lowers it.
 */
const parseV8 = UNICODE_STRINGS
  ? function (text: string): unknown {
      // A number of 41+ chars: only one with a fraction or an exponent can
      // hold a value within ±2^53 (v8Count refuses the others). Such a number
      // has at most four other chars (-.e+), so 37+ digits in at most three
      // runs: one run of 13+. That cheap search first: the long one took 12%
      // of a verify (claims such as "jti":"a1b2c3d4e5f6" passed the earlier
      // [0-9][.eE] filter), and no timestamp in seconds has 13 digits.
      // Written out, not as `[0-9]{13}`: V8's regex engine scans a text
      // without a match ~10x faster for the unrolled form (~50 ns instead
      // of ~600 ns on a 125-char payload: 12% of a verify).
      if (/\d\d\d\d\d\d\d\d\d\d\d\d\d/.test(text) && /[-+.0-9eE]{41}/.test(text)) return undefined;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (e) {
        return undefined;
      }
      let colons = 0;
      for (let i = text.indexOf(':'); i >= 0; i = text.indexOf(':', i + 1)) colons++;
      return v8Count!(value) === colons ? value : undefined;
    }
  : undefined;

/**
 * For `parseV8`: members plus ':' in strings (keys and values) of a parsed
 * value, or -1 when a number is beyond ±2^53 (or not finite): the scanner
 * decides those.
 */
const v8Count = UNICODE_STRINGS ? function (value: unknown): number {
  const t = typeof value;
  if (t === 'number') return (value as number) < MAX_SAFE && (value as number) > -MAX_SAFE ? 0 : -1;
  let n = 0;
  if (t === 'string') {
    for (let i = (value as string).indexOf(':'); i >= 0; i = (value as string).indexOf(':', i + 1)) n++;
    return n;
  }
  if (t !== 'object' || value === null) return 0;
  const isArray = Array.isArray(value);
  for (const k in value as { [k: string]: unknown }) {
    if (!isArray) n += 1 + v8Count!(k);
    const m = v8Count!((value as { [k: string]: unknown })[k]);
    if (m < 0) return -1;
    n += m;
  }
  return n;
} : undefined;


/**
 * Binary string of UTF-8 JSON (as `base64url.decodeBinary` returns) -> value.
 * Throws `DecodeError` (code `ERR_JSON`) unless the text is strict RFC 8259
 * JSON with unique member names, no `__proto__` member, integers within
 * ±2^53 and valid UTF-8. Strings in the result follow the platform model:
 * UTF-8 byte strings on boards, UTF-16 on Node, code points on Espruino's
 * Unicode builds.
 */
export const parseJson = function (binary: string): unknown {
  if (typeof binary !== 'string') return invalidArgument('parseJson expects a string');
  // V8 parses the decoded text; Espruino parses the validated bytes (its
  // Unicode builds decode UTF-8 in JSON.parse, and fail on a UTF-8 string).
  // On Espruino one native call answers two questions: when the escaped
  // text has no `\u`, every byte is ASCII (no UTF-8 check needed) and the
  // text itself has no `\u` escape (its backslash would show as `\\u`).
  const ascii = !UNICODE_STRINGS && JSON.stringify(binary).indexOf('\\u') < 0;
  const text = UNICODE_STRINGS ? decodeBinary(binary) : ascii ? binary : assertUtf8Binary(binary);
  // Fast path, all native. The checks before it keep away what the native
  // parser could mishandle: escapes (cut on boards) and `__proto__` (sets the
  // prototype on Espruino, aborts the asserting builds with a primitive).
  // Nesting: the device's parser recurses, and a payload 1,000 arrays deep
  // ran a 5,100-variable board out of memory inside JSON.parse (an
  // interruption, not an error). At most MAX_DEPTH opening brackets in all
  // means at most MAX_DEPTH deep; more (rare: containers are few in claims)
  // go to the scanner, which counts depth without recursing and refuses
  // past MAX_DEPTH before any native parse.
  let opens = 0;
  for (let i = text.indexOf('['); i >= 0 && opens <= MAX_DEPTH; i = text.indexOf('[', i + 1)) opens++;
  for (let i = text.indexOf('{'); i >= 0 && opens <= MAX_DEPTH; i = text.indexOf('{', i + 1)) opens++;
  if (opens <= MAX_DEPTH && (ascii || text.indexOf('\\u') < 0) && text.indexOf('__proto__') < 0) {
    if (parseV8) {
      const v = parseV8(text);
      if (v !== undefined) return v;
      return parseStrict(text);
    }
    let value: unknown;
    let parsed = true;
    try {
      value = JSON.parse(text);
    } catch (e) {
      parsed = false;
    }
    if (parsed && JSON.stringify(value) === text && (typeof value !== 'object' || value === null || withinLimits(value as { [k: string]: unknown }, 1))) {
      return value;
    }
  }
  return parseStrict(text);
};

// ---------------------------------------------------------------- stringify
