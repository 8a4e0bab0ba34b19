/**
 * Strict base64url (RFC 4648 §5, no padding), as JWS/JWE compact form uses it.
 *
 * Decoding rejects, with `DecodeError` code `ERR_BASE64URL`: any character
 * outside A-Z a-z 0-9 - _ (so also `=` padding, `+`, `/` and white space), a
 * length that no byte string encodes (length % 4 === 1), and non-zero unused
 * bits in the last character (a second spelling of the same bytes).
 *
 * On the device the work is native: one regex search for a character
 * outside the alphabet, then regex replaces and `atob`; Espruino's `atob`
 * itself skips invalid characters and does not know `-`/`_`, which is why
 * validation comes first.
 */
import { DecodeError, NotSupportedError, invalidArgument } from '../errors';
import { binaryToBytes, bytesToBinary, isBytes } from './bytes';
import { UNICODE_STRINGS } from './utf8';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
// Searched for a character OUTSIDE the alphabet, not matched whole: on
// Espruino a match copies the matched text, so testing /^[A-Za-z0-9_-]*$/
// against a 4 KB segment took ~460 extra JsVars (measured on the 5,100-var
// build), while a miss of this one takes none.
const INVALID = /[^A-Za-z0-9_-]/;
// Espruino and Node (>= 16) both have atob/btoa; anything else is refused at call time.
const NATIVE_ATOB = typeof atob === 'function' ? atob : undefined;
const NATIVE_BTOA = typeof btoa === 'function' ? btoa : undefined;

/** Binary string (one char per byte) -> base64url without padding. */
export const encodeBinary = function (binary: string): string {
  if (!NATIVE_BTOA) throw new NotSupportedError('no atob/btoa on this platform', 'ERR_NOT_SUPPORTED');
  const b64 = NATIVE_BTOA(binary);
  // A global regex replace is native on Espruino and 2-4x faster there than
  // split/join on token-like text (few matches; measured on 2v29). Never a
  // string pattern: String#replace with a string shares the indexOf bug.
  const end = b64.charAt(b64.length - 2) === '=' ? b64.length - 2 : b64.charAt(b64.length - 1) === '=' ? b64.length - 1 : b64.length;
  return b64.substr(0, end).replace(/\+/g, '-').replace(/\//g, '_');
};

/**
 * The strict checks: throws `DecodeError` unless `text` is canonical
 * base64url. On a board this is `assertBase64url`; on V8 it words the error
 * when the faster checks below refuse a text. Exported for the tests, which
 * hold the V8 functions to it.
 */
export const checkBase64url = function (text: string): void {
  if (typeof text !== 'string') throw new DecodeError('base64url input must be a string', 'ERR_BASE64URL');
  if (INVALID.test(text)) throw new DecodeError('invalid base64url: character outside A-Z a-z 0-9 - _', 'ERR_BASE64URL');
  const rest = text.length % 4;
  if (rest === 1) throw new DecodeError('invalid base64url: impossible length ' + text.length, 'ERR_BASE64URL');
  if (rest !== 0) {
    // 2 chars carry 1 byte (4 spare bits), 3 chars carry 2 bytes (2 spare bits).
    const spare = rest === 2 ? 15 : 3;
    if (ALPHABET.indexOf(text.charAt(text.length - 1)) & spare) {
      throw new DecodeError('invalid base64url: non-zero trailing bits', 'ERR_BASE64URL');
    }
  }
};

/**
 * V8 only (`undefined` on a board): the text `assertBase64url` accepted last
 * and its bytes. The JWS verifier checks the payload segment first and
 * decodes it only once the signature holds (so a forged token costs a board
 * no copy); on V8 the check decodes (it costs about what the regex did) and
 * the later decode finds the bytes here (~9% of a Node verify). A one-entry
 * memo of a pure function, keyed by the exact text: the same bytes as
 * decoding it again. ('' is the canonical text of no bytes.)
 */
const v8Checked: { text: string; binary: string } | undefined = UNICODE_STRINGS && NATIVE_ATOB ? { text: '', binary: '' } : undefined;

/** The checks, without decoding (on V8: decoding, see above): throws `DecodeError` unless `text` is canonical base64url. */
export const assertBase64url = v8Checked
  ? function (text: string): void {
      v8Checked.binary = decodeBinary(text);
      v8Checked.text = text;
    }
  : checkBase64url;

/**
 * Strict base64url -> binary string: `text`, or with `start` the segment
 * `text.substring(start, end)` of a token, cut here (see the board's function
 * below). A segment given by its range must already have passed
 * `assertBase64url` (the verifier checks the payload before the MAC and
 * decodes it after): it is not checked a second time.
 *
 * On V8 (Node) a second function is made instead, never on a board (the
 * ternary makes only one): there the alphabet regex was ~40% of a decode
 * (~220 ns of a 170-char payload, as much as `atob` and the replaces
 * together), while Node's `atob` (WHATWG forgiving-base64, native) already
 * refuses every character outside A-Z a-z 0-9 + / = and ASCII white space.
 * So the text is accepted, with the same verdict as `assertBase64url`, when:
 * its length is not 1 mod 4; it has no '+' or '/' (two native searches;
 * after that, `atob` sees '+' and '/' only where the text had '-' and '_');
 * its last char has zero unused bits; `atob` takes it; and the result has
 * exactly floor(3n/4) bytes: `atob` drops white space and '=' padding, and
 * one dropped char already makes the result shorter (for n not 1 mod 4,
 * floor(3(n-1)/4) < floor(3n/4)). Anything else goes to `checkBase64url`,
 * which throws its usual error (test/codec/base64url.test.ts compares both
 * on canonical and non-canonical inputs, and with Node's own decoder).
 */
export const decodeBinary = v8Checked
  ? function (text: string, start?: number, end?: number): string {
      if (start !== undefined) text = text.substring(start, end);
      if (text === v8Checked.text) return v8Checked.binary;
      if (typeof text === 'string') {
        const n = text.length;
        const rest = n % 4;
        if (rest !== 1 && text.indexOf('+') < 0 && text.indexOf('/') < 0 && (rest === 0 || !(ALPHABET.indexOf(text.charAt(n - 1)) & (rest === 2 ? 15 : 3)))) {
          let binary: string | undefined;
          try {
            binary = NATIVE_ATOB!(text.replace(/-/g, '+').replace(/_/g, '/'));
          } catch (e) {
            binary = undefined;
          }
          if (binary !== undefined && binary.length === (n * 3) >>> 2) return binary;
        }
      }
      checkBase64url(text);
      // Not reached for a text atob refuses (the check above throws), but if
      // a platform's atob ever disagreed, the strict way still decides.
      return NATIVE_ATOB!(text.replace(/-/g, '+').replace(/_/g, '/'));
    }
  : function (text: string, start?: number, end?: number): string {
      // A segment is cut inside the expression: on Espruino a parameter holds
      // its argument until the call returns, so a segment passed in would be
      // held beside both replaced copies and the result (17 JsVars more at the
      // peak of a verify of a 300-char token, on the Pico-like build). It was
      // checked already (see above): one regex scan and copy less per verify.
      if (start === undefined) checkBase64url(text);
      if (!NATIVE_ATOB) throw new NotSupportedError('no atob/btoa on this platform', 'ERR_NOT_SUPPORTED');
      // No '=' padding added: Espruino's and Node's atob both decode unpadded
      // input, and appending it made one more copy of the segment.
      return NATIVE_ATOB((start === undefined ? text : text.substring(start, end)).replace(/-/g, '+').replace(/_/g, '/'));
    };

/** Bytes (or a binary string) -> base64url without padding. */
export const encode = function (data: Uint8Array): string {
  if (!isBytes(data)) return invalidArgument('base64url.encode expects a Uint8Array');
  return encodeBinary(bytesToBinary(data));
};

/** Strict base64url -> bytes; throws `DecodeError` (code `ERR_BASE64URL`) on anything non-canonical. */
export const decode = function (text: string): Uint8Array {
  return binaryToBytes(decodeBinary(text));
};
