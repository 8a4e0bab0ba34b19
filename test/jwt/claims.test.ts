// The registered-claim rules of issue #4, one row per case, each through a
// real signed token and `verify` (so the order of checks is exercised too).
import { describe, expect, it } from 'vitest';
import { verify } from '../../src/jwt/verify';
import * as E from '../../src/errors';
import { forgeClaims, forge, SECRET, NOW, caught } from './helpers';

type Row = [name: string, claims: Record<string, unknown>, options: Record<string, unknown>, error: any, code?: string, claim?: string];

const base = { algorithms: ['HS256'], currentTime: NOW };

const rows: Row[] = [
  // exp: rejected when now >= exp + leeway
  ['exp in the future', { exp: NOW + 1 }, {}, null],
  ['exp == now', { exp: NOW }, {}, E.ExpiredSignatureError, 'ERR_JWT_EXPIRED', 'exp'],
  ['exp in the past', { exp: NOW - 1 }, {}, E.ExpiredSignatureError, 'ERR_JWT_EXPIRED', 'exp'],
  ['exp past but within leeway', { exp: NOW - 5 }, { leeway: 6 }, null],
  ['exp == now - leeway', { exp: NOW - 5 }, { leeway: 5 }, E.ExpiredSignatureError, 'ERR_JWT_EXPIRED', 'exp'],
  ['fractional exp', { exp: NOW + 0.5 }, {}, null],
  ['exp as string', { exp: String(NOW + 100) }, {}, E.DecodeError, 'ERR_JWT_CLAIM_INVALID', 'exp'],
  ['exp null', { exp: null }, {}, E.DecodeError, 'ERR_JWT_CLAIM_INVALID', 'exp'],
  ['exp boolean', { exp: true }, {}, E.DecodeError, 'ERR_JWT_CLAIM_INVALID', 'exp'],
  ['exp array', { exp: [NOW + 100] }, {}, E.DecodeError, 'ERR_JWT_CLAIM_INVALID', 'exp'],
  // nbf: rejected when now + leeway < nbf
  ['nbf in the past', { nbf: NOW - 1 }, {}, null],
  ['nbf == now', { nbf: NOW }, {}, null],
  ['nbf in the future', { nbf: NOW + 1 }, {}, E.ImmatureSignatureError, 'ERR_JWT_IMMATURE', 'nbf'],
  ['nbf future within leeway', { nbf: NOW + 5 }, { leeway: 5 }, null],
  ['nbf beyond leeway', { nbf: NOW + 6 }, { leeway: 5 }, E.ImmatureSignatureError, 'ERR_JWT_IMMATURE', 'nbf'],
  ['nbf as string', { nbf: 'yesterday' }, {}, E.DecodeError, 'ERR_JWT_CLAIM_INVALID', 'nbf'],
  // iat: a number; future iat is fine; compared only under maxAge
  ['iat in the future', { iat: NOW + 3600 }, {}, null],
  ['iat as string', { iat: 'now' }, {}, E.InvalidIssuedAtError, 'ERR_JWT_IAT', 'iat'],
  ['iat null', { iat: null }, {}, E.InvalidIssuedAtError, 'ERR_JWT_IAT', 'iat'],
  ['maxAge ok', { iat: NOW - 100 }, { maxAge: 100 }, null],
  ['maxAge exceeded', { iat: NOW - 101 }, { maxAge: 100 }, E.ExpiredSignatureError, 'ERR_JWT_EXPIRED', 'iat'],
  ['maxAge exceeded within leeway', { iat: NOW - 101 }, { maxAge: 100, leeway: 1 }, null],
  ['maxAge without iat', {}, { maxAge: 100 }, E.MissingRequiredClaimError, 'ERR_JWT_CLAIM_MISSING', 'iat'],
  ['maxAge with future iat', { iat: NOW + 100 }, { maxAge: 10 }, null],
  // aud
  ['aud without audience option', { aud: 'a' }, {}, E.InvalidAudienceError, 'ERR_JWT_AUDIENCE', 'aud'],
  ['aud string matches', { aud: 'a' }, { audience: 'a' }, null],
  ['aud array any-match', { aud: ['x', 'a'] }, { audience: ['b', 'a'] }, null],
  ['aud option array vs string claim', { aud: 'b' }, { audience: ['a', 'b'] }, null],
  ['aud mismatch', { aud: 'a' }, { audience: 'b' }, E.InvalidAudienceError, 'ERR_JWT_AUDIENCE', 'aud'],
  ['aud empty array', { aud: [] }, { audience: 'a' }, E.InvalidAudienceError, 'ERR_JWT_AUDIENCE', 'aud'],
  ['aud number', { aud: 1 }, { audience: 'a' }, E.InvalidAudienceError, 'ERR_JWT_AUDIENCE', 'aud'],
  ['aud array with number', { aud: ['a', 1] }, { audience: 'a' }, E.InvalidAudienceError, 'ERR_JWT_AUDIENCE', 'aud'],
  ['audience option, no aud', {}, { audience: 'a' }, E.MissingRequiredClaimError, 'ERR_JWT_CLAIM_MISSING', 'aud'],
  ['aud case differs', { aud: 'A' }, { audience: 'a' }, E.InvalidAudienceError, 'ERR_JWT_AUDIENCE', 'aud'],
  // iss
  ['iss without option', { iss: 'me' }, {}, null],
  ['iss matches', { iss: 'me' }, { issuer: 'me' }, null],
  ['iss in list', { iss: 'me' }, { issuer: ['you', 'me'] }, null],
  ['iss mismatch', { iss: 'me' }, { issuer: 'you' }, E.InvalidIssuerError, 'ERR_JWT_ISSUER', 'iss'],
  ['iss not a string', { iss: 1 }, {}, E.InvalidIssuerError, 'ERR_JWT_ISSUER', 'iss'],
  ['iss array', { iss: ['me'] }, { issuer: 'me' }, E.InvalidIssuerError, 'ERR_JWT_ISSUER', 'iss'],
  ['issuer option, no iss', {}, { issuer: 'me' }, E.MissingRequiredClaimError, 'ERR_JWT_CLAIM_MISSING', 'iss'],
  // sub
  ['sub without option', { sub: 'u1' }, {}, null],
  ['sub matches', { sub: 'u1' }, { subject: 'u1' }, null],
  ['sub mismatch', { sub: 'u1' }, { subject: 'u2' }, E.InvalidSubjectError, 'ERR_JWT_SUBJECT', 'sub'],
  ['sub not a string', { sub: 42 }, {}, E.InvalidSubjectError, 'ERR_JWT_SUBJECT', 'sub'],
  ['subject option, no sub', {}, { subject: 'u1' }, E.MissingRequiredClaimError, 'ERR_JWT_CLAIM_MISSING', 'sub'],
  // jti
  ['jti string', { jti: 'id' }, {}, null],
  ['jti number', { jti: 7 }, {}, E.InvalidJTIError, 'ERR_JWT_JTI', 'jti'],
  // requiredClaims
  ['required present', { foo: 1, exp: NOW + 10 }, { requiredClaims: ['foo', 'exp'] }, null],
  ['required missing', { foo: 1 }, { requiredClaims: ['foo', 'bar'] }, E.MissingRequiredClaimError, 'ERR_JWT_CLAIM_MISSING', 'bar'],
  ['required null counts as missing', { foo: null }, { requiredClaims: ['foo'] }, E.MissingRequiredClaimError, 'ERR_JWT_CLAIM_MISSING', 'foo'],
  ['required inherited name', {}, { requiredClaims: ['toString'] }, E.MissingRequiredClaimError, 'ERR_JWT_CLAIM_MISSING', 'toString'],
  // PyJWT's order: required -> iat -> nbf -> exp -> iss -> aud -> sub -> jti
  ['order: required before exp', { exp: NOW - 10 }, { requiredClaims: ['x'] }, E.MissingRequiredClaimError, 'ERR_JWT_CLAIM_MISSING', 'x'],
  ['order: nbf before exp', { nbf: NOW + 10, exp: NOW - 10 }, {}, E.ImmatureSignatureError, 'ERR_JWT_IMMATURE', 'nbf'],
  ['order: exp before iss', { exp: NOW - 10, iss: 1 }, {}, E.ExpiredSignatureError, 'ERR_JWT_EXPIRED', 'exp'],
  ['order: iss before aud', { iss: 'x', aud: 'y' }, { issuer: 'z' }, E.InvalidIssuerError, 'ERR_JWT_ISSUER', 'iss'],
];

describe('registered claims (verify)', () => {
  it.each(rows)('%s', (_name, claims, options, error, code, claim) => {
    const token = forgeClaims(claims);
    const run = () => verify(token, SECRET, { ...base, ...options } as any);
    if (!error) {
      expect(run()).toEqual(claims);
      return;
    }
    const e = caught(run);
    expect(e).toBeInstanceOf(error);
    expect(e).toBeInstanceOf(E.InvalidTokenError);
    expect(e.code).toBe(code);
    expect(e.claim).toBe(claim);
  });

  it('refuses a 1e400 exp/nbf/iat: the strict JSON layer rejects out-of-range numbers before any claim is read', () => {
    for (const text of ['{"exp":1e400}', '{"nbf":1e400}', '{"iat":1e400}', '{"exp":-1e400}', '{"x":1E400}']) {
      const e = caught(() => verify(forge('{"alg":"HS256"}', text), SECRET, base as any));
      expect(e).toBeInstanceOf(E.DecodeError);
      expect(e).not.toBeInstanceOf(E.InvalidSignatureError);
      expect(e.code).toBe('ERR_JSON');
    }
  });

  it('reads no claim through the prototype chain', () => {
    const token = forgeClaims({ a: 1 });
    const proto = Object.prototype as any;
    proto.exp = NOW - 100;
    proto.aud = 'x';
    try {
      expect(verify(token, SECRET, base as any)).toEqual({ a: 1 });
    } finally {
      delete proto.exp;
      delete proto.aud;
    }
  });
});

describe('the clock', () => {
  const opts = { algorithms: ['HS256'] };
  it('uses Date.now by default', () => {
    const now = Math.floor(Date.now() / 1000);
    expect(() => verify(forgeClaims({ exp: now + 60 }), SECRET, opts as any)).not.toThrow();
    expect(caught(() => verify(forgeClaims({ exp: now - 60 }), SECRET, opts as any))).toBeInstanceOf(E.ExpiredSignatureError);
  });

  it('a clock before minClock (2020 by default) raises ClockNotSetError when a time check is needed', () => {
    const boot = () => 12; // a device that just booted in 1970
    for (const claims of [{ exp: 100 }, { nbf: 1 }, { exp: NOW + 100 }]) {
      const e = caught(() => verify(forgeClaims(claims), SECRET, { ...opts, clock: boot } as any));
      expect(e).toBeInstanceOf(E.ClockNotSetError);
      expect(e.code).toBe('ERR_CLOCK_NOT_SET');
    }
    expect(caught(() => verify(forgeClaims({ iat: 1 }), SECRET, { ...opts, clock: boot, maxAge: 10 } as any))).toBeInstanceOf(E.ClockNotSetError);
    expect(caught(() => verify(forgeClaims({ exp: NOW }), SECRET, { ...opts, currentTime: 1577836799 } as any))).toBeInstanceOf(E.ClockNotSetError);
  });

  it('no time check needed: a 1970 clock is not an error', () => {
    expect(verify(forgeClaims({ sub: 'x', iat: 5 }), SECRET, { ...opts, clock: () => 12 } as any)).toEqual({ sub: 'x', iat: 5 });
  });

  it('minClock: 0 turns the check off; a custom minClock moves it', () => {
    expect(verify(forgeClaims({ exp: 100 }), SECRET, { ...opts, clock: () => 12, minClock: 0 } as any)).toEqual({ exp: 100 });
    expect(caught(() => verify(forgeClaims({ exp: 2e9 }), SECRET, { ...opts, currentTime: 1.8e9, minClock: 1.9e9 } as any))).toBeInstanceOf(E.ClockNotSetError);
  });

  it('reads the clock once per call', () => {
    let calls = 0;
    const clock = () => {
      calls++;
      return NOW;
    };
    verify(forgeClaims({ exp: NOW + 10, nbf: NOW - 10, iat: NOW }), SECRET, { ...opts, clock, maxAge: 60 } as any);
    expect(calls).toBe(1);
  });

  it('a clock returning garbage is an options error', () => {
    const e = caught(() => verify(forgeClaims({ exp: NOW }), SECRET, { ...opts, clock: () => NaN } as any));
    expect(e.code).toBe('ERR_OPTIONS_INVALID');
  });
});
