// @part crypto
/**
 * Random bytes for keys, IVs and token ids. Never `Math.random`.
 *
 * On Espruino, `E.hwRand()` gives 32 bits whose quality depends on the board
 * (ADC noise, the SDK's RNG, or a seeded PRNG), so it is never used raw: each
 * 32-byte output block is SHA-256 of 16 fresh hwRand words, the time, a
 * counter and the previous block (a running pool), so weak or correlated
 * words are spread over the whole output and blocks never repeat.
 *
 * Part of microjwt.crypto's lazy part: its only user in the full builds
 * (random bytes go through `randomBytes` there). The core build keeps it
 * eager (VARIANTS.core.eager): there it is all of that part.
 */
import { NotSupportedError } from '../errors';
import { ESPRUINO as ESP } from '../codec/bytes';

let pool = '';
let counter = 0;

/** `sha256` maps a binary string to a 32-byte binary string (native or pure). */
export const hwRandomBytes = function (n: number, sha256: (binary: string) => string): Uint8Array {
  const e = ESP;
  if (!e || typeof e.hwRand !== 'function') throw new NotSupportedError('no random source on this platform');
  const out = new Uint8Array(n);
  for (let p = 0; p < n; p += 32) {
    let s = pool + String.fromCharCode(counter & 255, (counter >>> 8) & 255, (counter >>> 16) & 255, counter >>> 24);
    counter++;
    for (let i = 0; i < 16; i++) {
      const w = e.hwRand();
      s += String.fromCharCode(w & 255, (w >>> 8) & 255, (w >>> 16) & 255, (w >>> 24) & 255);
    }
    s += typeof getTime === 'function' ? String(getTime()) : '';
    pool = sha256(s);
    // Output a hash of the pool, not the pool itself, so outputs do not reveal the next block's input.
    const block = e.toUint8Array(sha256(pool + '\x01'));
    out.set(n - p < 32 ? block.subarray(0, n - p) : block, p);
  }
  return out;
};
