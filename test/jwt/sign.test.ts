// sign(): claims from options, conflicts, header rules, key forms, UTF-8 output.
import { describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import { sign } from '../../src/jwt/sign';
import { verify } from '../../src/jwt/verify';
import { decode } from '../../src/jwt/decode';
import { KeySet } from '../../src/jwk/keyset';
import * as E from '../../src/errors';
import { SECRET, NOW, caught, b64u } from './helpers';

const at = { currentTime: NOW };
const parts = (t: string) => t.split('.').map((s, i) => (i < 2 ? JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) : s));

describe('sign', () => {
  it('defaults: HS256, typ JWT, iat from the clock; a valid HMAC over the exact segments', () => {
    const t = sign({ sub: 'a' }, SECRET, at);
    const [h, p] = parts(t);
    expect(h).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(p).toEqual({ sub: 'a', iat: NOW });
    const [hs, ps, ss] = t.split('.');
    expect(createHmac('sha256', SECRET).update(hs + '.' + ps).digest('base64url')).toBe(ss);
  });

  it('claims from options', () => {
    const t = sign({ x: 1 }, SECRET, { ...at, expiresIn: 3600, notBefore: -5, issuer: 'me', subject: 'you', audience: ['a', 'b'], jwtid: 'id1' });
    expect(parts(t)[1]).toEqual({ x: 1, iat: NOW, exp: NOW + 3600, nbf: NOW - 5, iss: 'me', sub: 'you', aud: ['a', 'b'], jti: 'id1' });
  });

  it('jwtid: true makes a random 16-byte id', () => {
    const a = parts(sign({}, SECRET, { ...at, jwtid: true }))[1].jti;
    const b = parts(sign({}, SECRET, { ...at, jwtid: true }))[1].jti;
    expect(a).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(a).not.toBe(b);
  });

  it('noTimestamp; a payload iat is kept', () => {
    expect(parts(sign({ a: 1 }, SECRET, { noTimestamp: true }))[1]).toEqual({ a: 1 });
    expect(parts(sign({ iat: 5 }, SECRET, at))[1]).toEqual({ iat: 5 });
  });

  it('without a timestamp and relative claims the clock is not read (a 1970 device can sign)', () => {
    expect(parts(sign({ a: 1 }, SECRET, { noTimestamp: true, clock: () => 3 }))[1]).toEqual({ a: 1 });
  });

  it('a clock before minClock raises ClockNotSetError when a timestamp is needed', () => {
    for (const o of [{ clock: () => 3 }, { currentTime: 3, noTimestamp: true, expiresIn: 60 }, { currentTime: 1e9 }]) {
      const e = caught(() => sign({}, SECRET, o as any));
      expect(e).toBeInstanceOf(E.ClockNotSetError);
    }
    expect(parts(sign({}, SECRET, { currentTime: 3, minClock: 0 }))[1]).toEqual({ iat: 3 });
  });

  it('the default clock is Date.now', () => {
    const iat = parts(sign({}, SECRET))[1].iat;
    expect(Math.abs(iat - Date.now() / 1000)).toBeLessThan(5);
  });

  it('options and payload giving the same claim conflict', () => {
    for (const [opt, claim, value] of [['expiresIn', 'exp', 10], ['notBefore', 'nbf', 10], ['issuer', 'iss', 'a'], ['subject', 'sub', 'a'], ['audience', 'aud', 'a'], ['jwtid', 'jti', 'a']] as const) {
      const e = caught(() => sign({ [claim]: claim === 'exp' || claim === 'nbf' ? NOW : 'x' }, SECRET, { ...at, [opt]: value }));
      expect(e.code).toBe('ERR_OPTIONS_INVALID');
    }
  });

  it('payload must be a plain object with registered claims of the right types', () => {
    for (const p of [null, undefined, 'x', 1, [1], new Date(), new Uint8Array(2)]) {
      expect(caught(() => sign(p as any, SECRET, at)).code).toBe('ERR_INVALID_ARGUMENT');
    }
    for (const p of [{ exp: 'soon' }, { nbf: Infinity }, { iat: NaN }, { iss: 1 }, { sub: {} }, { jti: 3 }, { aud: [1] }, { aud: 2 }]) {
      expect(caught(() => sign(p as any, SECRET, at)).code).toBe('ERR_INVALID_ARGUMENT');
    }
  });

  it('values JSON cannot carry are refused', () => {
    for (const p of [{ a: () => 1 }, { a: [undefined] }, { a: NaN }, { a: new Map() }]) {
      expect(caught(() => sign(p as any, SECRET, at))).toBeInstanceOf(E.JWTError);
    }
    const cyc: any = {};
    cyc.self = cyc;
    expect(caught(() => sign(cyc, SECRET, at))).toBeInstanceOf(E.JWTError);
  });

  it('does not mutate the payload', () => {
    const p = { a: 1 };
    sign(p, SECRET, { ...at, expiresIn: 10, issuer: 'x' });
    expect(p).toEqual({ a: 1 });
  });

  it('header: extra fields, kid, typ; alg cannot be overridden', () => {
    expect(parts(sign({}, SECRET, { ...at, kid: 'k1', header: { cty: 'x', foo: [1] } }))[0]).toEqual({ alg: 'HS256', typ: 'JWT', kid: 'k1', cty: 'x', foo: [1] });
    expect(parts(sign({}, SECRET, { ...at, typ: 'at+jwt' }))[0]).toEqual({ alg: 'HS256', typ: 'at+jwt' });
    expect(parts(sign({}, SECRET, { ...at, header: { typ: 'at+jwt', kid: 'z' } }))[0]).toEqual({ alg: 'HS256', typ: 'at+jwt', kid: 'z' });
    expect(parts(sign({}, SECRET, { ...at, header: { alg: 'HS256' } }))[0]).toEqual({ alg: 'HS256', typ: 'JWT' });
    for (const o of [{ header: { alg: 'none' } }, { header: { alg: 'HS512' } }, { kid: 'a', header: { kid: 'b' } }, { typ: 'a', header: { typ: 'b' } }, { header: { kid: 1 } }]) {
      expect(caught(() => sign({}, SECRET, { ...at, ...o } as any)).code).toBe('ERR_OPTIONS_INVALID');
    }
  });

  it('header crit must be well-formed; b64 is refused', () => {
    expect(parts(sign({}, SECRET, { ...at, header: { crit: ['x'], x: 1 } }))[0]).toEqual({ alg: 'HS256', typ: 'JWT', crit: ['x'], x: 1 });
    for (const h of [{ crit: ['alg'] }, { crit: ['y'] }, { crit: [] }, { b64: false }, { b64: false, crit: ['b64'] }]) {
      expect(caught(() => sign({}, SECRET, { ...at, header: h })).code).toBe('ERR_OPTIONS_INVALID');
    }
  });

  it('algorithms: HS384/HS512; none, RS256 and garbage are refused', () => {
    for (const alg of ['HS384', 'HS512']) expect(parts(sign({}, SECRET, { ...at, algorithm: alg }))[0].alg).toBe(alg);
    expect(caught(() => sign({}, SECRET, { algorithm: 'none' })).code).toBe('ERR_OPTIONS_INVALID');
    expect(caught(() => sign({}, SECRET, { algorithm: 'NONE' })).code).toBe('ERR_OPTIONS_INVALID');
    expect(caught(() => sign({}, SECRET, { algorithm: 'RS256' }))).toBeInstanceOf(E.NotSupportedError);
    expect(caught(() => sign({}, SECRET, { algorithm: 5 } as any)).code).toBe('ERR_OPTIONS_INVALID');
  });

  it.each([
    ['expiresIn', '1h'], ['expiresIn', Infinity], ['notBefore', NaN], ['issuer', 1], ['audience', []], ['jwtid', false],
    ['noTimestamp', 1], ['header', 'x'], ['header', [1]], ['kid', 1], ['typ', null], ['clock', 1], ['minKeyLength', -1], ['expiresln', 5],
  ])('option %s = %j -> ERR_OPTIONS_INVALID', (name, value) => {
    expect(caught(() => sign({}, SECRET, { ...at, [name]: value } as any)).code).toBe('ERR_OPTIONS_INVALID');
  });

  it('key checks: length per alg, minKeyLength, PEM-looking secrets, types', () => {
    expect(caught(() => sign({}, 'short', at)).code).toBe('ERR_KEY_TOO_SHORT');
    expect(caught(() => sign({}, 'x'.repeat(32), { ...at, algorithm: 'HS384' })).code).toBe('ERR_KEY_TOO_SHORT');
    expect(caught(() => sign({}, 'x'.repeat(63), { ...at, algorithm: 'HS512' })).code).toBe('ERR_KEY_TOO_SHORT');
    expect(verify(sign({}, 'short', { ...at, minKeyLength: 5 }), 'short', { algorithms: ['HS256'], minKeyLength: 5, ...at })).toEqual({ iat: NOW });
    expect(caught(() => sign({}, '', { ...at, minKeyLength: 1 })).code).toBe('ERR_KEY_TOO_SHORT');
    expect(caught(() => sign({}, '-----BEGIN PRIVATE KEY-----' + 'A'.repeat(64), at)).code).toBe('ERR_KEY_TYPE');
    expect(caught(() => sign({}, 42 as any, at)).code).toBe('ERR_KEY_TYPE');
  });

  it('a JWK key: its alg becomes the default algorithm; key_ops/use are enforced', () => {
    const k = b64u('z'.repeat(64));
    expect(parts(sign({}, { kty: 'oct', k, alg: 'HS512' }, at))[0].alg).toBe('HS512');
    expect(caught(() => sign({}, { kty: 'oct', k, alg: 'HS512' }, { ...at, algorithm: 'HS256' })).code).toBe('ERR_KEY_NO_MATCH');
    expect(caught(() => sign({}, { kty: 'oct', k, key_ops: ['verify'] }, at)).code).toBe('ERR_KEY_NO_MATCH');
    expect(caught(() => sign({}, { kty: 'oct', k, use: 'enc' }, at)).code).toBe('ERR_KEY_NO_MATCH');
    expect(caught(() => sign({}, { kty: 'oct', k, alg: 'RS256' }, at))).toBeInstanceOf(E.NotSupportedError);
  });

  it('writes UTF-8 JSON (no \\u escapes of non-ASCII), including astral characters', () => {
    const t = sign({ n: 'José ☺ 𝄞 \u2019 😀' }, SECRET, { ...at, noTimestamp: true });
    const json = Buffer.from(t.split('.')[1], 'base64url').toString('utf8');
    expect(json).toBe('{"n":"José ☺ 𝄞 \u2019 😀"}');
  });

  it('refuses lone surrogates (not encodable as UTF-8)', () => {
    expect(caught(() => sign({ n: '\ud800' }, SECRET, at))).toBeInstanceOf(E.JWTError);
  });

  it('a KeySet signs with signingKid (or the first key) and writes its kid', () => {
    const set = new KeySet({ keys: [{ kty: 'oct', kid: 'a', k: b64u('a'.repeat(32)) }, { kty: 'oct', kid: 'b', alg: 'HS384', k: b64u('b'.repeat(48)) }] });
    const t1 = sign({}, set, at);
    expect(parts(t1)[0]).toEqual({ alg: 'HS256', typ: 'JWT', kid: 'a' });
    const set2 = new KeySet({ keys: set['_entries'].map((e: any) => e.jwk) }, { signingKid: 'b' });
    const t2 = sign({}, set2, at);
    expect(parts(t2)[0]).toEqual({ alg: 'HS384', typ: 'JWT', kid: 'b' });
    expect(verify(t2, set, { algorithms: ['HS256', 'HS384'], ...at })).toEqual({ iat: NOW });
    expect(caught(() => sign({}, set2, { ...at, kid: 'other' })).code).toBe('ERR_OPTIONS_INVALID');
    expect(caught(() => sign({}, set2, { ...at, algorithm: 'HS256' })).code).toBe('ERR_KEY_NO_MATCH');
  });

  it('decode shows what sign wrote', () => {
    const t = sign({ a: [1, { b: 'c' }] }, SECRET, { ...at, kid: 'k' });
    expect(decode(t)).toEqual({ header: { alg: 'HS256', typ: 'JWT', kid: 'k' }, payload: { a: [1, { b: 'c' }], iat: NOW }, signature: t.split('.')[2] });
  });
});
