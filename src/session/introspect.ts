// @part session needs crypto
/**
 * `introspect(token, key, options)`: RFC 7662's answer about a token,
 * `{active: true, ...claims}` or `{active: false}`, for a device that
 * serves an introspection endpoint or just wants a yes/no.
 *
 * Options are `verify`'s (checked first: bad options still throw, as does a
 * clock that is not set), with `maxTokenLength` 1,536 by default. Whatever is wrong with the token itself (format,
 * signature, claims, revocation, a key set with no key for it) gives
 * `{active: false}`, never an exception: RFC 7662 §2.2 says nothing about
 * why.
 */
import { DecryptionError, InvalidKeyError, InvalidTokenError } from '../errors';
import { optionsError } from '../options';
import { verify } from '../jwt/verify';
import { checkVerifyOptions, VerifyOptions } from '../jwt/options';
import { Claims } from '../jwt/claims';

export const introspect = function (token: string, key: unknown, options: VerifyOptions): { active: boolean; [claim: string]: unknown } {
  const opts = checkVerifyOptions(options);
  if (opts.complete) optionsError('introspect: option "complete" is not for introspect');
  let p: Claims;
  try {
    p = verify(token, key, opts.maxTokenLength === undefined ? sessionLimit(opts) : opts) as Claims;
  } catch (e) {
    const tokenFault = e instanceof InvalidTokenError || e instanceof DecryptionError || (e instanceof InvalidKeyError && (e.code === 'ERR_KEY_NO_MATCH' || e.code === 'ERR_KEY_MULTIPLE_MATCH'));
    if (tokenFault) return { active: false };
    throw e;
  }
  const out: { active: boolean; [claim: string]: unknown } = { active: true };
  const names = Object.keys(p);
  for (let i = 0; i < names.length; i++) if (names[i] !== 'active') out[names[i]] = p[names[i]];
  return out;
};

/**
 * `opts` (a copy) with maxTokenLength 1,536, the session entry points'
 * default (src/session/microjwt.ts says why): the session part's own RAM on
 * a Pico leaves room for tokens of about that size.
 */
export const sessionLimit = function (opts: VerifyOptions): VerifyOptions {
  const o: { [name: string]: unknown } = {};
  const names = Object.keys(opts);
  for (let i = 0; i < names.length; i++) o[names[i]] = (opts as unknown as { [name: string]: unknown })[names[i]];
  o.maxTokenLength = 1536;
  return o as unknown as VerifyOptions;
};
