// introspect: RFC 7662 shape, never an exception for a bad token, options still checked.
import { describe, expect, it } from 'vitest';
import { introspect } from '../../src/session/introspect';
import { sign } from '../../src/jwt/sign';
import { KeySet } from '../../src/jwk/keyset';
import { MemoryRevocationStore } from '../../src/revocation/memory';
import { caught, NOW, SECRET, forge } from '../jwt/helpers';

const opts = { algorithms: ['HS256'], currentTime: NOW };

describe('introspect', () => {
  it('{active: true, ...claims} for a valid token (a claim named active cannot say otherwise)', () => {
    const t = sign({ sub: 'u', scope: 'read', active: false, exp: NOW + 60 }, SECRET, { currentTime: NOW });
    expect(introspect(t, SECRET, opts)).toEqual({ active: true, sub: 'u', scope: 'read', exp: NOW + 60, iat: NOW });
  });

  it('{active: false} for every kind of bad token, whatever is wrong', () => {
    const store = new MemoryRevocationStore();
    store.add('gone', NOW + 60);
    const good = sign({ sub: 'u', exp: NOW + 60 }, SECRET, { currentTime: NOW });
    const bad = [
      'junk', '', 'a.b.c', 42, null, good.slice(0, -2) + 'xx', sign({ exp: NOW }, SECRET, { currentTime: NOW - 10 }),
      sign({ sub: 'u' }, SECRET, { algorithm: 'HS512', minKeyLength: 32 }), forge('{"alg":"none"}', '{}'), forge('{"alg":"HS256"}', '{"__proto__":{"x":1}}'),
      sign({ jti: 'gone' }, SECRET), sign({ nbf: NOW + 100 }, SECRET, { currentTime: NOW }), forge('{"alg":"HS256"}', '{"sub":1}'),
    ];
    for (const t of bad) expect(introspect(t as string, SECRET, { ...opts, revocationStore: store }), String(t)).toEqual({ active: false });
    const ks = new KeySet({ keys: [{ kty: 'oct', k: Buffer.from(SECRET).toString('base64url'), kid: 'a' }] });
    expect(introspect(sign({ a: 1 }, SECRET, { kid: 'other' }), ks, opts)).toEqual({ active: false });
    expect(introspect(good, 'x'.repeat(64), opts)).toEqual({ active: false });
  });

  it('still throws for bad options, a bad key and a clock that is not set', () => {
    const t = sign({ sub: 'u', exp: NOW + 60 }, SECRET, { currentTime: NOW });
    for (const o of [undefined, {}, { algorithms: ['HS256'], audiance: 'x' }, { algorithms: ['HS256'], complete: true }]) {
      expect(caught(() => introspect(t, SECRET, o as never)).code).toBe('ERR_OPTIONS_INVALID');
    }
    expect(caught(() => introspect(t, 'short', opts)).code).toBe('ERR_KEY_TOO_SHORT');
    expect(caught(() => introspect(t, SECRET, { algorithms: ['HS256'], currentTime: 1000 })).code).toBe('ERR_CLOCK_NOT_SET');
  });
});
