// MicroJWT on Node: the seed's API, its defects fixed, rotation, token pairs
// with reuse detection, revocation, options and typed errors.
import { describe, expect, it } from 'vitest';
import { MicroJWT } from '../../src/session/microjwt';
import { MemoryRevocationStore } from '../../src/revocation/memory';
import { decode } from '../../src/jwt/decode';
import { verify } from '../../src/jwt/verify';
import * as E from '../../src/errors';
import { caught, forgeClaims } from '../jwt/helpers';

const noThrow = (fn: () => unknown) => expect(fn).not.toThrow();

const SECRET = 'your-very-secure-secret-key-32bytes+';
const NOW = 1700000000;

/** An instance on a settable clock, logging into `lines`. */
const make = (options: Record<string, unknown> = {}) => {
  const t = { now: NOW };
  const lines: string[] = [];
  const logger = { info: (m: string) => lines.push('I ' + m), warning: (m: string) => lines.push('W ' + m), error: (m: string) => lines.push('E ' + m) };
  const jwt = new MicroJWT(SECRET, { clock: () => t.now, logger, ...options } as never);
  return { jwt, t, lines };
};

describe('createToken / verifyToken', () => {
  it('makes a standard JWT with sub, role, iat, exp, random jti, aud and the additional claims; verifies it', () => {
    const { jwt } = make();
    const token = jwt.createToken('user123', 'admin', { scope: 'read:write' }, 'api.example.com');
    const d = decode(token);
    expect(d.header).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(Object.keys(d.payload)).toEqual(['sub', 'role', 'iat', 'exp', 'jti', 'aud', 'scope']);
    expect(d.payload).toMatchObject({ sub: 'user123', role: 'admin', iat: NOW, exp: NOW + 3600, aud: 'api.example.com', scope: 'read:write' });
    expect(d.payload.jti).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(jwt.createToken('u', 'r')).not.toBe(jwt.createToken('u', 'r'));
    expect(decode(jwt.createToken('u', 'r')).payload.jti).not.toBe(decode(jwt.createToken('u', 'r')).payload.jti);
    expect(jwt.verifyToken(token, 'api.example.com')).toEqual(d.payload);
    expect(jwt.lastError).toBeNull();
    // Signed with the secret as given: the plain verifier reads it.
    expect(verify(token, SECRET, { algorithms: ['HS256'], audience: 'api.example.com', currentTime: NOW })).toEqual(d.payload);
  });

  it('two instances with the same secret read each other\'s tokens (the seed could not)', () => {
    const a = make().jwt;
    const b = make().jwt;
    expect(b.verifyToken(a.createToken('u', 'r'))).toMatchObject({ sub: 'u' });
  });

  it('returns null for any invalid token, with the typed reason in lastError, and logs it without the token', () => {
    const { jwt, t, lines } = make({ ttl: 60 });
    const token = jwt.createToken('u', 'r', null, 'aud-1');
    const cases: [() => unknown, unknown, string][] = [
      [() => jwt.verifyToken(token), E.InvalidAudienceError, 'ERR_JWT_AUDIENCE'],
      [() => jwt.verifyToken(token, 'aud-2'), E.InvalidAudienceError, 'ERR_JWT_AUDIENCE'],
      [() => jwt.verifyToken(token.slice(0, -2) + 'xx', 'aud-1'), E.DecodeError, ''],
      [() => jwt.verifyToken('junk', 'aud-1'), E.DecodeError, 'ERR_JWT_MALFORMED'],
      [() => jwt.verifyToken(forgeClaims({ sub: 'u', exp: NOW + 5, jti: 'x' }, 'another-secret-of-at-least-32-bytes!'), undefined), E.InvalidSignatureError, 'ERR_JWS_SIGNATURE'],
      [() => jwt.verifyToken(forgeClaims({ sub: 'u', exp: NOW + 5 }, SECRET)), E.MissingRequiredClaimError, 'ERR_JWT_CLAIM_MISSING'],
      [() => jwt.verifyToken(forgeClaims({ sub: 'u', jti: 'j' }, SECRET)), E.MissingRequiredClaimError, 'ERR_JWT_CLAIM_MISSING'],
      [() => jwt.verifyToken(forgeClaims({ sub: 'u', exp: NOW + 5, jti: 'j' }, SECRET, 'HS512')), E.InvalidAlgorithmError, 'ERR_JWS_ALGORITHM'],
    ];
    for (const [fn, ctor, code] of cases) {
      expect(fn()).toBeNull();
      expect(jwt.lastError).toBeInstanceOf(ctor as never);
      if (code) expect(jwt.lastError!.code).toBe(code);
    }
    t.now = NOW + 60;
    expect(jwt.verifyToken(token, 'aud-1')).toBeNull();
    expect(jwt.lastError).toBeInstanceOf(E.ExpiredSignatureError);
    expect(lines.filter((l) => l.startsWith('W Token verification failed (jwt#')).length).toBe(cases.length + 1);
    expect(lines.join('\n')).not.toContain(token.split('.')[2]);
    t.now = NOW;
    expect(jwt.verifyToken(token, 'aud-1')).not.toBeNull();
    expect(jwt.lastError).toBeNull();
  });

  it('a clock that is not set is a reason too (ClockNotSetError), not a crash', () => {
    const { jwt, t } = make();
    const token = jwt.createToken('u', 'r');
    t.now = 1000;
    expect(jwt.verifyToken(token)).toBeNull();
    expect(jwt.lastError).toBeInstanceOf(E.ClockNotSetError);
    expect(caught(() => jwt.createToken('u', 'r'))).toBeInstanceOf(E.ClockNotSetError);
  });

  it('checks the issuer it is configured with, and leeway', () => {
    const { jwt, t } = make({ issuer: 'urn:dev', leeway: 30, ttl: 10 });
    const token = jwt.createToken('u', 'r');
    expect(decode(token).payload.iss).toBe('urn:dev');
    t.now = NOW + 39;
    expect(jwt.verifyToken(token)).not.toBeNull();
    t.now = NOW + 40;
    expect(jwt.verifyToken(token)).toBeNull();
    const other = make({ issuer: 'urn:other' }).jwt;
    expect(other.verifyToken(token)).toBeNull();
    expect(other.lastError).toBeInstanceOf(E.InvalidIssuerError);
  });

  it('refuses additional claims that would set a registered or MicroJWT claim, and bad arguments (typed errors)', () => {
    const { jwt } = make();
    for (const name of ['exp', 'iat', 'nbf', 'sub', 'iss', 'aud', 'jti', 'role', 'fam']) {
      const e = caught(() => jwt.createToken('u', 'r', { [name]: 1 }));
      expect(e, name).toBeInstanceOf(E.JWTError);
      expect(e.code).toBe('ERR_INVALID_ARGUMENT');
    }
    for (const [u, r] of [['', 'r'], ['  ', 'r'], ['u', ''], [1, 'r'], ['u', null], [undefined, 'r']]) {
      expect(caught(() => jwt.createToken(u as string, r as string)).code).toBe('ERR_INVALID_ARGUMENT');
    }
    expect(caught(() => jwt.createToken('u', 'r', [] as never)).code).toBe('ERR_INVALID_ARGUMENT');
    expect(caught(() => jwt.createToken('u', 'r', null, 5 as never)).code).toBe('ERR_INVALID_ARGUMENT');
    expect(caught(() => jwt.createToken('u', 'r', null, '')).code).toBe('ERR_INVALID_ARGUMENT');
    expect(caught(() => jwt.createToken('u', 'r', null, null, 'yes' as never)).code).toBe('ERR_INVALID_ARGUMENT');
    expect(caught(() => jwt.verifyToken('a.b.c', 5 as never)).code).toBe('ERR_INVALID_ARGUMENT');
  });
});

describe('secret key and options', () => {
  it('needs a string or bytes of at least 32 bytes (the hash size for HS384/HS512)', () => {
    expect(caught(() => new MicroJWT('short')).code).toBe('ERR_KEY_TOO_SHORT');
    expect(caught(() => new MicroJWT('x'.repeat(31))).code).toBe('ERR_KEY_TOO_SHORT');
    noThrow(() => new MicroJWT('é'.repeat(16), { silent: true })); // 32 UTF-8 bytes
    expect(caught(() => new MicroJWT(SECRET, { algorithm: 'HS512' })).code).toBe('ERR_KEY_TOO_SHORT');
    noThrow(() => new MicroJWT('k'.repeat(64), { algorithm: 'HS512', silent: true }));
    expect(caught(() => new MicroJWT(42 as never))).toBeInstanceOf(E.InvalidKeyError);
    expect(caught(() => new MicroJWT({ kty: 'oct', k: 'x' } as never)).code).toBe('ERR_KEY_TYPE');
    expect(caught(() => new MicroJWT('-----BEGIN PUBLIC KEY-----MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE')).code).toBe('ERR_KEY_TYPE');
    const bytes = new Uint8Array(32).fill(7);
    const jwt = new MicroJWT(bytes, { silent: true });
    const token = jwt.createToken('u', 'r');
    bytes[0] = 8; // the instance kept a copy
    expect(jwt.verifyToken(token)).not.toBeNull();
  });

  it('refuses bad options with ERR_OPTIONS_INVALID', () => {
    const bad = [
      { algorithm: 'RS256' }, { algorithm: 'none' }, { ttl: 0 }, { ttl: -1 }, { ttl: '1h' }, { refreshTtl: 0 }, { logLevel: 'DEBUG' },
      { silent: 1 }, { logger: {} }, { logger: { info() {} } }, { revocationStore: {} }, { revocationStore: { has() {} } }, { clock: 5 },
      { leeway: -1 }, { issuer: 1 }, { kdf: { iterations: 0 } }, { kdf: { iterations: 1.5 } }, { kdf: { salt: '' } }, { kdf: { salt: 5 } },
      { kdf: { iteration: 10 } }, { kdf: [] }, { algoritm: 'HS256' }, 'opts',
    ];
    for (const o of bad) expect(caught(() => new MicroJWT(SECRET, o as never)).code, JSON.stringify(o)).toBe('ERR_OPTIONS_INVALID');
    for (const level of ['info', 'WARNING', 'Error']) noThrow(() => new MicroJWT(SECRET, { logLevel: level, silent: true }));
  });

  it('HS384 and HS512 instances sign with that algorithm and refuse others', () => {
    const k = 'k'.repeat(64);
    const a = new MicroJWT(k, { algorithm: 'HS512', silent: true });
    const t = a.createToken('u', 'r');
    expect(decode(t).header.alg).toBe('HS512');
    expect(a.verifyToken(t)).not.toBeNull();
    const b = new MicroJWT(k, { silent: true });
    expect(b.verifyToken(t)).toBeNull();
    expect(b.lastError).toBeInstanceOf(E.InvalidAlgorithmError);
  });
});

describe('refreshToken (rotation)', () => {
  it('issues a new token with the same custom claims and audience, new iat/exp/jti, and revokes the old one', () => {
    const { jwt, t } = make({ ttl: 100 });
    const old = jwt.createToken('u', 'admin', { scope: 's', n: [1, 2] }, 'api');
    t.now = NOW + 50;
    const fresh = jwt.refreshToken(old);
    const p = decode(fresh).payload;
    const q = decode(old).payload;
    expect(p).toMatchObject({ sub: 'u', role: 'admin', scope: 's', n: [1, 2], aud: 'api', iat: NOW + 50, exp: NOW + 150 });
    expect(p.jti).not.toBe(q.jti);
    expect(jwt.isRevoked(q.jti as string)).toBe(true);
    expect(jwt.verifyToken(old, 'api')).toBeNull();
    expect(jwt.lastError).toBeInstanceOf(E.RevokedTokenError);
    expect(jwt.lastError!.code).toBe('ERR_TOKEN_REVOKED');
    expect(jwt.verifyToken(fresh, 'api')).not.toBeNull();
    // A second refresh of the old token fails, and throws as the seed did.
    const e = caught(() => jwt.refreshToken(old));
    expect(e).toBeInstanceOf(E.RevokedTokenError);
    expect(jwt.lastError).toBe(e);
    expect(caught(() => jwt.refreshToken('junk'))).toBeInstanceOf(E.DecodeError);
  });

  it('keeps the revocation until the old token expires (plus leeway), then forgets it', () => {
    const store = new MemoryRevocationStore();
    const { jwt } = make({ ttl: 100, leeway: 5, revocationStore: store });
    const old = jwt.createToken('u', 'r');
    jwt.refreshToken(old);
    expect(store.prune(NOW + 104)).toBe(0);
    expect(store.prune(NOW + 105)).toBe(1);
  });
});

describe('token pairs', () => {
  it('marks refresh tokens (typ refresh+jwt): never accepted as access tokens, nor the reverse', () => {
    const { jwt } = make();
    const pair = jwt.createTokenPair('u', 'r', { scope: 'x' }, 'api');
    expect(decode(pair.refreshToken).header.typ).toBe('refresh+jwt');
    expect(decode(pair.accessToken).header.typ).toBe('JWT');
    const a = decode(pair.accessToken).payload;
    const r = decode(pair.refreshToken).payload;
    expect(a.fam).toBe(r.fam);
    expect(r.exp).toBe(NOW + 14 * 86400);
    expect(a.exp).toBe(NOW + 3600);
    expect(jwt.verifyToken(pair.accessToken, 'api')).toMatchObject({ scope: 'x' });
    expect(jwt.verifyToken(pair.refreshToken, 'api')).toBeNull();
    expect(jwt.lastError!.code).toBe('ERR_JWT_TYP');
    expect(jwt.refreshTokenPair(pair.accessToken)).toBeNull();
    expect(jwt.lastError!.code).toBe('ERR_JWT_TYP');
    expect(jwt.refreshTokenPair(jwt.createToken('u', 'r'))).toBeNull();
    expect(caught(() => jwt.refreshToken(pair.refreshToken)).code).toBe('ERR_JWT_TYP');
  });

  it('rotates: a new pair of the same family, the used refresh token revoked', () => {
    const { jwt, t } = make();
    const p1 = jwt.createTokenPair('u', 'r', { scope: 'x' }, 'api');
    t.now += 10;
    const p2 = jwt.refreshTokenPair(p1.refreshToken)!;
    expect(p2).not.toBeNull();
    expect(decode(p2.refreshToken).payload).toMatchObject({ sub: 'u', role: 'r', scope: 'x', aud: 'api', fam: decode(p1.refreshToken).payload.fam, iat: NOW + 10 });
    expect(jwt.isRevoked(decode(p1.refreshToken).payload.jti as string)).toBe(true);
    expect(jwt.verifyToken(p2.accessToken, 'api')).not.toBeNull();
    const p3 = jwt.refreshTokenPair(p2.refreshToken)!;
    expect(jwt.verifyToken(p3.accessToken, 'api')).not.toBeNull();
  });

  it('reuse of a rotated refresh token: null, RevokedTokenError ERR_REFRESH_REUSED, and the whole family refused from then on', () => {
    const { jwt, lines } = make();
    const p1 = jwt.createTokenPair('u', 'r');
    const other = jwt.createTokenPair('v', 'r');
    const p2 = jwt.refreshTokenPair(p1.refreshToken)!;
    const p3 = jwt.refreshTokenPair(p2.refreshToken)!;
    expect(jwt.refreshTokenPair(p1.refreshToken)).toBeNull();
    expect(jwt.lastError).toBeInstanceOf(E.RevokedTokenError);
    expect(jwt.lastError).toBeInstanceOf(E.InvalidTokenError);
    expect(jwt.lastError!.code).toBe('ERR_REFRESH_REUSED');
    expect(lines.some((l) => l.startsWith('E Refresh token reuse for user u'))).toBe(true);
    // Every token of the family, access and refresh, old and new.
    for (const t of [p1.accessToken, p2.accessToken, p3.accessToken]) {
      expect(jwt.verifyToken(t)).toBeNull();
      expect(jwt.lastError).toBeInstanceOf(E.RevokedTokenError);
    }
    expect(jwt.lastError!.claim).toBe('fam');
    expect(jwt.refreshTokenPair(p3.refreshToken)).toBeNull();
    expect(jwt.lastError!.code).toBe('ERR_TOKEN_REVOKED');
    // Another login is untouched.
    expect(jwt.verifyToken(other.accessToken)).not.toBeNull();
    expect(jwt.refreshTokenPair(other.refreshToken)).not.toBeNull();
  });

  it('an expired refresh token is refused (and does not count as reuse)', () => {
    const { jwt, t } = make({ refreshTtl: 100 });
    const p = jwt.createTokenPair('u', 'r');
    t.now = NOW + 100;
    expect(jwt.refreshTokenPair(p.refreshToken)).toBeNull();
    expect(jwt.lastError).toBeInstanceOf(E.ExpiredSignatureError);
  });
});

describe('revokeToken / isRevoked / clearRevokedTokens', () => {
  it('revokes by jti (default: until the longest token life from now), forgets by time', () => {
    const store = new MemoryRevocationStore();
    const { jwt } = make({ ttl: 100, refreshTtl: 1000, revocationStore: store });
    const token = jwt.createToken('u', 'r');
    const jti = decode(token).payload.jti as string;
    expect(jwt.isRevoked(jti)).toBe(false);
    jwt.revokeToken(jti, NOW + 100);
    expect(jwt.isRevoked(jti)).toBe(true);
    expect(jwt.verifyToken(token)).toBeNull();
    jwt.revokeToken('other');
    expect(store.prune(NOW + 999)).toBe(1); // jti's entry (exp NOW+100)
    expect(jwt.isRevoked('other')).toBe(true);
    expect(jwt.clearRevokedTokens(NOW + 1000)).toBe(0);
    expect(jwt.clearRevokedTokens(NOW + 1001)).toBe(1);
    jwt.revokeToken('a');
    jwt.revokeToken('b');
    expect(jwt.clearRevokedTokens()).toBe(2);
    expect(caught(() => jwt.revokeToken('')).code).toBe('ERR_INVALID_ARGUMENT');
    expect(caught(() => jwt.revokeToken('x', NaN)).code).toBe('ERR_INVALID_ARGUMENT');
    expect(caught(() => jwt.clearRevokedTokens(-1)).code).toBe('ERR_INVALID_ARGUMENT');
  });

  it('a full store refuses the revocation (ERR_STORE_FULL) instead of dropping one, and refresh then fails closed', () => {
    const { jwt } = make({ revocationStore: new MemoryRevocationStore({ capacity: 1, clock: () => NOW }) });
    const a = jwt.createToken('u', 'r');
    const b = jwt.createToken('u', 'r');
    jwt.refreshToken(a);
    const e = caught(() => jwt.refreshToken(b));
    expect(e.code).toBe('ERR_STORE_FULL');
    expect(jwt.verifyToken(b)).not.toBeNull(); // b was not rotated, so still valid
  });
});

describe('logging', () => {
  it('logs at the seed\'s levels; silent logs nothing (the seed still printed)', () => {
    const out: string[] = [];
    const sink = (l: string) => out.push(l);
    const run = (opts: Record<string, unknown>) => {
      out.length = 0;
      const jwt = new MicroJWT(SECRET, { clock: () => NOW, ...opts } as never);
      (jwt as unknown as { _log: { _sink: unknown } })._log._sink = sink;
      jwt.verifyToken(jwt.createToken('u', 'r'));
      jwt.verifyToken('junk');
      return out.slice();
    };
    expect(run({})).toEqual([
      '[INFO] MicroJWT: Created token for user: u',
      '[INFO] MicroJWT: Token verified for user: u',
      expect.stringMatching(/^\[WARNING\] MicroJWT: Token verification failed \(jwt#[\w-]{8}\): DecodeError: .* \[ERR_JWT_MALFORMED\]$/),
    ]);
    expect(run({ logLevel: 'WARNING' })).toHaveLength(1);
    expect(run({ logLevel: 'ERROR' })).toHaveLength(0);
    expect(run({ silent: true })).toHaveLength(0);
  });
});
