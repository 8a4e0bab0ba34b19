/**
 * `verify(token, keyOrKeySet, options)`: verify a JWT and return its claims.
 *
 * After the JWS checks (src/jws/verify.ts): `readClaims` (src/jwt/claims.ts,
 * shared with `decryptJWT`): the payload must be a JSON object -> `typ` (if
 * asked) -> registered claims -> the caller's `validate(payload, header)`.
 * `algorithms` is required.
 */
import { verifyJwsWith } from '../jws/verify';
import { adapterKeyMac } from '../jws/mac';
import { Header } from '../jws/header';
import { checkVerifyOptions, VerifyOptions } from './options';
import { readClaims, Claims } from './claims';

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
  const v = verifyJwsWith(token, key, opts, adapterKeyMac);
  const r = readClaims(v.payloadBinary, v.info, opts);
  if (opts.complete) (r as CompleteToken).signature = v.signature;
  return r as Claims | CompleteToken;
};
