// @part session needs crypto
/**
 * `new MicroJWT(secretKey, options)`: the API of MicroJWT (the MicroPython
 * library) as its users know it, without its defects.
 *
 * - Tokens are ordinary HS256/384/512 JWTs signed with the secret as given:
 *   jose, PyJWT or this library verify them with the same secret.
 * - `verifyToken` returns the claims, or `null` for any invalid token (as
 *   the seed), with the typed reason in `lastError` (and logged).
 * - `refreshToken` rotates: the new token gets a new `jti` and the old one
 *   is revoked. `createTokenPair`/`refreshTokenPair` add refresh tokens
 *   (header `typ` "refresh+jwt": never accepted as access tokens, nor the
 *   reverse); presenting a rotated refresh token again is reuse, which
 *   revokes its whole family (every token of that login, claim `fam`).
 * - Revocations go to a store (`revocationStore`, default in RAM); with a
 *   StorageRevocationStore they survive reboots and power loss.
 * - `encrypt`/`encrypted`: compact JWE (`dir` + `A256CBC-HS512`) under a key
 *   derived once per instance (src/session/kdf.ts).
 *
 * A stored revocation lasts until the token's `exp` plus `leeway`, when the
 * token would be refused anyway.
 */
import { InvalidTokenError, JWTError, NotSupportedError, RevokedTokenError, invalidArgument } from '../errors';
import { now } from '../clock';
import { sign } from '../jwt/sign';
import { checkClaims, Claims } from '../jwt/claims';
import { VerifyOptions } from '../jwt/options';
import { verifyJwsCore } from '../jws/verify';
import { parseObject } from '../jws/header';
import { MemoryRevocationStore } from '../revocation/memory';
import { Logger, fingerprint } from './logger';
import { checkMicroJWTOptions, secretBinary, MicroJWTOptions } from './options';
import { checkAudience, checkCustom, checkName, customOf, randomId, tokenClaims } from './claims';
import { deriveKey } from './kdf';
import { decryptToken, encryptToken } from './encrypted';

type Store = NonNullable<MicroJWTOptions['revocationStore']>;
type Log = NonNullable<MicroJWTOptions['logger']>;

export class MicroJWT {
  /** Why the last verifyToken / refreshToken / refreshTokenPair failed (a typed error), or null. */
  lastError: JWTError | null;
  _key: string | Uint8Array;
  _alg: string;
  _ttl: number;
  _refreshTtl: number;
  _leeway: number;
  _issuer: string | undefined;
  _clock: MicroJWTOptions['clock'];
  _minClock: number | undefined;
  _store: Store;
  _log: Log;
  _kdf: MicroJWTOptions['kdf'];
  /** The encryption key, derived on first use. */
  _encKey: Uint8Array | undefined;
  /** Longest token accepted (chars). */
  _max: number;

  constructor(secretKey: string | Uint8Array, options?: MicroJWTOptions) {
    const o = checkMicroJWTOptions(options);
    this._alg = o.algorithm === undefined ? 'HS256' : o.algorithm;
    secretBinary(secretKey, this._alg);
    // A copy: a caller who changes their array later does not change our key.
    this._key = typeof secretKey === 'string' ? secretKey : new Uint8Array(secretKey);
    this._ttl = o.ttl === undefined ? 3600 : o.ttl;
    this._refreshTtl = o.refreshTtl === undefined ? 1209600 : o.refreshTtl;
    this._leeway = o.leeway === undefined ? 0 : o.leeway;
    this._issuer = o.issuer;
    this._clock = o.clock;
    this._minClock = o.minClock;
    this._store = o.revocationStore || new MemoryRevocationStore();
    this._log = o.logger || new Logger('MicroJWT', { level: o.logLevel, silent: o.silent });
    this._kdf = o.kdf;
    // 1,536 by default, not verify's 4,096: on an Espruino Pico (5,100 JsVars)
    // the session and JWE parts take ~1,800 JsVars once loaded, and a token
    // needs about 270 + 0.34 x its length free to verify (measured on the
    // Pico-like build: 2,048-char forgeries ran it out of memory). MicroJWT's
    // own tokens are a few hundred chars.
    this._max = o.maxTokenLength === undefined ? 1536 : o.maxTokenLength;
    this.lastError = null;
    this._log.info('MicroJWT initialized with algorithm ' + this._alg);
  }

  createToken(username: string, role: string, additionalClaims?: Claims | null, audience?: string | string[] | null, encrypt?: boolean): string {
    checkName('username', username);
    checkName('role', role);
    if (encrypt !== undefined && typeof encrypt !== 'boolean') invalidArgument('encrypt must be a boolean');
    const token = this._issue(false, username, role, checkCustom(additionalClaims), checkAudience(audience), undefined, !!encrypt);
    this._log.info('Created ' + (encrypt ? 'encrypted ' : '') + 'token for user: ' + username);
    return token;
  }

  verifyToken(token: string, audience?: string | string[] | null, encrypted?: boolean): Claims | null {
    const aud = checkAudience(audience);
    if (encrypted !== undefined && typeof encrypted !== 'boolean') invalidArgument('encrypted must be a boolean');
    this.lastError = null;
    try {
      const p = this._check(token, false, aud, !!encrypted);
      this._log.info('Token verified for user: ' + p.sub);
      return p;
    } catch (e) {
      this._fail('Token verification', token, e);
      return null;
    }
  }

  /** A new token with the same claims and new iat/exp/jti; the old one is revoked. Throws (as the seed) for an invalid token. */
  refreshToken(token: string, encrypted?: boolean): string {
    this.lastError = null;
    try {
      const p = this._check(token, false, true, !!encrypted);
      const role = checkName('role', p.role);
      this._revoke(p.jti as string, p.exp as number);
      const t = this._issue(false, p.sub as string, role, customOf(p), p.aud, p.fam as string | undefined, !!encrypted);
      this._log.info('Refreshed token for user: ' + p.sub);
      return t;
    } catch (e) {
      this._fail('Token refresh', token, e);
      throw e;
    }
  }

  createTokenPair(username: string, role: string, additionalClaims?: Claims | null, audience?: string | string[] | null): { accessToken: string; refreshToken: string } {
    checkName('username', username);
    checkName('role', role);
    const pair = this._pair(username, role, checkCustom(additionalClaims), checkAudience(audience), randomId(12));
    this._log.info('Created token pair for user: ' + username);
    return pair;
  }

  /** A new pair for a valid refresh token, which is revoked; `null` (reason in lastError) otherwise. */
  refreshTokenPair(refreshToken: string): { accessToken: string; refreshToken: string } | null {
    this.lastError = null;
    try {
      const p = this._check(refreshToken, true, true, false);
      const role = checkName('role', p.role);
      this._revoke(p.jti as string, p.exp as number);
      const pair = this._pair(p.sub as string, role, customOf(p), p.aud, p.fam as string);
      this._log.info('Refreshed token pair for user: ' + p.sub);
      return pair;
    } catch (e) {
      this._fail('Token pair refresh', refreshToken, e);
      return null;
    }
  }

  /** Revoke a token by its jti until `exp` (default: the longest any token of this instance lives, from now). */
  revokeToken(jti: string, exp?: number): void {
    checkName('jti', jti);
    if (exp !== undefined && (typeof exp !== 'number' || !isFinite(exp))) invalidArgument('exp must be a finite number of seconds');
    this._revoke(jti, exp === undefined ? this._now() + (this._ttl > this._refreshTtl ? this._ttl : this._refreshTtl) : exp);
    this._log.info('Token revoked: ' + jti);
  }

  isRevoked(jti: string): boolean {
    return this._store.has(jti);
  }

  /** Forget revocations of tokens that expired before `beforeTime` (no argument: all); returns how many. */
  clearRevokedTokens(beforeTime?: number): number {
    const n = this._store.clear(beforeTime);
    this._log.info('Revoked tokens cleared: ' + n);
    return n;
  }

  _now(): number {
    return now({ clock: this._clock, minClock: this._minClock });
  }

  _revoke(jti: string, exp: number): void {
    this._store.add(jti, exp + this._leeway);
  }

  /** A signed (or encrypted) token; `refresh` marks refresh tokens in the header. */
  _issue(refresh: boolean, sub: string, role: string, custom: Claims | undefined, aud: unknown, fam: string | undefined, encrypt: boolean): string {
    const t = Math.floor(this._now());
    const claims = tokenClaims(sub, role, t, t + (refresh ? this._refreshTtl : this._ttl), aud, this._issuer, fam, custom);
    const typ = refresh ? 'refresh+jwt' : 'JWT';
    if (encrypt) return encryptToken(claims, this._encryptionKey(), typ);
    return sign(claims, this._key, { algorithm: this._alg, noTimestamp: true, typ: typ });
  }

  _pair(sub: string, role: string, custom: Claims | undefined, aud: unknown, fam: string): { accessToken: string; refreshToken: string } {
    return { accessToken: this._issue(false, sub, role, custom, aud, fam, false), refreshToken: this._issue(true, sub, role, custom, aud, fam, false) };
  }

  _encryptionKey(): Uint8Array {
    return this._encKey || (this._encKey = deriveKey(this._key, this._kdf));
  }

  /**
   * The claims of a valid token of the kind asked for (`refresh`), or a
   * typed error. `audience` true accepts the token's own audience (refresh
   * keeps it). A revoked `jti` is RevokedTokenError (for a refresh token:
   * reuse, ERR_REFRESH_REUSED, and its family is revoked); so is a token of
   * a revoked family.
   */
  _check(token: string, refresh: boolean, audience: string | string[] | boolean | undefined, encrypted: boolean): Claims {
    let p: Claims;
    let typ: unknown;
    if (encrypted) {
      const d = decryptToken(token, this._encryptionKey(), this._max);
      p = d.payload;
      typ = d.typ;
    } else {
      const v = verifyJwsCore(token, this._key, { algorithms: [this._alg], maxTokenLength: this._max });
      typ = v.info.header.typ;
      p = parseObject(v.payloadBinary, 'JWT payload');
    }
    // refresh+jwt only for refresh tokens; access tokens are typ JWT (or untyped, as other libraries make them).
    const t = typeof typ === 'string' ? typ.toLowerCase() : undefined;
    const isRefresh = t === 'refresh+jwt' || t === 'application/refresh+jwt';
    if (isRefresh !== refresh) throw new InvalidTokenError(refresh ? 'not a refresh token' : 'a refresh token is not an access token', 'ERR_JWT_TYP');
    const opts: VerifyOptions = {
      algorithms: [this._alg],
      leeway: this._leeway,
      clock: this._clock,
      minClock: this._minClock,
      issuer: this._issuer,
      audience: audience === true ? (p.aud as string | string[] | undefined) : (audience as string | string[] | undefined),
      requiredClaims: refresh ? ['sub', 'exp', 'jti', 'fam'] : ['sub', 'exp', 'jti'],
      // The store is asked here for access tokens; for refresh tokens below, where reuse needs the claims.
      revocationStore: refresh ? undefined : this._store,
    };
    if (opts.audience !== undefined && typeof opts.audience !== 'string' && !Array.isArray(opts.audience)) opts.audience = undefined;
    checkClaims(p, opts);
    if (p.fam !== undefined && typeof p.fam !== 'string') throw new InvalidTokenError('"fam" must be a string', 'ERR_JWT_CLAIM_INVALID');
    if (refresh && this._store.has(p.jti as string)) this._reused(p);
    if (typeof p.fam === 'string' && this._store.has('~' + p.fam)) {
      throw new RevokedTokenError('the token\'s family was revoked (a refresh token was reused)', undefined, 'fam');
    }
    return p;
  }

  /** A rotated refresh token came back: revoke its whole family, then refuse it. */
  _reused(p: Claims): never {
    try {
      this._store.add('~' + p.fam, this._now() + this._refreshTtl + this._leeway);
      this._log.error('Refresh token reuse for user ' + p.sub + ': its token family is revoked');
    } catch (e) {
      this._log.error('Refresh token reuse for user ' + p.sub + ', and its family could not be revoked: ' + String(e));
    }
    throw new RevokedTokenError('a rotated refresh token was presented again (reuse): its token family is revoked', 'ERR_REFRESH_REUSED', 'jti');
  }

  /**
   * Record and log why an operation failed; errors that are not about the
   * token (a bug, a build without a feature) propagate. A token asking for
   * what is not supported (a JWE with "zip") is about the token.
   */
  _fail(what: string, token: unknown, e: unknown): void {
    if (!(e instanceof JWTError) || ((e as unknown) instanceof NotSupportedError && (e as JWTError).code !== 'ERR_JWE_ZIP')) throw e;
    const err = e as JWTError;
    this.lastError = err;
    this._log.warning(what + ' failed (' + fingerprint(token) + '): ' + String(err) + ' [' + err.code + ']');
  }
}
