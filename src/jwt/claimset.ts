// @part sign
/**
 * The claims set a new JWT carries: a copy of the payload plus the claims the
 * options set (`iat` unless `noTimestamp`, `exp`, `nbf`, `iss`, `sub`, `aud`,
 * `jti`). Shared by `sign` and `encryptJWT`, so both mint the same claims and
 * refuse the same mistakes.
 *
 * A claim given both in the payload and through an option is an options
 * error. Registered claims in the payload must already have the types
 * `verify` demands, so this library never mints a token it would refuse.
 *
 * Everything is in one function: on the device each helper function made at
 * load costs RAM for as long as the module is loaded, code in a body does not.
 */
import { invalidArgument } from '../errors';
import { encode as base64urlEncode } from '../codec/base64url';
import { now } from '../clock';
import { optionsError } from '../options';
import { SignOptions } from './options';
import { isAudience, Claims } from './claims';

/**
 * The claims set for `payload` (a plain object, checked by the caller) under
 * checked options; `fn` names the public function in errors, `randomBytes`
 * makes a `jwtid: true` id (the full library's random source or the core
 * build's native one).
 */
export const buildClaims = function (fn: string, payload: Claims, opts: SignOptions, randomBytes: (n: number) => Uint8Array): Claims {
  const has = Object.prototype.hasOwnProperty;
  // Payload claims of the wrong type are refused, as `verify` would.
  for (let i = 0; i < 3; i++) {
    const date = i === 0 ? 'iat' : i === 1 ? 'nbf' : 'exp';
    const v = payload[date];
    if (has.call(payload, date) && (typeof v !== 'number' || !isFinite(v))) invalidArgument(fn + ': claim "' + date + '" must be a finite number (NumericDate)');
  }
  for (let i = 0; i < 3; i++) {
    const name = i === 0 ? 'iss' : i === 1 ? 'sub' : 'jti';
    if (has.call(payload, name) && typeof payload[name] !== 'string') invalidArgument(fn + ': claim "' + name + '" must be a string');
  }
  if (has.call(payload, 'aud') && !isAudience(payload.aud)) invalidArgument(fn + ': claim "aud" must be a string or an array of strings');

  const claims: Claims = {};
  const names = Object.keys(payload);
  for (let i = 0; i < names.length; i++) claims[names[i]] = payload[names[i]];

  // The claims the options set, in this order; a payload that already has one is an options error.
  const stamp = !opts.noTimestamp && !has.call(payload, 'iat');
  if (stamp || opts.expiresIn !== undefined || opts.notBefore !== undefined) {
    const t = Math.floor(now(opts));
    if (stamp) claims.iat = t;
    if (opts.expiresIn !== undefined) {
      if (has.call(payload, 'exp')) optionsError(fn + ': option "expiresIn" and the payload both give "exp"');
      claims.exp = Math.floor(t + opts.expiresIn);
    }
    if (opts.notBefore !== undefined) {
      if (has.call(payload, 'nbf')) optionsError(fn + ': option "notBefore" and the payload both give "nbf"');
      claims.nbf = Math.floor(t + opts.notBefore);
    }
  }
  if (opts.issuer !== undefined) {
    if (has.call(payload, 'iss')) optionsError(fn + ': option "issuer" and the payload both give "iss"');
    claims.iss = opts.issuer;
  }
  if (opts.subject !== undefined) {
    if (has.call(payload, 'sub')) optionsError(fn + ': option "subject" and the payload both give "sub"');
    claims.sub = opts.subject;
  }
  if (opts.audience !== undefined) {
    if (has.call(payload, 'aud')) optionsError(fn + ': option "audience" and the payload both give "aud"');
    claims.aud = typeof opts.audience === 'object' ? opts.audience.concat([]) : opts.audience;
  }
  if (opts.jwtid !== undefined) {
    if (has.call(payload, 'jti')) optionsError(fn + ': option "jwtid" and the payload both give "jti"');
    claims.jti = opts.jwtid === true ? base64urlEncode(randomBytes(16)) : opts.jwtid;
  }
  return claims;
};
