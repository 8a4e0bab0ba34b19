// @part session
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
  const headers = req !== null && typeof req === 'object' ? (req as Request).headers : undefined;
  if (headers === null || typeof headers !== 'object') return null;
  const names = Object.keys(headers);
  let value: unknown;
  for (let i = 0; i < names.length; i++) if (names[i].toLowerCase() === 'authorization') value = headers[names[i]];
  if (typeof value !== 'string') return null;
  const v = value.trim();
  const sp = v.indexOf(' ');
  if (sp !== 6 || v.substr(0, 6).toLowerCase() !== 'bearer') return null;
  const token = v.substr(7).trim();
  // b64token (RFC 6750 §2.1)
  return /^[A-Za-z0-9._~+\/-]+=*$/.test(token) ? token : null;
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
    const token = bearer(req);
    const claims = token === null ? null : check(token);
    if (claims === null) {
      res.writeHead(401, { 'WWW-Authenticate': challenge, 'Content-Type': 'text/plain' });
      res.end('Unauthorized');
      return;
    }
    handler(req, res, claims);
  };
};

/** With a MicroJWT: its verifyToken decides. */
const jwtCheck = function (o: { [name: string]: unknown }): (token: string) => Claims | null {
  checkOptionTable('guard', o, ' jwt:T audience:U encrypted:B realm:S');
  const jwt = o.jwt as Verifier;
  if (typeof jwt.verifyToken !== 'function') optionsError('guard: option "jwt" must be a MicroJWT');
  return function (token: string) {
    return jwt.verifyToken(token, o.audience, o.encrypted as boolean | undefined);
  };
};

/** With a key and verify's options: any JWTError means 401. */
const keyCheck = function (o: { [name: string]: unknown }): (token: string) => Claims | null {
  const vo: { [name: string]: unknown } = {};
  const names = Object.keys(o);
  for (let i = 0; i < names.length; i++) if (names[i] !== 'key' && names[i] !== 'realm') vo[names[i]] = o[names[i]];
  if (o.key === undefined) optionsError('guard: give "jwt" (a MicroJWT) or "key" with verify options');
  const checked = checkVerifyOptions(vo);
  if (checked.complete) optionsError('guard: option "complete" is not for guard');
  const opts = checked.maxTokenLength === undefined ? sessionLimit(checked) : checked;
  return function (token: string) {
    try {
      return verify(token, o.key, opts as VerifyOptions) as Claims;
    } catch (e) {
      if (e instanceof JWTError) return null;
      throw e;
    }
  };
};
