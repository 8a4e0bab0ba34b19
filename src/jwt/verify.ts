/**
 * `verify(token, keyOrKeySet, options)`: verify a JWT and return its claims.
 *
 * After the JWS checks (src/jws/verify.ts): the payload must be a JSON object
 * -> `typ` (if asked) -> registered claims (src/jwt/claims.ts) -> the
 * caller's `validate(payload, header)`. `algorithms` is required.
 */
import { InvalidTokenError } from '../errors';
import { verifyJwsCore } from '../jws/verify';
import { exposeHeader, parseObject, Header } from '../jws/header';
import { checkVerifyOptions, VerifyOptions } from './options';
import { checkClaims, Claims } from './claims';

/** Result of `verify` with `complete: true` (and of `decode`). */
export interface CompleteToken {
  header: Header;
  payload: Claims;
  /** The signature segment (base64url), as in the token. */
  signature: string;
}

/** `typ` compared as media types: case-insensitive, "application/" optional (RFC 7515 §4.1.9). */
const normalizeTyp = function (typ: string): string {
  const t = typ.toLowerCase();
  return t.substr(0, 12) === 'application/' ? t.substr(12) : t;
};

/** Verify a JWT; returns the claims (or `{header, payload, signature}` with `complete: true`). */
export const verify = function (token: string, key: unknown, options: VerifyOptions): Claims | CompleteToken {
  const opts = checkVerifyOptions(options);
  const v = verifyJwsCore(token, key, opts);
  const payload = parseObject(v.payloadBinary, 'JWT payload');
  if (opts.typ !== undefined) {
    const typ = v.info.header.typ;
    if (typeof typ !== 'string' || normalizeTyp(typ) !== normalizeTyp(opts.typ)) throw new InvalidTokenError('the header "typ" is not ' + JSON.stringify(opts.typ), 'ERR_JWT_TYP');
  }
  checkClaims(payload, opts);
  if (opts.validate === undefined && !opts.complete) return payload;
  const header = exposeHeader(v.info);
  if (opts.validate !== undefined) opts.validate(payload, header);
  return opts.complete ? { header: header, payload: payload, signature: v.signature } : payload;
};
