/**
 * Registered-claim checks (RFC 7519 §4.1), PyJWT's order and error classes:
 * requiredClaims -> iat -> nbf -> exp -> iss -> aud -> sub -> jti.
 *
 * Claims are read as own properties only. Dates are finite JSON numbers
 * (`1e400` parses to Infinity and is refused). The clock is read once, and
 * only when a time check needs it (so a 1970 device can still verify tokens
 * without `exp`/`nbf`); a clock before `minClock` raises `ClockNotSetError`.
 *
 * One-line helpers are written out where they are used: on the device each
 * function made at load costs RAM for as long as the module is loaded.
 */
import {
  DecodeError,
  ExpiredSignatureError,
  ImmatureSignatureError,
  InvalidAudienceError,
  InvalidIssuedAtError,
  InvalidIssuerError,
  InvalidJTIError,
  InvalidSubjectError,
  MissingRequiredClaimError,
} from '../errors';
import { now } from '../clock';
import { VerifyOptions } from './options';

/** A JWT claims set. */
export type Claims = { [claim: string]: unknown };

/** True when `value` is a string or an array of strings (the shapes `aud` may take). */
export const isAudience = function (value: unknown): boolean {
  if (typeof value === 'string') return true;
  if (!Array.isArray(value)) return false;
  for (let i = 0; i < value.length; i++) if (typeof value[i] !== 'string') return false;
  return true;
};

/** Check the registered claims of a verified payload against the options. */
export const checkClaims = function (p: Claims, opts: VerifyOptions): void {
  const leeway = opts.leeway === undefined ? 0 : opts.leeway;
  const has = Object.prototype.hasOwnProperty;
  let t: number | undefined;

  const required = opts.requiredClaims;
  if (required) {
    for (let i = 0; i < required.length; i++) {
      const r = required[i];
      if (!has.call(p, r) || p[r] === null) throw new MissingRequiredClaimError('the token has no "' + r + '" claim', undefined, r);
    }
  }

  if (has.call(p, 'iat')) {
    if (!(typeof p.iat === 'number' && isFinite(p.iat))) throw new InvalidIssuedAtError('"iat" must be a number (NumericDate)', undefined, 'iat');
    if (opts.maxAge !== undefined) {
      t = now(opts);
      if (t > (p.iat as number) + opts.maxAge + leeway) throw new ExpiredSignatureError('the token is older than maxAge (from "iat")', undefined, 'iat');
    }
  } else if (opts.maxAge !== undefined) {
    throw new MissingRequiredClaimError('the token has no "iat" claim', undefined, 'iat');
  }

  if (has.call(p, 'nbf')) {
    if (!(typeof p.nbf === 'number' && isFinite(p.nbf))) throw new DecodeError('"nbf" must be a number (NumericDate)', 'ERR_JWT_CLAIM_INVALID', 'nbf');
    if (t === undefined) t = now(opts);
    if (t + leeway < (p.nbf as number)) throw new ImmatureSignatureError('the token is not yet valid ("nbf")', undefined, 'nbf');
  }

  if (has.call(p, 'exp')) {
    if (!(typeof p.exp === 'number' && isFinite(p.exp))) throw new DecodeError('"exp" must be a number (NumericDate)', 'ERR_JWT_CLAIM_INVALID', 'exp');
    if (t === undefined) t = now(opts);
    if (t >= (p.exp as number) + leeway) throw new ExpiredSignatureError('the token has expired ("exp")', undefined, 'exp');
  }

  if (has.call(p, 'iss')) {
    if (typeof p.iss !== 'string') throw new InvalidIssuerError('"iss" must be a string', undefined, 'iss');
    const issuers = opts.issuer;
    let accepted = issuers === undefined || issuers === p.iss;
    if (!accepted && typeof issuers === 'object') for (let i = 0; i < issuers.length; i++) if (issuers[i] === p.iss) accepted = true;
    if (!accepted) throw new InvalidIssuerError('the issuer ("iss") is not accepted', undefined, 'iss');
  } else if (opts.issuer !== undefined) {
    throw new MissingRequiredClaimError('the token has no "iss" claim', undefined, 'iss');
  }

  if (has.call(p, 'aud')) {
    if (!isAudience(p.aud)) throw new InvalidAudienceError('"aud" must be a string or an array of strings', undefined, 'aud');
    if (opts.audience === undefined) throw new InvalidAudienceError('the token has an audience ("aud") but no audience option was given', undefined, 'aud');
    // Any of the wanted audiences among the token's.
    const w = typeof opts.audience === 'string' ? [opts.audience] : opts.audience;
    const g = typeof p.aud === 'string' ? [p.aud] : (p.aud as string[]);
    let match = false;
    for (let i = 0; i < w.length; i++) for (let j = 0; j < g.length; j++) if (w[i] === g[j]) match = true;
    if (!match) throw new InvalidAudienceError('the audience ("aud") does not match', undefined, 'aud');
  } else if (opts.audience !== undefined) {
    throw new MissingRequiredClaimError('the token has no "aud" claim', undefined, 'aud');
  }

  if (has.call(p, 'sub')) {
    if (typeof p.sub !== 'string') throw new InvalidSubjectError('"sub" must be a string', undefined, 'sub');
    if (opts.subject !== undefined && p.sub !== opts.subject) throw new InvalidSubjectError('the subject ("sub") does not match', undefined, 'sub');
  } else if (opts.subject !== undefined) {
    throw new MissingRequiredClaimError('the token has no "sub" claim', undefined, 'sub');
  }

  if (has.call(p, 'jti') && typeof p.jti !== 'string') throw new InvalidJTIError('"jti" must be a string', undefined, 'jti');
};
