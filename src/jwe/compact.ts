// @part jwe needs crypto, sign
/**
 * JWE compact serialisation (RFC 7516 §7.1): five base64url segments,
 * `protected.encryptedKey.iv.ciphertext.tag`.
 *
 * Splitting uses `indexOf('.')` (a single-char needle: Espruino's multi-char
 * `indexOf` is buggy) and checks the length before anything else, so an
 * oversize token costs nothing to refuse.
 *
 * RAM: a 2 KB plaintext makes a 2.7 KB ciphertext segment, and on a
 * 5,100-variable board every full-size copy of it (a substring, each step of
 * base64url conversion) costs ~230 variables. So the ciphertext is never
 * cut out of the token whole: it is decoded, and encoded, in chunks of 1 KB
 * of text, each checked by the strict codec (a whole number of 4-char
 * groups, so only the last chunk can have unused bits, exactly as for the
 * whole segment), straight into / out of its bytes.
 */
import { DecodeError } from '../errors';
import { binaryToBytes, bytesToBinary } from '../codec/bytes';
import { decodeBinary, encodeBinary } from '../codec/base64url';

/**
 * The positions of the four dots of a compact JWE; `DecodeError` unless it
 * is a string of at most `maxLength` chars with exactly five segments.
 */
export const splitJwe = function (token: unknown, maxLength: number): number[] {
  if (typeof token !== 'string') throw new DecodeError('a token must be a string in JWE compact form', 'ERR_JWT_MALFORMED');
  if (token.length > maxLength) throw new DecodeError('the token has ' + token.length + ' chars, more than maxTokenLength ' + maxLength, 'ERR_JWT_TOO_LONG');
  const dots: number[] = [];
  let at = token.indexOf('.');
  while (at >= 0 && dots.length < 5) {
    dots.push(at);
    at = token.indexOf('.', at + 1);
  }
  if (dots.length !== 4) throw new DecodeError('a compact JWE has exactly 5 segments', 'ERR_JWT_MALFORMED');
  return dots;
};

/** The bytes of the base64url text `token[start, end)`, decoded strictly, 1 KB of text at a time. */
export const decodeSegment = function (token: string, start: number, end: number): Uint8Array {
  if (end - start <= 1024) return binaryToBytes(decodeBinary(token.substring(start, end)));
  const rest = (end - start) % 4;
  const out = new Uint8Array((((end - start) >> 2) * 3) + (rest > 1 ? rest - 1 : 0));
  let o = 0;
  for (let p = start; p < end; p += 1024) {
    const chunk = decodeBinary(token.substring(p, p + 1024 < end ? p + 1024 : end));
    out.set(binaryToBytes(chunk), o);
    o += chunk.length;
  }
  return out;
};

/**
 * The compact JWE of its parts (binary strings, the ciphertext as bytes; the
 * protected header already base64url). The token grows by `+=` on a local
 * string, which the device appends in place.
 */
export const joinJwe = function (protectedHeader: string, encryptedKey: string, iv: string, ciphertext: Uint8Array, tag: string): string {
  let out = protectedHeader + '.' + encodeBinary(encryptedKey) + '.' + encodeBinary(iv) + '.';
  const n = ciphertext.length;
  // The end is clamped here: Espruino's subarray does not clamp it (a view past the end, measured on 2v29).
  for (let p = 0; p < n; p += 768) out += encodeBinary(bytesToBinary(ciphertext.subarray(p, p + 768 < n ? p + 768 : n)));
  out += '.';
  out += encodeBinary(tag);
  return out;
};
