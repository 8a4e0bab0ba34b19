// @part session needs crypto
/**
 * Argument checks shared by the stores: options, entries, times, and the
 * store's clock. Bad input is a typed error, never a silent no-op.
 */
import { JWTError, invalidArgument } from '../errors';
import { checkOptionTable, optionsError } from '../options';
import { StoreOptions } from './types';

/** Checked store options, with defaults: `[capacity, clock]`. */
export const storeOptions = function (fn: string, options: unknown, defaultCapacity: number): [number, () => number] {
  const o = options === undefined ? {} : checkOptionTable<StoreOptions>(fn, options, ' capacity:I clock:F');
  if (o.capacity !== undefined && o.capacity > 100000) optionsError(fn + ': option "capacity" must be at most 100000');
  return [o.capacity === undefined ? defaultCapacity : o.capacity, o.clock || defaultClock];
};

const defaultClock = function (): number {
  return Date.now() / 1000;
};

/** `jti` must be a string; `exp` a finite number of seconds >= 0. */
export const checkEntry = function (fn: string, jti: unknown, exp: unknown): void {
  if (typeof jti !== 'string') invalidArgument(fn + ': jti must be a string');
  checkTime(fn, exp, 'exp');
};

/** A time argument: a finite number of seconds >= 0. */
export const checkTime = function (fn: string, t: unknown, what: string): void {
  if (typeof t !== 'number' || !isFinite(t) || t < 0) invalidArgument(fn + ': ' + what + ' must be a finite number of seconds >= 0');
};

/** The store's time, read for pruning; a clock returning junk is an options error. */
export const clockNow = function (clock: () => number): number {
  const t = clock();
  if (typeof t !== 'number' || !isFinite(t)) throw new JWTError('the store clock must return a finite number of seconds', 'ERR_OPTIONS_INVALID');
  return t;
};

/** The error of a store that is full of unexpired entries: nothing is ever dropped silently. */
export const fullError = function (n: number): never {
  throw new JWTError('the revocation store is full (' + n + ' unexpired entries): raise its capacity, or clear entries you no longer need', 'ERR_STORE_FULL');
};
