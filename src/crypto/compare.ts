/**
 * Constant-time comparison: the time depends on the length only, never on
 * where the inputs differ (no early exit). On the interpreter every loop
 * iteration costs microseconds, so compare 32-bit words where the buffers
 * allow it: 8 iterations for a 32-byte MAC instead of 32.
 */
import { ESP } from './espruino';

const equalBytes = function (a: Uint8Array, b: Uint8Array): boolean {
  const n = a.length;
  let diff = 0;
  let i = 0;
  if (n >= 8 && a.byteOffset % 4 === 0 && b.byteOffset % 4 === 0) {
    const words = n >> 2;
    const wa = new Uint32Array(a.buffer, a.byteOffset, words);
    const wb = new Uint32Array(b.buffer, b.byteOffset, words);
    for (; i < words; i++) diff |= wa[i] ^ wb[i];
    i = words << 2;
  }
  for (; i < n; i++) diff |= a[i] ^ b[i];
  return diff === 0;
};

/** Byte arrays of equal length with equal content. Different lengths: false (lengths are public). */
export const timingSafeEqualBytes = function (a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  return equalBytes(a, b);
};

/**
 * Binary strings (one char per byte). On Espruino two native conversions
 * make word-aligned buffers; elsewhere a char loop.
 */
export const timingSafeEqualBinary = function (a: string, b: string): boolean {
  if (typeof a !== 'string' || typeof b !== 'string' || a.length !== b.length) return false;
  if (ESP) return a.length === 0 || equalBytes(ESP.toUint8Array(a), ESP.toUint8Array(b));
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
};
