// MemoryRevocationStore on Node: the store interface, capacity, pruning, clearing.
import { describe, expect, it } from 'vitest';
import { MemoryRevocationStore } from '../../src/revocation/memory';
import * as E from '../../src/errors';
import { caught } from '../jwt/helpers';

describe('MemoryRevocationStore', () => {
  it('adds, finds and counts entries; a second add keeps the later exp', () => {
    const s = new MemoryRevocationStore();
    expect(s.size()).toBe(0);
    expect(s.add('a', 100)).toBe(true);
    expect(s.add('a', 50)).toBe(false);
    expect(s.has('a')).toBe(true);
    expect(s.has('b')).toBe(false);
    expect(s.size()).toBe(1);
    expect(s.prune(60)).toBe(0); // exp stayed 100
    expect(s.add('a', 200)).toBe(false);
    expect(s.prune(150)).toBe(0); // exp is 200 now
    expect(s.prune(200)).toBe(1);
    expect(s.has('a')).toBe(false);
  });

  it('treats odd ids as ordinary ids (no prototype keys)', () => {
    const s = new MemoryRevocationStore();
    for (const id of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', '', ' ', 'é☺']) {
      expect(s.has(id)).toBe(false);
      expect(s.add(id, 10)).toBe(true);
      expect(s.has(id)).toBe(true);
    }
    expect(s.size()).toBe(7);
    expect(s.has(42 as unknown as string)).toBe(false);
  });

  it('prune forgets exp <= now, clear(before) exp < before, clear() everything', () => {
    const s = new MemoryRevocationStore();
    s.add('a', 10);
    s.add('b', 20);
    s.add('c', 30);
    expect(s.prune(10)).toBe(1);
    expect(s.has('a')).toBe(false);
    expect(s.clear(30)).toBe(1);
    expect(s.has('b')).toBe(false);
    expect(s.has('c')).toBe(true);
    expect(s.clear()).toBe(1);
    expect(s.size()).toBe(0);
  });

  it('when full, prunes by its clock first, then refuses with ERR_STORE_FULL (never drops a live entry)', () => {
    let now = 100;
    const s = new MemoryRevocationStore({ capacity: 2, clock: () => now });
    s.add('a', 150);
    s.add('b', 200);
    const e = caught(() => s.add('c', 300));
    expect(e).toBeInstanceOf(E.JWTError);
    expect(e.code).toBe('ERR_STORE_FULL');
    expect(s.has('a') && s.has('b') && !s.has('c')).toBe(true);
    now = 160;
    expect(s.add('c', 300)).toBe(true);
    expect(s.has('a')).toBe(false);
    expect(s.size()).toBe(2);
  });

  it('refuses bad arguments and options with typed errors', () => {
    const s = new MemoryRevocationStore();
    expect(caught(() => s.add(1 as unknown as string, 5)).code).toBe('ERR_INVALID_ARGUMENT');
    for (const exp of [NaN, Infinity, -1, '5', undefined]) expect(caught(() => s.add('x', exp as number)).code).toBe('ERR_INVALID_ARGUMENT');
    expect(caught(() => s.prune(NaN)).code).toBe('ERR_INVALID_ARGUMENT');
    expect(caught(() => s.clear(-5)).code).toBe('ERR_INVALID_ARGUMENT');
    for (const o of [{ capacity: 0 }, { capacity: 1.5 }, { capacity: '5' }, { capacty: 5 }, { clock: 5 }, 'x', null]) {
      expect(caught(() => new MemoryRevocationStore(o as never)).code).toBe('ERR_OPTIONS_INVALID');
    }
    const bad = new MemoryRevocationStore({ capacity: 1, clock: () => NaN });
    bad.add('a', 5);
    expect(caught(() => bad.add('b', 5)).code).toBe('ERR_OPTIONS_INVALID');
  });
});
