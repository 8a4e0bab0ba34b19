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

/**
 * A compact JWS split at its dots: the header and signature segments, still
 * base64url, and where the payload ends. The payload is not copied out here:
 * it is `token.substring(header.length + 1, signedLength)`, cut by the caller
 * just for each use, and neither is the signing input (`token.substr(0,
 * signedLength)`), so a verify never holds them while the MAC runs (the
 * payload of a 300-char token is ~17 JsVars on a board, the signing input ~21).
 */
export interface Segments {
  header: string;
  /** Index of the second '.': the signing input's length. */
  signedLength: number;
  signature: string;
}

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
  return { header: token.substr(0, a), signedLength: b, signature: token.substr(b + 1) };
};
