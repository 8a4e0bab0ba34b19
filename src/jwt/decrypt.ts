// @part jwe needs crypto, sign
/**
 * `decryptJWT(token, key, options)`: decrypt an encrypted JWT, then every
 * claim check of `verify` (src/jwt/claims.ts `readClaims`, same options and
 * errors).
 *
 * Nested JWTs (RFC 7519 §5.2, `cty: "JWT"`): with the `verify` option the
 * plaintext must be a JWS, verified with its own key and algorithm list
 * before its claims are read. The two shapes never stand in for each other:
 * a nested token without `verify` yields no claims (its signature would go
 * unchecked) and `verify` refuses a token that is not nested (its claims
 * would not be signed).
 *
 * `typ`, `validate` and `complete` see the JWE protected header; with
 * `complete`, a nested token's result also has `jws: {header, signature}`.
 */
import { InvalidTokenError } from '../errors';
import { bytesToBinary } from '../codec/bytes';
import { parseObject } from '../jws/header';
import { verifyJwsCore } from '../jws/verify';
import { decryptCore } from '../jwe/decrypt';
import { checkDecryptJWTOptions, DecryptJWTOptions } from './jweoptions';
import { readClaims, Claims } from './claims';
import { VerifyOptions } from './options';

/** Decrypt (and for nested tokens verify) a JWT; returns the claims (or `{header, payload}` with `complete: true`). */
export const decryptJWT = function (token: string, key: unknown, options: DecryptJWTOptions): Claims | { header: unknown; payload: Claims } {
  const opts = checkDecryptJWTOptions(options);
  const d = decryptCore(token, key, opts);
  const cty = d.info.header.cty;
  // A media type: case-insensitive, "application/" optional (RFC 7515 §4.1.10).
  const nested = typeof cty === 'string' && (cty.toLowerCase() === 'jwt' || cty.toLowerCase() === 'application/jwt');
  const v = opts.verify;
  if (nested !== (v !== undefined)) {
    throw nested
      ? new InvalidTokenError('the token is a nested JWT (cty "JWT"): give the verify option ({key, algorithms}) to check its signature', 'ERR_JWT_NESTED')
      : new InvalidTokenError('the verify option asks for a nested (signed, then encrypted) JWT, and the token\'s cty is not "JWT"', 'ERR_JWT_NOT_NESTED');
  }
  const plaintext = bytesToBinary(d.plaintext);
  if (v === undefined) return readClaims(plaintext, d.info, opts as unknown as VerifyOptions);
  const inner = verifyJwsCore(plaintext, v.key, { algorithms: v.algorithms, crit: v.crit, minKeyLength: v.minKeyLength, maxTokenLength: opts.maxTokenLength });
  const r = readClaims(inner.payloadBinary, d.info, opts as unknown as VerifyOptions);
  if (opts.complete) (r as { jws?: unknown }).jws = { header: parseObject(inner.info.binary, 'JOSE header'), signature: inner.signature };
  return r;
};
