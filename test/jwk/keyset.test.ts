import { describe, expect, it } from 'vitest';
import { KeySet } from '../../src/jwk/keyset';
import { verify } from '../../src/jwt/verify';
import { sign } from '../../src/jwt/sign';
import * as E from '../../src/errors';
import { caught, forge, b64u, NOW } from '../jwt/helpers';

const A = 'a'.repeat(32);
const B = 'b'.repeat(48);
const C = 'c'.repeat(64);
const opts = { algorithms: ['HS256', 'HS384', 'HS512'], currentTime: NOW };

describe('KeySet', () => {
  const set = new KeySet({
    keys: [
      { kty: 'oct', kid: 'a', alg: 'HS256', k: b64u(A) },
      { kty: 'oct', kid: 'b', k: b64u(B) },
      { kty: 'oct', kid: 'c', use: 'enc', k: b64u(C) },
      { kty: 'oct', kid: 'd', key_ops: ['sign'], k: b64u(C) },
      { kty: 'oct', kid: 'dup', alg: 'HS256', k: b64u(A) },
      { kty: 'oct', kid: 'dup', alg: 'HS512', k: b64u(C) },
    ],
  });

  it('selects by kid', () => {
    expect(verify(forge('{"alg":"HS256","kid":"a"}', '{"x":1}', A), set, opts)).toEqual({ x: 1 });
    expect(verify(forge('{"alg":"HS384","kid":"b"}', '{"x":2}', B), set, opts)).toEqual({ x: 2 });
    expect(set.kids()).toEqual(['a', 'b', 'c', 'd', 'dup', 'dup']);
  });
  it('then by alg among keys sharing a kid', () => {
    expect(verify(forge('{"alg":"HS512","kid":"dup"}', '{}', C), set, opts)).toEqual({});
    expect(verify(forge('{"alg":"HS256","kid":"dup"}', '{}', A), set, opts)).toEqual({});
  });
  it('a key of the wrong alg, use or key_ops does not fit', () => {
    expect(caught(() => verify(forge('{"alg":"HS512","kid":"a"}', '{}', A), set, { ...opts, minKeyLength: 1 })).code).toBe('ERR_KEY_NO_MATCH');
    expect(caught(() => verify(forge('{"alg":"HS512","kid":"c"}', '{}', C), set, opts)).code).toBe('ERR_KEY_NO_MATCH');
    expect(caught(() => verify(forge('{"alg":"HS512","kid":"d"}', '{}', C), set, opts)).code).toBe('ERR_KEY_NO_MATCH');
  });
  it('unknown kid: no match', () => {
    const e = caught(() => verify(forge('{"alg":"HS256","kid":"zz"}', '{}', A), set, opts));
    expect(e).toBeInstanceOf(E.InvalidKeyError);
    expect(e.code).toBe('ERR_KEY_NO_MATCH');
  });
  it('no kid: accepted only when exactly one key fits', () => {
    expect(caught(() => verify(forge('{"alg":"HS256"}', '{}', A), set, opts)).code).toBe('ERR_KEY_MULTIPLE_MATCH');
    // HS384 fits only key b (a and dup are pinned to other algs, c is enc, d is sign-only)
    expect(verify(forge('{"alg":"HS384"}', '{}', B), set, opts)).toEqual({});
    const one = new KeySet({ keys: [{ kty: 'oct', k: b64u(A) }] });
    expect(verify(forge('{"alg":"HS256"}', '{}', A), one, opts)).toEqual({});
  });
  it('the right key is chosen, not tried: a token signed with another key fails the signature', () => {
    expect(caught(() => verify(forge('{"alg":"HS256","kid":"a"}', '{}', 'z'.repeat(32)), set, opts))).toBeInstanceOf(E.InvalidSignatureError);
  });
  it('sign writes the signing key kid; verify with the same set', () => {
    const s = new KeySet({ keys: [{ kty: 'oct', kid: 'old', k: b64u(A) }, { kty: 'oct', kid: 'new', alg: 'HS512', k: b64u(C) }] }, { signingKid: 'new' });
    const t = sign({ u: 1 }, s, { currentTime: NOW });
    expect(JSON.parse(Buffer.from(t.split('.')[0], 'base64url').toString())).toEqual({ alg: 'HS512', typ: 'JWT', kid: 'new' });
    expect(verify(t, s, opts)).toEqual({ u: 1, iat: NOW });
    const s0 = new KeySet({ keys: [{ kty: 'oct', k: b64u(A) }] });
    expect(JSON.parse(Buffer.from(sign({}, s0, { currentTime: NOW }).split('.')[0], 'base64url').toString())).toEqual({ alg: 'HS256', typ: 'JWT' });
  });
  it('copies its keys: later changes to the input do not matter', () => {
    const keys = [{ kty: 'oct' as const, kid: 'a', k: b64u(A) }];
    const s = new KeySet({ keys });
    keys[0].kid = 'changed';
    expect(verify(forge('{"alg":"HS256","kid":"a"}', '{}', A), s, opts)).toEqual({});
  });
  it('constructor validation', () => {
    for (const bad of [undefined, {}, { keys: [] }, { keys: 'x' }, [{ kty: 'oct', k: 'AA' }]]) {
      expect(caught(() => new KeySet(bad as any)).code).toBe('ERR_INVALID_ARGUMENT');
    }
    expect(caught(() => new KeySet({ keys: [{ kty: 'RSA' } as any] })).code).toBe('ERR_KEY_TYPE');
    expect(caught(() => new KeySet({ keys: [{ kty: 'oct', k: 'AA' }] }, { signingKid: 'x' })).code).toBe('ERR_OPTIONS_INVALID');
    expect(caught(() => new KeySet({ keys: [{ kty: 'oct', k: 'AA', kid: 'x' }, { kty: 'oct', k: 'AQ', kid: 'x' }] }, { signingKid: 'x' })).code).toBe('ERR_OPTIONS_INVALID');
    expect(caught(() => new KeySet({ keys: [{ kty: 'oct', k: 'AA' }] }, { signingKid: 1 } as any)).code).toBe('ERR_OPTIONS_INVALID');
  });
  it('holds at most maxKeys keys (default 16): a JWK Set may come from outside', () => {
    const keys = (n: number) => ({ keys: Array.from({ length: n }, (_, i) => ({ kty: 'oct' as const, k: b64u(A + i), kid: 'k' + i })) });
    expect(new KeySet(keys(16)).kids()).toHaveLength(16);
    const e = caught(() => new KeySet(keys(17)));
    expect(e.code).toBe('ERR_KEYSET_SIZE');
    expect(e).toBeInstanceOf(E.JWTError);
    expect(new KeySet(keys(40), { maxKeys: 40 }).kids()).toHaveLength(40);
    expect(caught(() => new KeySet(keys(3), { maxKeys: 2 })).code).toBe('ERR_KEYSET_SIZE');
    for (const bad of [0, -1, 1.5, '3', null]) expect(caught(() => new KeySet(keys(1), { maxKeys: bad as any })).code).toBe('ERR_OPTIONS_INVALID');
  });
  it('a plain JWK Set is not a key', () => {
    expect(caught(() => verify(forge('{"alg":"HS256"}', '{}', A), { keys: [{ kty: 'oct', k: b64u(A) }] }, opts)).code).toBe('ERR_KEY_TYPE');
  });
});
