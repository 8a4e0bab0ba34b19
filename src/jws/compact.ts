/**
 * JWS compact serialisation (RFC 7515 §7.1): `header.payload.signature`,
 * each part base64url without padding.
 *
 * Splitting uses `indexOf('.')` (a single-char needle: Espruino's multi-char
 * `indexOf` is buggy) and checks the length before anything else, so an
 * oversize token costs nothing to refuse.
 */
import { DecodeError } from '../errors';

/**
 * Default `maxTokenLength`: comfortably above real HS tokens, small for a
 * 5,100-variable board. Device code writes the literal 4096 (a module-level
 * value costs RAM on the device); this export is for host code and tests.
 */
export const DEFAULT_MAX_TOKEN_LENGTH = 4096;

/** The three segments of a compact JWS, still base64url. */
export interface Segments {
  header: string;
  payload: string;
  signature: string;
}
// No signing-input copy here: the verifier cuts it from the token just for
// the MAC, so it is not held (4 KB of a long token) while the rest runs.

/** Split a compact JWS; `DecodeError` unless it is a string of at most `maxLength` chars with exactly 3 segments. */
export const split = function (token: unknown, maxLength: number): Segments {
  if (typeof token !== 'string') throw new DecodeError('a token must be a string in JWS compact form', 'ERR_JWT_MALFORMED');
  if (token.length > maxLength) throw new DecodeError('the token has ' + token.length + ' chars, more than maxTokenLength ' + maxLength, 'ERR_JWT_TOO_LONG');
  const a = token.indexOf('.');
  const b = a < 0 ? -1 : token.indexOf('.', a + 1);
  if (b < 0 || token.indexOf('.', b + 1) >= 0) {
    let dots = 0;
    for (let i = token.indexOf('.'); i >= 0; i = token.indexOf('.', i + 1)) dots++;
    throw new DecodeError('a compact JWS has exactly 3 segments, this token has ' + (dots + 1), 'ERR_JWT_MALFORMED');
  }
  return {
    header: token.substr(0, a),
    payload: token.substr(a + 1, b - a - 1),
    signature: token.substr(b + 1),
  };
};
