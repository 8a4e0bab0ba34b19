/**
 * `sign(payload, key, options)`: a JWT (compact JWS over a JSON claims set).
 *
 * The claims set is a copy of `payload` plus the claims the options set
 * (`iat` unless `noTimestamp`, `exp`, `nbf`, `iss`, `sub`, `aud`, `jti`). A
 * claim given both in the payload and through an option is an options error.
 * Registered claims in the payload must already have the types `verify`
 * demands, so this library never mints a token it would refuse. JSON text is
 * UTF-8-correct on every platform (`stringifyJson`), unlike Espruino's
 * `JSON.stringify`, which escapes each byte >= 0x80 as `\u00XX` on boards.
 */
import { JWTError, invalidArgument } from '../errors';
import { stringifyJson } from '../codec/json';
import { encode as base64urlEncode } from '../codec/base64url';
import { randomBytes } from '../crypto/index';
import { now } from '../clock';
import { isPlainObject } from '../jwk/key';
import { resolveSigningKey, headerSegment, signBinary, pick } from '../jws/sign';
import { checkSignOptions, SignOptions } from './options';
import { isAudience, Claims } from './claims';

const hasOwn = function (o: object, name: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, name);
};

const optionsError = function (message: string): never {
  throw new JWTError(message, 'ERR_OPTIONS_INVALID');
};

/** Refuse payload claims of the wrong type, as `verify` would. */
const checkPayloadClaims = function (p: Claims): void {
  const dates = ['iat', 'nbf', 'exp'];
  for (let i = 0; i < dates.length; i++) {
    const v = p[dates[i]];
    if (hasOwn(p, dates[i]) && (typeof v !== 'number' || !isFinite(v))) invalidArgument('sign: claim "' + dates[i] + '" must be a finite number (NumericDate)');
  }
  const strings = ['iss', 'sub', 'jti'];
  for (let i = 0; i < strings.length; i++) {
    if (hasOwn(p, strings[i]) && typeof p[strings[i]] !== 'string') invalidArgument('sign: claim "' + strings[i] + '" must be a string');
  }
  if (hasOwn(p, 'aud') && !isAudience(p.aud)) invalidArgument('sign: claim "aud" must be a string or an array of strings');
};

/** The claim an option sets, refusing a payload that already has it. */
const setClaim = function (claims: Claims, payload: Claims, claim: string, option: string, value: unknown): void {
  if (value === undefined) return;
  if (hasOwn(payload, claim)) optionsError('sign: option "' + option + '" and the payload both give "' + claim + '"');
  claims[claim] = value;
};

/** Sign a JWT: returns the compact token. */
export const sign = function (payload: Claims, key: unknown, options?: SignOptions): string {
  const opts = checkSignOptions(options);
  if (!isPlainObject(payload)) return invalidArgument('sign: the payload must be a plain object (a JWT claims set)');
  const sk = resolveSigningKey(key, opts.algorithm, opts.minKeyLength);

  checkPayloadClaims(payload);
  const claims: Claims = {};
  const names = Object.keys(payload);
  for (let i = 0; i < names.length; i++) claims[names[i]] = payload[names[i]];

  const stamp = !opts.noTimestamp && !hasOwn(payload, 'iat');
  if (stamp || opts.expiresIn !== undefined || opts.notBefore !== undefined) {
    const t = Math.floor(now(opts));
    if (stamp) claims.iat = t;
    setClaim(claims, payload, 'exp', 'expiresIn', opts.expiresIn === undefined ? undefined : Math.floor(t + opts.expiresIn));
    setClaim(claims, payload, 'nbf', 'notBefore', opts.notBefore === undefined ? undefined : Math.floor(t + opts.notBefore));
  }
  setClaim(claims, payload, 'iss', 'issuer', opts.issuer);
  setClaim(claims, payload, 'sub', 'subject', opts.subject);
  setClaim(claims, payload, 'aud', 'audience', typeof opts.audience === 'object' ? opts.audience.concat([]) : opts.audience);
  setClaim(claims, payload, 'jti', 'jwtid', opts.jwtid === true ? base64urlEncode(randomBytes(16)) : opts.jwtid);

  let kid = pick(opts.kid, opts.header, 'kid');
  if (sk.kid !== undefined) {
    if (kid !== undefined && kid !== sk.kid) optionsError('sign: kid conflicts with the signing key of the set');
    kid = sk.kid;
  }
  let typ = pick(opts.typ, opts.header, 'typ');
  if (typ === undefined) typ = 'JWT';
  return signBinary(headerSegment(sk.alg, typ, kid, opts.header), stringifyJson(claims), sk);
};
