// @part jwe needs crypto, sign
/**
 * `encryptJWT(payload, key, options)`: an encrypted JWT (a compact JWE whose
 * plaintext is the claims JSON), or with the `sign` option a nested JWT
 * (RFC 7519 §5.2): the claims are signed first (a JWS, as `sign` makes it,
 * with its own key), and that token is encrypted with `cty: "JWT"`.
 *
 * The claims come from `buildClaims`, as for `sign`: same options, same
 * refusals. The header gets `typ: "JWT"` unless `typ` (or `header.typ`)
 * says otherwise.
 */
import { invalidArgument } from '../errors';
import { stringifyJson } from '../codec/jsonstringify';
import { binaryToBytes } from '../codec/bytes';
import { isPlainObject } from '../options';
import { resolveSigningKey, signWith } from '../jws/sign';
import { encryptCore } from '../jwe/encrypt';
import { checkEncryptJWTOptions, EncryptJWTOptions } from './jweoptions';
import { buildClaims } from './claimset';
import { randomBytes } from '../crypto/index';
import { Claims } from './claims';
import { SignOptions } from './options';

/** Encrypt a JWT (optionally signed inside): returns the compact JWE. */
export const encryptJWT = function (payload: Claims, key: unknown, options: EncryptJWTOptions): string {
  const opts = checkEncryptJWTOptions(options);
  if (!isPlainObject(payload)) return invalidArgument('encryptJWT: the payload must be a plain object (a JWT claims set)');
  const s = opts.sign;
  const claims = stringifyJson(buildClaims('encryptJWT', payload, opts as unknown as SignOptions, randomBytes));
  const text = s === undefined ? claims : signWith('sign', resolveSigningKey(s.key, s), s, claims);
  // typ: the option, else the header option's, else "JWT".
  const h = opts.header;
  const typ = opts.typ !== undefined || (h !== undefined && h.typ !== undefined && Object.prototype.hasOwnProperty.call(h, 'typ')) ? opts.typ : 'JWT';
  return encryptCore('encryptJWT', binaryToBytes(text), key, opts, typ, s === undefined ? undefined : 'JWT');
};
