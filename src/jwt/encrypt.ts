/**
 * `encryptJWT(payload, key, options)`: an encrypted JWT (a compact JWE whose
 * plaintext is the claims JSON), or with the `sign` option a nested JWT
 * (RFC 7519 §5.2): the claims are signed first (a JWS, as `sign` makes it,
 * with its own key), and that token is encrypted with `cty: "JWT"`.
 *
 * The claims come from `buildClaims`, as for `sign`: same options, same
 * refusals. The header gets `typ: "JWT"` unless `typ` says otherwise.
 */
import { invalidArgument } from '../errors';
import { stringifyJson } from '../codec/json';
import { isPlainObject } from '../options';
import { resolveSigningKey, signWith } from '../jws/sign';
import { encryptCore } from '../jwe/encrypt';
import { checkEncryptJWTOptions, EncryptJWTOptions } from './jweoptions';
import { buildClaims } from './claimset';
import { Claims } from './claims';
import { SignOptions } from './options';

/** Encrypt a JWT (optionally signed inside): returns the compact JWE. */
export const encryptJWT = function (payload: Claims, key: unknown, options: EncryptJWTOptions): string {
  const opts = checkEncryptJWTOptions(options);
  if (!isPlainObject(payload)) return invalidArgument('encryptJWT: the payload must be a plain object (a JWT claims set)');
  const s = opts.sign;
  let text: string;
  if (s === undefined) text = stringifyJson(buildClaims('encryptJWT', payload, opts as unknown as SignOptions));
  else {
    const sk = resolveSigningKey(s.key, s);
    text = signWith('sign', sk, s, stringifyJson(buildClaims('encryptJWT', payload, opts as unknown as SignOptions)));
  }
  return encryptCore('encryptJWT', text, key, opts, opts.typ === undefined ? 'JWT' : opts.typ, s === undefined ? undefined : 'JWT');
};
