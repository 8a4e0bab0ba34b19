// The revocationStore option of verify: the one claim-check hook every JWT path shares.
import { describe, expect, it } from 'vitest';
import { verify } from '../../src/jwt/verify';
import { sign } from '../../src/jwt/sign';
import { MemoryRevocationStore } from '../../src/revocation/memory';
import * as E from '../../src/errors';
import { caught, NOW, SECRET } from '../jwt/helpers';

const opts = { algorithms: ['HS256'], currentTime: NOW };

describe('verify with revocationStore', () => {
  it('refuses a token whose jti the store holds with RevokedTokenError (ERR_TOKEN_REVOKED), after the signature and time checks', () => {
    const store = new MemoryRevocationStore();
    const t = sign({ jti: 'id-1', exp: NOW + 60 }, SECRET, { currentTime: NOW });
    expect(verify(t, SECRET, { ...opts, revocationStore: store })).toMatchObject({ jti: 'id-1' });
    store.add('id-1', NOW + 60);
    const e = caught(() => verify(t, SECRET, { ...opts, revocationStore: store }));
    expect(e).toBeInstanceOf(E.RevokedTokenError);
    expect(e).toBeInstanceOf(E.InvalidTokenError);
    expect(e.code).toBe('ERR_TOKEN_REVOKED');
    expect(e.claim).toBe('jti');
    expect(String(e)).toBe('RevokedTokenError: the token has been revoked ("jti")');
    // Without the option the store is not consulted.
    expect(verify(t, SECRET, opts)).toMatchObject({ jti: 'id-1' });
    // A bad signature is still a signature error, an expired token still expired.
    expect(caught(() => verify(t.slice(0, -3) + 'AAA', SECRET, { ...opts, revocationStore: store }))).toBeInstanceOf(E.InvalidSignatureError);
    expect(caught(() => verify(t, SECRET, { ...opts, currentTime: NOW + 61, revocationStore: store }))).toBeInstanceOf(E.ExpiredSignatureError);
  });

  it('accepts a token without jti (it cannot be revoked by id) unless jti is required', () => {
    const store = new MemoryRevocationStore();
    store.add('x', NOW + 60);
    const t = sign({ a: 1 }, SECRET, { currentTime: NOW });
    expect(verify(t, SECRET, { ...opts, revocationStore: store })).toMatchObject({ a: 1 });
    expect(caught(() => verify(t, SECRET, { ...opts, revocationStore: store, requiredClaims: ['jti'] }))).toBeInstanceOf(E.MissingRequiredClaimError);
  });

  it('works with any object that has has(jti), and refuses other values as options errors', () => {
    const seen: string[] = [];
    const custom = { has: (jti: string) => (seen.push(jti), jti === 'bad') };
    expect(verify(sign({ jti: 'good' }, SECRET, { currentTime: NOW }), SECRET, { ...opts, revocationStore: custom })).toMatchObject({ jti: 'good' });
    expect(caught(() => verify(sign({ jti: 'bad' }, SECRET, { currentTime: NOW }), SECRET, { ...opts, revocationStore: custom }))).toBeInstanceOf(E.RevokedTokenError);
    expect(seen).toEqual(['good', 'bad']);
    for (const v of [{}, 'store', 5, [], null]) {
      expect(caught(() => verify('a.b.c', SECRET, { ...opts, revocationStore: v as never })).code).toBe('ERR_OPTIONS_INVALID');
    }
  });
});
