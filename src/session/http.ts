// @part session needs crypto
/**
 * Bearer tokens (RFC 6750) on Espruino's `http` server.
 *
 * `bearer(req)`: the token of an `Authorization: Bearer <token>` header
 * (header name and scheme case-insensitive), or null.
 *
 * `guard(options, handler)`: a request handler for `http.createServer` that
 * answers 401 with `WWW-Authenticate: Bearer error="invalid_token"` when the
 * token is missing or invalid, and otherwise calls `handler(req, res,
 * claims)`. Options: either `{jwt: aMicroJWT, audience?, encrypted?}` (its
 * verifyToken decides, and logs), or a key with `verify`'s options
 * (`{key, algorithms, ...}`, `maxTokenLength` 1,536 by default, as for
 * MicroJWT); `realm` (optional) goes into the challenge.
 * Options are checked when the guard is made, not per request.
 */
import { JWTError } from '../errors';
import { checkOptionTable, isPlainObject, optionsError } from '../options';
import { verify } from '../jwt/verify';
import { checkVerifyOptions, VerifyOptions } from '../jwt/options';
import { Claims } from '../jwt/claims';
import { sessionLimit } from './introspect';

export interface Request {
  headers?: { [name: string]: unknown };
}
export interface Response {
  writeHead(status: number, headers?: { [name: string]: string }): void;
  end(data?: string): void;
}
export interface Verifier {
  verifyToken(token: string, audience?: unknown, encrypted?: boolean): Claims | null;
}

export const bearer = function (req: unknown): string | null {
  return bearerWithin(req, 9007199254740991);
};

/**
 * `bearer`, null also when the token is longer than `max`: guard checks the
 * length before it copies the token out of the header value.
 */
const bearerWithin = function (req: unknown, max: number): string | null {
  const headers = req !== null && typeof req === 'object' ? (req as Request).headers : undefined;
  if (headers === null || typeof headers !== 'object') return null;
  const names = Object.keys(headers);
  let value: unknown;
  for (let i = 0; i < names.length; i++) if (names[i].toLowerCase() === 'authorization') value = headers[names[i]];
  if (typeof value !== 'string') return null;
  // Positions, not trimmed copies, and one substring: the header value is
  // as long as the token, and on a Pico every full-length copy costs ~130
  // JsVars (with the session part loaded a 1,536-char token through guard
  // ran the Pico-like build out of memory; measured).
  let a = 0;
  let e = value.length;
  while (a < e && isSpace(value.charCodeAt(a))) a++;
  while (e > a && isSpace(value.charCodeAt(e - 1))) e--;
  if (e - a < 8 || value.charAt(a + 6) !== ' ' || value.substr(a, 6).toLowerCase() !== 'bearer') return null;
  a += 7;
  while (a < e && isSpace(value.charCodeAt(a))) a++;
  if (e - a > max) return null;
  const token = value.substring(a, e);
  // b64token (RFC 6750 §2.1): 1* of these characters, then *"=". Searched
  // for a foreign character (on the device a regex match copies what it
  // matched; a miss copies nothing).
  const eq = token.indexOf('=');
  if (token === '' || eq === 0 || /[^A-Za-z0-9._~+\/=-]/.test(token) || (eq > 0 && /[^=]/.test(token.substr(eq)))) return null;
  return token;
};

/** White space that String#trim removes (ASCII, NBSP, BOM). */
const isSpace = function (c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 160 || c === 0xfeff;
};

export const guard = function (options: unknown, handler: (req: unknown, res: Response, claims: Claims) => void): (req: unknown, res: Response) => void {
  if (typeof handler !== 'function') optionsError('guard: the handler must be a function (req, res, claims)');
  if (!isPlainObject(options)) optionsError('guard: options must be a plain object');
  const o = options as { [name: string]: unknown };
  const realm = o.realm;
  if (realm !== undefined && (typeof realm !== 'string' || realm.indexOf('"') >= 0 || realm.indexOf('\\') >= 0)) optionsError('guard: option "realm" must be a string without quotes or backslashes');
  const challenge = 'Bearer ' + (realm === undefined ? '' : 'realm="' + realm + '", ') + 'error="invalid_token"';
  const check = o.jwt !== undefined ? jwtCheck(o) : keyCheck(o);
  return function (req: unknown, res: Response) {
    const claims = check(req);
    if (claims === null) {
      res.writeHead(401, { 'WWW-Authenticate': challenge, 'Content-Type': 'text/plain' });
      res.end('Unauthorized');
      return;
    }
    handler(req, res, claims);
  };
};

/** With a MicroJWT: its verifyToken decides (a token longer than its maxTokenLength is not copied out of the header). */
const jwtCheck = function (o: { [name: string]: unknown }): (req: unknown) => Claims | null {
  checkOptionTable('guard', o, ' jwt:T audience:U encrypted:B realm:S');
  const jwt = o.jwt as Verifier;
  if (typeof jwt.verifyToken !== 'function') optionsError('guard: option "jwt" must be a MicroJWT');
  const max = (jwt as { _max?: unknown })._max;
  return function (req: unknown) {
    const token = bearerWithin(req, typeof max === 'number' ? max : 9007199254740991);
    return token === null ? null : jwt.verifyToken(token, o.audience, o.encrypted as boolean | undefined);
  };
};

/** With a key and verify's options: any JWTError means 401. */
const keyCheck = function (o: { [name: string]: unknown }): (req: unknown) => Claims | null {
  const vo: { [name: string]: unknown } = {};
  const names = Object.keys(o);
  for (let i = 0; i < names.length; i++) if (names[i] !== 'key' && names[i] !== 'realm') vo[names[i]] = o[names[i]];
  if (o.key === undefined) optionsError('guard: give "jwt" (a MicroJWT) or "key" with verify options');
  const checked = checkVerifyOptions(vo);
  if (checked.complete) optionsError('guard: option "complete" is not for guard');
  const opts = checked.maxTokenLength === undefined ? sessionLimit(checked) : checked;
  return function (req: unknown) {
    const token = bearerWithin(req, opts.maxTokenLength as number);
    if (token === null) return null;
    try {
      return verify(token, o.key, opts as VerifyOptions) as Claims;
    } catch (e) {
      if (e instanceof JWTError) return null;
      throw e;
    }
  };
};
