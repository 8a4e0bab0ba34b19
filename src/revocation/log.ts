// @part session needs crypto
/**
 * The line format of the revocation log in Storage (StorageRevocationStore).
 *
 * A log is a StorageFile (append-only, written line by line). Every line is
 * `<body> <crc>\n`: crc is the CRC-32 of the body, 8 hex digits (the board's
 * native `E.CRC32`), so a line torn by a power cut, flipped bits or a
 * foreign file's text never passes for an entry. Bodies, all ASCII (never
 * the byte 0xFF, which marks the end of a StorageFile):
 *
 *   Hmjrl1 <gen>        header, first line of a log; gen counts compactions
 *   R<exp> <jti>        an entry: exp in whole seconds (rounded up)
 *   S<seq>              the last fleet-update seq applied
 *   C<gen> <count>      commit: a compaction copied `count` entries (the log
 *                       is complete only once this line is there)
 *
 * A jti of printable ASCII without spaces (every random jti, MicroJWT's
 * included) is written as it is; any other is written as '=' + base64url of
 * its UTF-8 bytes, so a line stays one line of ASCII on every board.
 */
import { ESPRUINO } from '../codec/bytes';
import { encodeBinary as b64uEncodeBinary } from '../codec/base64url';
import { encodeBinary as utf8EncodeBinary } from '../codec/utf8';
import { invalidArgument } from '../errors';

/** CRC-32 of an ASCII string, 8 lowercase hex digits. */
const crcHex = function (s: string): string {
  let h = (ESPRUINO!.CRC32!(s) >>> 0).toString(16);
  while (h.length < 8) h = '0' + h;
  return h;
};

/** One log line for `body`. */
export const line = function (body: string): string {
  return body + ' ' + crcHex(body) + '\n';
};

/**
 * The body of a line read back (with its '\n', or without at the very end of
 * a log), or null when it is torn, corrupt or not ours.
 */
export const bodyOf = function (text: string): string | null {
  let n = text.length;
  if (text.charAt(n - 1) === '\n') n--;
  if (n < 11 || text.charAt(n - 9) !== ' ') return null;
  const body = text.substr(0, n - 9);
  return crcHex(body) === text.substr(n - 8, 8) ? body : null;
};

/** The form of `jti` in a log line (see above). */
export const encodeJti = function (jti: string): string {
  return /^[!-<>-~][!-~]*$/.test(jti) ? jti : '=' + b64uEncodeBinary(utf8EncodeBinary(jti));
};

/** Longest encoded jti a log line takes: a line must stay well inside one StorageFile write. */
export const checkJtiLength = function (e: string): void {
  if (e.length > 250) invalidArgument('a jti kept in Storage must be at most 250 characters (encoded)');
};

/** The RAM fingerprint of an encoded jti: 3 bytes of its CRC-32 (the log confirms a match). */
export const fingerprint = function (e: string): string {
  const c = ESPRUINO!.CRC32!(e);
  return String.fromCharCode(c & 255, (c >> 8) & 255, (c >> 16) & 255);
};

/** Whether `fp` is one of the 3-byte records of `index`. */
export const inIndex = function (index: string, fp: string): boolean {
  // Espruino's multi-char indexOf reports a false match where the end of
  // the string is a start of the needle, even before the fromIndex asked for
  // (measured on 2v29: 'abcab'.indexOf('abx', 4) is 3): every hit is
  // confirmed with substr and must be record-aligned, and the search stops
  // when it does not move forward.
  let i = index.indexOf(fp);
  while (i >= 0) {
    if (i % 3 === 0 && index.substr(i, 3) === fp) return true;
    const next = index.indexOf(fp, i + 1);
    if (next <= i) return false;
    i = next;
  }
  return false;
};
