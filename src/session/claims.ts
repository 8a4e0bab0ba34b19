// @part session needs crypto
/**
 * The claims of MicroJWT tokens: `sub` (username), `role`, `iat`, `exp`,
 * `jti` (random), `aud` and `iss` when given, `fam` (the login a token pair
 * descends from), then the caller's additional claims, which may not set any
 * of these nor another registered claim (the seed let them override `exp`).
 */
import { invalidArgument } from '../errors';
import { isPlainObject, isStringArray } from '../options';
import { encode as base64urlEncode } from '../codec/base64url';
import { randomBytes } from '../crypto/index';
import { Claims } from '../jwt/claims';

/** Registered claims and MicroJWT's own: set by MicroJWT only. */
const reserved = function (name: string): boolean {
  return name === 'sub' || name === 'role' || name === 'iat' || name === 'exp' || name === 'jti' || name === 'aud' || name === 'iss' || name === 'nbf' || name === 'fam';
};

/** A non-empty string after trimming, as the seed checks username and role. */
export const checkName = function (what: string, value: unknown): string {
  if (typeof value !== 'string' || !value.trim()) invalidArgument(what + ' must be a non-empty string');
  return value as string;
};

/** additionalClaims: absent, or a plain object without reserved claim names. */
export const checkCustom = function (claims: unknown): Claims | undefined {
  if (claims === undefined || claims === null) return undefined;
  if (!isPlainObject(claims)) invalidArgument('additionalClaims must be a plain object');
  const names = Object.keys(claims as Claims);
  for (let i = 0; i < names.length; i++) {
    if (reserved(names[i])) invalidArgument('additionalClaims may not set "' + names[i] + '" (a registered or MicroJWT claim)');
  }
  return claims as Claims;
};

/** audience: absent, a non-empty string, or a non-empty array of strings. */
export const checkAudience = function (audience: unknown): string | string[] | undefined {
  if (audience === undefined || audience === null) return undefined;
  if (audience === '' || (typeof audience !== 'string' && !(isStringArray(audience) && (audience as string[]).length > 0))) {
    invalidArgument('audience must be a non-empty string or array of strings');
  }
  return audience as string | string[];
};

/** The claims a token carries beyond MicroJWT's own (kept when it is refreshed). */
export const customOf = function (payload: Claims): Claims {
  const out: Claims = {};
  const names = Object.keys(payload);
  for (let i = 0; i < names.length; i++) if (!reserved(names[i])) out[names[i]] = payload[names[i]];
  return out;
};

/** A random id: 16 bytes, base64url (22 characters). */
export const randomId = function (bytes: number): string {
  return base64urlEncode(randomBytes(bytes));
};

/** The claims of a new token, in the seed's order, then iss and fam, then the custom claims. */
export const tokenClaims = function (sub: string, role: string, iat: number, exp: number, aud: unknown, iss: string | undefined, fam: string | undefined, custom: Claims | undefined): Claims {
  const c: Claims = { sub: sub, role: role, iat: iat, exp: exp, jti: randomId(16) };
  if (aud !== undefined) c.aud = typeof aud === 'object' ? (aud as string[]).concat([]) : aud;
  if (iss !== undefined) c.iss = iss;
  if (fam !== undefined) c.fam = fam;
  if (custom !== undefined) {
    const names = Object.keys(custom);
    for (let i = 0; i < names.length; i++) c[names[i]] = custom[names[i]];
  }
  return c;
};
