/**
 * Constant-time comparison of binary strings, for the MAC checks of JWS and
 * JWE: the time depends on the length only, never on where the inputs
 * differ (no early exit). On the interpreter every loop iteration costs
 * microseconds, so compare 32-bit words where the buffers allow it: 8
 * iterations for a 32-byte MAC instead of 32. (Byte arrays, the public
 * `crypto.timingSafeEqual`: ./timingsafeequal.ts.)
 */
import { ESPRUINO as ESP } from '../codec/bytes';

/**
 * Binary strings (one char per byte). On Espruino two native conversions
 * make word-aligned buffers; elsewhere a char loop.
 */
export const timingSafeEqualBinary = function (a: string, b: string): boolean {
  if (typeof a !== 'string' || typeof b !== 'string' || a.length !== b.length) return false;
  const n = a.length;
  let diff = 0;
  let i = 0;
  if (ESP) {
    if (n === 0) return true;
    // The word loop of timingSafeEqualBytes (./timingsafeequal.ts), written
    // here too: this is the verify hot path, and that function's argument
    // checks cost a call each.
    // E.toArrayBuffer views the string's own bytes: on the ESP32-like 64-bit
    // build two E.toUint8Array copies of 32 chars took ~0.15 ms, two views
    // ~0.01 ms (most of this function's time); views start at offset 0.
    const x = ESP.toArrayBuffer ? new Uint8Array(ESP.toArrayBuffer(a)) : ESP.toUint8Array(a);
    const y = ESP.toArrayBuffer ? new Uint8Array(ESP.toArrayBuffer(b)) : ESP.toUint8Array(b);
    if (x.byteOffset % 4 === 0 && y.byteOffset % 4 === 0) {
      const words = n >> 2;
      const wa = new Uint32Array(x.buffer, x.byteOffset, words);
      const wb = new Uint32Array(y.buffer, y.byteOffset, words);
      // Eight words per statement (one pass for an HS256 MAC): each loop
      // iteration costs a statement on the interpreter.
      for (; i + 8 <= words; i += 8) {
        diff |= (wa[i] ^ wb[i]) | (wa[i + 1] ^ wb[i + 1]) | (wa[i + 2] ^ wb[i + 2]) | (wa[i + 3] ^ wb[i + 3]) |
          (wa[i + 4] ^ wb[i + 4]) | (wa[i + 5] ^ wb[i + 5]) | (wa[i + 6] ^ wb[i + 6]) | (wa[i + 7] ^ wb[i + 7]);
      }
      for (; i < words; i++) diff |= wa[i] ^ wb[i];
      i = words << 2;
    }
    for (; i < n; i++) diff |= x[i] ^ y[i];
    return diff === 0;
  }
  for (; i < n; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
};
