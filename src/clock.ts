/**
 * Time for claim checks and timestamps, in seconds since the epoch.
 *
 * Why `minClock`: a device without a real-time clock boots in 1970 until it
 * learns the time (NTP, a phone, GPS). Checking `exp` against 1970 accepts
 * every token, and minting `iat`/`exp` from 1970 makes tokens every server
 * rejects. So whenever a time is actually needed and the clock reads before
 * `minClock`, `ClockNotSetError` is thrown instead of a wrong verdict.
 *
 * `now` does not call `systemClock` nor read `DEFAULT_MIN_CLOCK`: on the
 * device every value made at load costs RAM, so the device code keeps only
 * `now` (the bundler drops the other two exports, kept for host code and tests).
 */
import { ClockNotSetError, JWTError } from './errors';

/** 2020-01-01T00:00:00Z: a clock before this has not been set (the literal in `now`). */
export const DEFAULT_MIN_CLOCK = 1577836800;

/** A function returning the current time in seconds (fractions allowed). */
export type Clock = () => number;

/** The platform clock: `Date.now()` in seconds (what `now` reads without clock/currentTime). */
export const systemClock: Clock = function () {
  return Date.now() / 1000;
};

/** Where a call gets its time from: a fixed `currentTime`, a `clock`, or the system. */
export interface ClockOptions {
  clock?: Clock;
  currentTime?: number;
  minClock?: number;
}

/**
 * The current time for one call, in seconds. Reads the clock once; throws
 * `ClockNotSetError` when it reads before `minClock` (default 2020-01-01;
 * `0` turns the check off).
 */
export const now = function (options: ClockOptions): number {
  let t: number;
  if (options.currentTime !== undefined) t = options.currentTime;
  else t = options.clock ? options.clock() : Date.now() / 1000;
  if (typeof t !== 'number' || !isFinite(t)) {
    throw new JWTError('the clock must return a finite number of seconds', 'ERR_OPTIONS_INVALID');
  }
  const min = options.minClock === undefined ? 1577836800 : options.minClock;
  if (t < min) {
    throw new ClockNotSetError('the clock reads ' + Math.floor(t) + ' s, before minClock ' + min + ': set the time (or pass clock/currentTime, or minClock: 0)');
  }
  return t;
};
