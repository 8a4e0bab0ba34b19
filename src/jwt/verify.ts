/**
 * `verify(token, keyOrKeySet, options)`: verify a JWT and return its claims.
 *
 * After the JWS checks (src/jws/verify.ts): `readClaims`, shared with
 * `decryptJWT`: the payload must be a JSON object -> `typ` (if asked) ->
 * registered claims (src/jwt/claims.ts) -> the caller's
 * `validate(payload, header)`. `algorithms` is required.
 */
import { InvalidTokenError } from '../errors';
import { verifyJwsCore } from '../jws/verify';
import { parseObject, Header, HeaderInfo } from '../jws/header';
import { checkVerifyOptions, VerifyOptions } from './options';
import { checkClaims, Claims } from './claims';

/** Result of `verify` with `complete: true` (and of `decode`). */
export interface CompleteToken {
  header: Header;
  payload: Claims;
  /** The signature segment (base64url), as in the token. */
  signature: string;
}

/**
 * The claims of an authenticated JWT payload (`payloadBinary`, UTF-8 JSON
 * bytes) whose header is `info`: parsed as a JSON object, `typ` and the
 * registered claims checked, then `validate`. Returns the claims, or with
 * `complete` `{header, payload}` (the caller adds what its layer has).
 * The options of `verify` and `decryptJWT` (checked).
 */
export const readClaims = function (payloadBinary: string, info: HeaderInfo, opts: VerifyOptions): Claims | { header: Header; payload: Claims } {
  const payload = parseObject(payloadBinary, 'JWT payload');
  if (opts.typ !== undefined) {
    // Compared as media types: case-insensitive, "application/" optional (RFC 7515 §4.1.9).
    const typ = info.header.typ;
    let want = opts.typ.toLowerCase();
    if (want.substr(0, 12) === 'application/') want = want.substr(12);
    let got = typeof typ === 'string' ? typ.toLowerCase() : undefined;
    if (got !== undefined && got.substr(0, 12) === 'application/') got = got.substr(12);
    if (got !== want) throw new InvalidTokenError('the header "typ" is not ' + JSON.stringify(opts.typ), 'ERR_JWT_TYP');
  }
  checkClaims(payload, opts);
  if (opts.validate === undefined && !opts.complete) return payload;
  const header = parseObject(info.binary, 'JOSE header');
  if (opts.validate !== undefined) opts.validate(payload, header);
  return opts.complete ? { header: header, payload: payload } : payload;
};

/** Verify a JWT; returns the claims (or `{header, payload, signature}` with `complete: true`). */
export const verify = function (token: string, key: unknown, options: VerifyOptions): Claims | CompleteToken {
  const opts = checkVerifyOptions(options);
  const v = verifyJwsCore(token, key, opts);
  const r = readClaims(v.payloadBinary, v.info, opts);
  if (opts.complete) (r as CompleteToken).signature = v.signature;
  return r as Claims | CompleteToken;
};
