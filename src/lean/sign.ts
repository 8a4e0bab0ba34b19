// @part sign
/**
 * The core build's `sign`: src/jwt/sign.ts's steps over the native MAC and
 * random source (./native.ts). Part of the sign lazy part with the signing
 * code it calls: a board that only verifies tokens never makes any of it.
 */
import { invalidArgument } from '../errors';
import { stringifyJson } from '../codec/jsonstringify';
import { isPlainObject } from '../options';
import { singleSigningKey, signWith } from '../jws/sign';
import type { SignOptions } from '../jwt/options';
import { checkSignOptions } from '../jwt/signoptions';
import { buildClaims } from '../jwt/claimset';
import type { Claims } from '../jwt/claims';
import { nativeMac, nativeRandomBytes } from './native';

/** As src/jwt/sign.ts, over the native MAC and random source. */
export const leanSign = function (payload: Claims, key: unknown, options?: SignOptions): string {
  const opts: SignOptions = options === undefined ? {} : checkSignOptions(options);
  if (!isPlainObject(payload)) return invalidArgument('sign: the payload must be a plain object (a JWT claims set)');
  const sk = singleSigningKey(key, opts, nativeMac);
  return signWith('sign', sk, opts, stringifyJson(buildClaims('sign', payload, opts, nativeRandomBytes)));
};
