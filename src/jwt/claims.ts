/**
 * Reading the claims of an authenticated JWT: payload JSON object -> `typ`
 * -> registered-claim checks (RFC 7519 §4.1) in PyJWT's order and error
 * classes (requiredClaims -> iat -> nbf -> exp -> iss -> aud -> sub -> jti)
 * -> the caller's `validate`.
 * Revocation (`revocationStore`: a `jti` it holds raises `RevokedTokenError`)
 * comes after the registered claims, before `validate`.
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
  InvalidTokenError,
  DecodeError,
  ExpiredSignatureError,
  ImmatureSignatureError,
  InvalidAudienceError,
  InvalidIssuedAtError,
  InvalidIssuerError,
  InvalidJTIError,
  InvalidSubjectError,
  MissingRequiredClaimError,
  RevokedTokenError,
} from '../errors';
import { now } from '../clock';
import { VerifyOptions } from './options';
import { isStringArray } from '../options';
import { parseObject, Header, HeaderInfo } from '../jws/header';

/** A JWT claims set. */
export type Claims = { [claim: string]: unknown };

/** True when `value` is a string or an array of strings (the shapes `aud` may take). */
export const isAudience = function (value: unknown): boolean {
  return typeof value === 'string' || isStringArray(value);
};

/**
 * The errors of `checkClaims`, by number. Apart, because the interpreter
 * lexes every character of a function it runs: `checkClaims` runs on every
 * verify, this only when a claim fails.
 */
const claimError = function (n: number, claim: string): never {
  const missing = 'the token has no "' + claim + '" claim';
  throw n === 0 ? new MissingRequiredClaimError(missing, undefined, claim)
    : n === 1 ? new InvalidIssuedAtError('"iat" must be a number (NumericDate)', undefined, 'iat')
    : n === 2 ? new ExpiredSignatureError('the token is older than maxAge (from "iat")', undefined, 'iat')
    : n === 3 ? new DecodeError('"' + claim + '" must be a number (NumericDate)', 'ERR_JWT_CLAIM_INVALID', claim)
    : n === 4 ? new ImmatureSignatureError('the token is not yet valid ("nbf")', undefined, 'nbf')
    : n === 5 ? new ExpiredSignatureError('the token has expired ("exp")', undefined, 'exp')
    : n === 6 ? new InvalidIssuerError('"iss" must be a string', undefined, 'iss')
    : n === 7 ? new InvalidIssuerError('the issuer ("iss") is not accepted', undefined, 'iss')
    : n === 8 ? new InvalidAudienceError('"aud" must be a string or an array of strings', undefined, 'aud')
    : n === 9 ? new InvalidAudienceError('the token has an audience ("aud") but no audience option was given', undefined, 'aud')
    : n === 10 ? new InvalidAudienceError('the audience ("aud") does not match', undefined, 'aud')
    : n === 11 ? new InvalidSubjectError('"sub" must be a string', undefined, 'sub')
    : n === 12 ? new InvalidSubjectError('the subject ("sub") does not match', undefined, 'sub')
    : n === 13 ? new InvalidJTIError('"jti" must be a string', undefined, 'jti')
    : new RevokedTokenError('the token has been revoked ("jti")', undefined, 'jti');
};

/**
 * `aud` against the `audience` option, when they are not the same string:
 * any of the wanted audiences among the token's.
 */
const checkAudience = function (aud: unknown, audience: string | string[] | undefined): void {
  if (!isAudience(aud)) claimError(8, 'aud');
  if (audience === undefined) claimError(9, 'aud');
  const w = typeof audience === 'string' ? [audience] : (audience as string[]);
  const g = typeof aud === 'string' ? [aud] : (aud as string[]);
  let match = false;
  for (let i = 0; i < w.length; i++) for (let j = 0; j < g.length; j++) if (w[i] === g[j]) match = true;
  if (!match) claimError(10, 'aud');
};

/**
 * The claims of an authenticated JWT payload (`payloadBinary`, UTF-8 JSON
 * bytes) whose header is `info`, for `verify` and `decryptJWT`: parsed as a
 * JSON object, `typ` (if asked), the registered claims, then the caller's
 * `validate(payload, header)`. Returns the claims, or with `complete`
 * `{header, payload}` (the caller adds what its layer has).
 *
 * The registered claims are read as `p.x !== undefined && has.call(p, 'x')`:
 * an absent claim costs one property read, not a native call. The common
 * cases (a string `iss`/`aud` equal to the option) are decided inline; the
 * rest in `checkAudience` and `claimError`, so this body stays short (the
 * interpreter lexes all of it on every call).
 */
export const readClaims = function (payloadBinary: string, info: HeaderInfo, opts: VerifyOptions): Claims | { header: Header; payload: Claims } {
  const p = parseObject(payloadBinary, 'JWT payload');
  if (opts.typ !== undefined) {
    // Compared as media types, case-insensitive, "application/" prepended to
    // a value without '/' (RFC 7515 §4.1.9): "application/x/jwt" is not "x/jwt"
    // (stripping the prefix instead had made them equal).
    const typ = info.header.typ;
    let want = opts.typ.toLowerCase();
    if (want.indexOf('/') < 0) want = 'application/' + want;
    let got = typeof typ === 'string' ? typ.toLowerCase() : undefined;
    if (got !== undefined && got.indexOf('/') < 0) got = 'application/' + got;
    if (got !== want) throw new InvalidTokenError('the header "typ" is not ' + JSON.stringify(opts.typ), 'ERR_JWT_TYP');
  }
  checkClaims(p, opts);
  if (opts.validate === undefined && !opts.complete) return p;
  const header = parseObject(info.binary, 'JOSE header');
  if (opts.validate !== undefined) opts.validate(p, header);
  return opts.complete ? { header: header, payload: p } : p;
};

/**
 * The registered-claim checks and revocation on a parsed claims set (also
 * for sessions, which read the payload themselves).
 */
export const checkClaims = function (p: Claims, opts: VerifyOptions): void {
  const leeway = opts.leeway === undefined ? 0 : opts.leeway;
  const has = Object.prototype.hasOwnProperty;
  let t: number | undefined;
  const required = opts.requiredClaims;
  if (required) for (let i = 0; i < required.length; i++) if (!has.call(p, required[i]) || p[required[i]] === null) claimError(0, required[i]);
  const iat = p.iat !== undefined && has.call(p, 'iat') ? p.iat : undefined;
  if (iat !== undefined) {
    if (typeof iat !== 'number' || !isFinite(iat)) claimError(1, 'iat');
    if (opts.maxAge !== undefined && (t = now(opts)) > (iat as number) + opts.maxAge + leeway) claimError(2, 'iat');
  } else if (opts.maxAge !== undefined) claimError(0, 'iat');
  const nbf = p.nbf !== undefined && has.call(p, 'nbf') ? p.nbf : undefined;
  if (nbf !== undefined) {
    if (typeof nbf !== 'number' || !isFinite(nbf)) claimError(3, 'nbf');
    if (t === undefined) t = now(opts);
    if (t + leeway < (nbf as number)) claimError(4, 'nbf');
  }
  const exp = p.exp !== undefined && has.call(p, 'exp') ? p.exp : undefined;
  if (exp !== undefined) {
    if (typeof exp !== 'number' || !isFinite(exp)) claimError(3, 'exp');
    if (t === undefined) t = now(opts);
    if (t >= (exp as number) + leeway) claimError(5, 'exp');
  }
  const iss = p.iss !== undefined && has.call(p, 'iss') ? p.iss : undefined;
  const issuer = opts.issuer;
  if (iss !== undefined) {
    if (typeof iss !== 'string') claimError(6, 'iss');
    if (issuer !== undefined && issuer !== iss) {
      let accepted = false;
      if (typeof issuer === 'object') for (let i = 0; i < issuer.length; i++) if (issuer[i] === iss) accepted = true;
      if (!accepted) claimError(7, 'iss');
    }
  } else if (issuer !== undefined) claimError(0, 'iss');
  const aud = p.aud !== undefined && has.call(p, 'aud') ? p.aud : undefined;
  if (aud !== undefined) {
    if (typeof aud !== 'string' || aud !== opts.audience) checkAudience(aud, opts.audience);
  } else if (opts.audience !== undefined) claimError(0, 'aud');
  const sub = p.sub !== undefined && has.call(p, 'sub') ? p.sub : undefined;
  if (sub !== undefined) {
    if (typeof sub !== 'string') claimError(11, 'sub');
    if (opts.subject !== undefined && sub !== opts.subject) claimError(12, 'sub');
  } else if (opts.subject !== undefined) claimError(0, 'sub');
  const jti = p.jti !== undefined && has.call(p, 'jti') ? p.jti : undefined;
  if (jti !== undefined && typeof jti !== 'string') claimError(13, 'jti');
  // The one revocation hook, shared by every JWT path (verify, decryptJWT):
  // one property read when no store is given. A token without `jti` cannot
  // be revoked by id (ask for it with requiredClaims).
  if (opts.revocationStore !== undefined && jti !== undefined && opts.revocationStore.has(jti as string)) claimError(14, 'jti');
};
