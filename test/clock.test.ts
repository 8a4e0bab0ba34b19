import { describe, expect, it } from 'vitest';
import { now, systemClock, DEFAULT_MIN_CLOCK } from '../src/clock';
import { ClockNotSetError, JWTError } from '../src/errors';

describe('clock', () => {
  it('default clock is Date.now() in seconds', () => {
    expect(Math.abs(systemClock() - Date.now() / 1000)).toBeLessThan(1);
    expect(Math.abs(now({}) - Date.now() / 1000)).toBeLessThan(1);
  });
  it('currentTime wins, then clock', () => {
    expect(now({ currentTime: 1700000000 })).toBe(1700000000);
    expect(now({ clock: () => 1700000001.5 })).toBe(1700000001.5);
  });
  it('minClock: default 2020-01-01, 0 disables, custom value', () => {
    expect(DEFAULT_MIN_CLOCK).toBe(Date.UTC(2020, 0, 1) / 1000);
    expect(() => now({ currentTime: DEFAULT_MIN_CLOCK - 1 })).toThrow(ClockNotSetError);
    expect(now({ currentTime: DEFAULT_MIN_CLOCK })).toBe(DEFAULT_MIN_CLOCK);
    expect(now({ currentTime: 0, minClock: 0 })).toBe(0);
    expect(() => now({ currentTime: 1000, minClock: 1001 })).toThrow(ClockNotSetError);
    try {
      now({ clock: () => 5 });
    } catch (e) {
      expect((e as JWTError).code).toBe('ERR_CLOCK_NOT_SET');
      expect(e).toBeInstanceOf(JWTError);
    }
  });
  it('a clock returning a non-number is an options error', () => {
    for (const v of [NaN, Infinity, '1700000000', undefined]) {
      try {
        now({ clock: () => v as any });
        expect.unreachable();
      } catch (e) {
        expect((e as JWTError).code).toBe('ERR_OPTIONS_INVALID');
      }
    }
  });
});
