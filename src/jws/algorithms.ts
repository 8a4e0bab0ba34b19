/**
 * The JWS algorithms microjwt signs and verifies: HMAC with SHA-2 (RFC 7518
 * §3.2). Each name maps to its hash; the hash size is also the minimum key
 * length (RFC 7518 §3.2: "a key of the same size as the hash output ... or
 * larger MUST be used").
 *
 * Why comparisons and not a table: on the device a table made at load costs
 * RAM for as long as the module is loaded, while code stays in flash. The
 * device code uses only `hashOf`; the other exports are for host code and
 * tests (the bundler drops what the device code does not use).
 */
import type { HashName } from '../crypto/types';

/** Algorithm names this build supports, in preference order. */
export const ALGORITHMS = ['HS256', 'HS384', 'HS512'];

/** The hash of a supported algorithm, or undefined (exact names only: `alg` comes from tokens). */
export const hashOf = function (alg: unknown): HashName | undefined {
  return alg === 'HS256' ? 'SHA-256' : alg === 'HS384' ? 'SHA-384' : alg === 'HS512' ? 'SHA-512' : undefined;
};

/** Minimum HMAC key length in bytes for `alg` (its hash size). */
export const minKeyBytes = function (alg: string): number {
  return alg === 'HS256' ? 32 : alg === 'HS384' ? 48 : 64;
};

/** True for "none" in any spelling: never accepted, never produced. */
export const isNone = function (alg: unknown): boolean {
  return typeof alg === 'string' && alg.toLowerCase() === 'none';
};
