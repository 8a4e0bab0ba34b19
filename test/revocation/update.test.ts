// Signed fleet updates (applyUpdate), made by jose as a server would, applied to a MemoryRevocationStore.
import { describe, expect, it } from 'vitest';
import * as jose from 'jose';
import { MemoryRevocationStore } from '../../src/revocation/memory';
import * as E from '../../src/errors';
import { caught, forge } from '../jwt/helpers';

const KEY = 'fleet-update-key-0123456789abcdef!!';
const key = new TextEncoder().encode(KEY);
const update = (payload: unknown, alg = 'HS256') =>
  new jose.CompactSign(new TextEncoder().encode(JSON.stringify(payload))).setProtectedHeader({ alg }).sign(key);
const FUTURE = Math.floor(Date.now() / 1000) + 3600;

describe('applyUpdate', () => {
  it('adds the entries of a verified update and remembers its seq; a replay or older seq is ERR_UPDATE_REPLAYED', async () => {
    const s = new MemoryRevocationStore();
    expect(await update({ seq: 3, revoked: [['a', FUTURE], ['b', FUTURE]] }).then((t) => s.applyUpdate(t, KEY, { algorithms: ['HS256'] }))).toBe(2);
    expect(s.has('a') && s.has('b')).toBe(true);
    const again = await update({ seq: 3, revoked: [['c', FUTURE]] });
    const e = caught(() => s.applyUpdate(again, KEY, { algorithms: ['HS256'] }));
    expect(e).toBeInstanceOf(E.InvalidTokenError);
    expect(e.code).toBe('ERR_UPDATE_REPLAYED');
    expect(s.has('c')).toBe(false);
    expect(caught(() => s.applyUpdate(update as never, KEY, { algorithms: ['HS256'] }))).toBeInstanceOf(E.JWTError);
    const older = await update({ seq: 2, revoked: [] });
    expect(caught(() => s.applyUpdate(older, KEY, { algorithms: ['HS256'] })).code).toBe('ERR_UPDATE_REPLAYED');
    // Held, dead and repeated entries are not counted.
    const next = await update({ seq: 10, revoked: [['a', FUTURE], ['dead', 5], ['d', FUTURE], ['d', FUTURE]] });
    expect(s.applyUpdate(next, key, { algorithms: ['HS256'] })).toBe(1);
    expect(s.has('dead')).toBe(false);
    expect(s.size()).toBe(3);
  });

  it('refuses an update whose signature, algorithm or key is wrong, without touching the store', async () => {
    const s = new MemoryRevocationStore();
    const t = await update({ seq: 1, revoked: [['a', FUTURE]] });
    expect(caught(() => s.applyUpdate(t, KEY + 'x', { algorithms: ['HS256'] }))).toBeInstanceOf(E.InvalidSignatureError);
    expect(caught(() => s.applyUpdate(t, KEY, { algorithms: ['HS512'] }))).toBeInstanceOf(E.InvalidAlgorithmError);
    expect(caught(() => s.applyUpdate(t.slice(0, -2) + 'xx', KEY, { algorithms: ['HS256'] }))).toBeInstanceOf(E.DecodeError);
    expect(s.size()).toBe(0);
    expect(s.applyUpdate(t, KEY, { algorithms: ['HS256'] })).toBe(1);
  });

  it('refuses malformed payloads with ERR_UPDATE_INVALID and bad options with ERR_OPTIONS_INVALID', async () => {
    const s = new MemoryRevocationStore();
    const bad = [
      {},
      { seq: 0, revoked: [] },
      { seq: 1.5, revoked: [] },
      { seq: '2', revoked: [] },
      { seq: 2 ** 53, revoked: [] },
      { seq: 2 },
      { seq: 2, revoked: {} },
      { seq: 2, revoked: [['a']] },
      { seq: 2, revoked: [['a', 'soon']] },
      { seq: 2, revoked: [[1, 5]] },
      { seq: 2, revoked: [['a', -1]] },
      { seq: 2, revoked: ['a'] },
    ];
    for (const p of bad) expect(caught(() => s.applyUpdate(forge('{"alg":"HS256"}', JSON.stringify(p), KEY), KEY, { algorithms: ['HS256'] })).code, JSON.stringify(p)).toBe('ERR_UPDATE_INVALID');
    expect(caught(() => s.applyUpdate(forge('{"alg":"HS256"}', '[1]', KEY), KEY, { algorithms: ['HS256'] })).code).toBe('ERR_JWT_MALFORMED');
    const t = await update({ seq: 1, revoked: [] });
    for (const o of [undefined, {}, { algorithms: [] }, { algorithms: ['HS256'], audience: 'x' }]) {
      expect(caught(() => s.applyUpdate(t, KEY, o as never)).code).toBe('ERR_OPTIONS_INVALID');
    }
    expect(s._seq).toBe(0);
  });

  it('applies all of an update or none when it does not fit (seq unchanged)', async () => {
    const s = new MemoryRevocationStore({ capacity: 3 });
    s.add('x', FUTURE);
    const t = await update({ seq: 1, revoked: [['a', FUTURE], ['b', FUTURE], ['c', FUTURE]] });
    expect(caught(() => s.applyUpdate(t, KEY, { algorithms: ['HS256'] })).code).toBe('ERR_STORE_FULL');
    expect(s.size()).toBe(1);
    expect(s._seq).toBe(0);
    s.clear();
    expect(s.applyUpdate(t, KEY, { algorithms: ['HS256'] })).toBe(3);
    expect(s._seq).toBe(1);
  });
});
