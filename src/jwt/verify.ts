/**
 * `verify(token, keyOrKeySet, options)`: verify a JWT and return its claims.
 *
 * After the JWS checks (src/jws/verify.ts): the payload must be a JSON object
 * -> `typ` (if asked) -> registered claims (src/jwt/claims.ts) -> the
 * caller's `validate(payload, header)`. `algorithms` is required.
 */
import { InvalidTokenError } from '../errors';
import { verifyJwsCore } from '../jws/verify';
import { parseObject, Header } from '../jws/header';
import { checkVerifyOptions, VerifyOptions } from './options';
import { checkClaims, Claims } from './claims';

/** Result of `verify` with `complete: true` (and of `decode`). */
export interface CompleteToken {
  header: Header;
  payload: Claims;
  /** The signature segment (base64url), as in the token. */
  signature: string;
}

/** Verify a JWT; returns the claims (or `{header, payload, signature}` with `complete: true`). */
export const verify = function (token: string, key: unknown, options: VerifyOptions): Claims | CompleteToken {
  const opts = checkVerifyOptions(options);
  const v = verifyJwsCore(token, key, opts);
  const payload = parseObject(v.payloadBinary, 'JWT payload');
  if (opts.typ !== undefined) {
    // Compared as media types, case-insensitive, "application/" prepended to
    // a value without '/' (RFC 7515 §4.1.9): "application/x/jwt" is not "x/jwt"
    // (stripping the prefix instead had made them equal).
    const typ = v.info.header.typ;
    let want = opts.typ.toLowerCase();
    if (want.indexOf('/') < 0) want = 'application/' + want;
    let got = typeof typ === 'string' ? typ.toLowerCase() : undefined;
    if (got !== undefined && got.indexOf('/') < 0) got = 'application/' + got;
    if (got !== want) throw new InvalidTokenError('the header "typ" is not ' + JSON.stringify(opts.typ), 'ERR_JWT_TYP');
  }
  checkClaims(payload, opts);
  if (opts.validate === undefined && !opts.complete) return payload;
  const header = parseObject(v.info.binary, 'JOSE header');
  if (opts.validate !== undefined) opts.validate(payload, header);
  return opts.complete ? { header: header, payload: payload, signature: v.signature } : payload;
};
