// @part sign
/**
 * `sign(payload, key, options)`: a JWT (compact JWS over a JSON claims set).
 *
 * The claims set is built by `buildClaims` (src/jwt/claimset.ts, shared with
 * `encryptJWT`). JSON text is UTF-8-correct on every platform
 * (`stringifyJson`), unlike Espruino's `JSON.stringify`, which escapes each
 * byte >= 0x80 as `\u00XX` on boards.
 */
import { invalidArgument } from '../errors';
import { stringifyJson } from '../codec/jsonstringify';
import { resolveSigningKey, signWith } from '../jws/sign';
import { isPlainObject } from '../options';
import type { SignOptions } from './options';
import { checkSignOptions } from './signoptions';
import { Claims } from './claims';
import { buildClaims } from './claimset';
import { randomBytes } from '../crypto/index';

/** Sign a JWT: returns the compact token. */
export const sign = function (payload: Claims, key: unknown, options?: SignOptions): string {
  // Absent options are checked here: the interpreter would lex all of checkOptions to return `{}`.
  const opts: SignOptions = options === undefined ? {} : checkSignOptions(options);
  if (!isPlainObject(payload)) return invalidArgument('sign: the payload must be a plain object (a JWT claims set)');
  const sk = resolveSigningKey(key, opts);
  return signWith('sign', sk, opts, stringifyJson(buildClaims('sign', payload, opts, randomBytes)));
};
