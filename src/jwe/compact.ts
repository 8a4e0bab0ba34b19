/**
 * JWE compact serialisation (RFC 7516 §7.1): five base64url segments,
 * `protected.encryptedKey.iv.ciphertext.tag`.
 *
 * Splitting uses `indexOf('.')` (a single-char needle: Espruino's multi-char
 * `indexOf` is buggy) and checks the length before anything else, so an
 * oversize token costs nothing to refuse. Decoding the segments is the
 * caller's (strict base64url, src/codec/base64url.ts).
 */
import { DecodeError } from '../errors';

/** The five segments of a compact JWE, still base64url; `DecodeError` unless it is a string of at most `maxLength` chars with exactly five. */
export const splitJwe = function (token: unknown, maxLength: number): string[] {
  if (typeof token !== 'string') throw new DecodeError('a token must be a string in JWE compact form', 'ERR_JWT_MALFORMED');
  if (token.length > maxLength) throw new DecodeError('the token has ' + token.length + ' chars, more than maxTokenLength ' + maxLength, 'ERR_JWT_TOO_LONG');
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < 4; i++) {
    const dot = token.indexOf('.', start);
    if (dot < 0) break;
    out.push(token.substring(start, dot));
    start = dot + 1;
  }
  if (out.length !== 4 || token.indexOf('.', start) >= 0) {
    let dots = 0;
    for (let i = token.indexOf('.'); i >= 0; i = token.indexOf('.', i + 1)) dots++;
    throw new DecodeError('a compact JWE has exactly 5 segments, this token has ' + (dots + 1), 'ERR_JWT_MALFORMED');
  }
  out.push(token.substr(start));
  return out;
};
