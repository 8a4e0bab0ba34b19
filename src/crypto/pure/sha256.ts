// @part pure
/**
 * SHA-256 (FIPS 180-4) in plain ES5 arithmetic, shaped for the Espruino
 * interpreter, which re-lexes source text as it runs: every token executed
 * costs time, and a typed-array element access costs about two variable
 * reads. So the compression keeps the eight working variables and the
 * sixteen-word message window in locals, rotations are written inline, and
 * nothing is allocated per block.
 */
import { sha2Constants } from './constants';
import { PureHash, withFinish } from './hash';

let made: PureHash | undefined;

/**
 * SHA-256, built on first use: round constants and initial value live in
 * this closure, so nothing exists until a board needs it.
 */
export const pureSha256 = function (): PureHash {
  if (made) return made;
  const c = sha2Constants();
  const K = new Int32Array(64);
  const IV = new Int32Array(8);
  for (let i = 0; i < 64; i++) K[i] = c[i * 2];
  for (let i = 0; i < 8; i++) IV[i] = c[160 + i * 2];

  // The block's bytes are copied here and reversed natively, which leaves
  // the sixteen big-endian message words in reverse order as little-endian
  // words: `words[15 - j]` is W[j]. Two native calls instead of 64 byte reads,
  // 48 shifts and 48 ORs in interpreted code. Every Espruino target (ARM,
  // Xtensa, x86) is little-endian; `withFinish` refuses a big-endian host.
  const bytes = new Uint8Array(64);
  const words = new Int32Array(bytes.buffer);

  /** The state `compress` works on, set by `block` (see below: no parameters). */
  let s: Int32Array;

  /**
   * One block. Measured on the Espruino interpreter (Linux and board-like
   * builds, module in RAM, 300 bytes): 10.4 / 13.8 ms before, 7.0 / 10.1 ms
   * with all of the following, and ~7% less again with the last two points.
   * - `'ram'` makes Espruino store this function pretokenised (keywords and
   *   operators as single bytes) in RAM: ~7% on the board build. It costs
   *   ~250 JsVars on first use when the module is loaded from Storage (the
   *   body is copied out of flash), which only boards without native SHA-256
   *   pay (Raspberry Pi Pico: 12,000+ vars).
   * - The message schedule is a window of sixteen locals w0..w15 updated in
   *   place (w[t] = s1(w[t-2]) + w[t-7] + s0(w[t-15]) + w[t-16] lands in the
   *   slot of w[t-16]), not a 64-word Int32Array: no typed-array stores or
   *   index arithmetic, and the 48-iteration schedule loop is gone (~25%).
   *   Sixteen rounds are written out per loop pass, each using its own wj;
   *   after the passes that have rounds left, the window moves on by sixteen.
   * - The rounds rotate the variables' roles (round j's a..h are the names
   *   rotated right by j) instead of shuffling eight values per round.
   * - Rotations are flat XORs of shifts (the two halves of a rotation share
   *   no bits, so `|` can be `^` and the parentheses go).
   * - No `| 0` anywhere (~3%): a sum of 32-bit values is an exact double on
   *   both engines, every bit operation and the Int32Array stores at the end
   *   reduce modulo 2^32 (Espruino converts through a 64-bit integer), and
   *   the unreduced sums stay below 2^46 (bounded by adding up each term's
   *   largest magnitude through the 64 rounds and 3 window moves), far from
   *   the 2^53 where doubles stop being exact.
   * - Espruino finds a local by walking the function's variables in the
   *   order they were made (parameters first), so the compression takes no
   *   parameters and makes a..h first, then the round constants and counter,
   *   then the window: ten more locals ahead of a..h measured +17%, and this
   *   order ~5% less than parameters first. The state comes in through `s`.
   * - The words come from the reversed copy above (~2%).
   * A further full unroll (64 rounds) was not taken: 4x this code for a few
   * percent.
   */
  const compress = function (): void {
    'ram';
    let a = s[0], b = s[1], c = s[2], d = s[3], e = s[4], f = s[5], g = s[6], h = s[7];
    const k = K;
    let i: number;
    // The block's sixteen big-endian words (reversed copy: see `words`).
    let w0 = words[15];
    let w1 = words[14];
    let w2 = words[13];
    let w3 = words[12];
    let w4 = words[11];
    let w5 = words[10];
    let w6 = words[9];
    let w7 = words[8];
    let w8 = words[7];
    let w9 = words[6];
    let w10 = words[5];
    let w11 = words[4];
    let w12 = words[3];
    let w13 = words[2];
    let w14 = words[1];
    let w15 = words[0];
    for (i = 0; i < 64; i += 16) {
      // Round i + j (roles rotated right by j): T1 = h + S1(e) + Ch(e, f, g) + K + W;
      // d += T1; h = T1 + S0(a) + Maj(a, b, c).
      d += h += ((e >>> 6 ^ e << 26 ^ e >>> 11 ^ e << 21 ^ e >>> 25 ^ e << 7) + (g ^ (e & (f ^ g))) + k[i] + w0);
      h += (a >>> 2 ^ a << 30 ^ a >>> 13 ^ a << 19 ^ a >>> 22 ^ a << 10) + ((a & b) | (c & (a | b)));
      c += g += ((d >>> 6 ^ d << 26 ^ d >>> 11 ^ d << 21 ^ d >>> 25 ^ d << 7) + (f ^ (d & (e ^ f))) + k[i + 1] + w1);
      g += (h >>> 2 ^ h << 30 ^ h >>> 13 ^ h << 19 ^ h >>> 22 ^ h << 10) + ((h & a) | (b & (h | a)));
      b += f += ((c >>> 6 ^ c << 26 ^ c >>> 11 ^ c << 21 ^ c >>> 25 ^ c << 7) + (e ^ (c & (d ^ e))) + k[i + 2] + w2);
      f += (g >>> 2 ^ g << 30 ^ g >>> 13 ^ g << 19 ^ g >>> 22 ^ g << 10) + ((g & h) | (a & (g | h)));
      a += e += ((b >>> 6 ^ b << 26 ^ b >>> 11 ^ b << 21 ^ b >>> 25 ^ b << 7) + (d ^ (b & (c ^ d))) + k[i + 3] + w3);
      e += (f >>> 2 ^ f << 30 ^ f >>> 13 ^ f << 19 ^ f >>> 22 ^ f << 10) + ((f & g) | (h & (f | g)));
      h += d += ((a >>> 6 ^ a << 26 ^ a >>> 11 ^ a << 21 ^ a >>> 25 ^ a << 7) + (c ^ (a & (b ^ c))) + k[i + 4] + w4);
      d += (e >>> 2 ^ e << 30 ^ e >>> 13 ^ e << 19 ^ e >>> 22 ^ e << 10) + ((e & f) | (g & (e | f)));
      g += c += ((h >>> 6 ^ h << 26 ^ h >>> 11 ^ h << 21 ^ h >>> 25 ^ h << 7) + (b ^ (h & (a ^ b))) + k[i + 5] + w5);
      c += (d >>> 2 ^ d << 30 ^ d >>> 13 ^ d << 19 ^ d >>> 22 ^ d << 10) + ((d & e) | (f & (d | e)));
      f += b += ((g >>> 6 ^ g << 26 ^ g >>> 11 ^ g << 21 ^ g >>> 25 ^ g << 7) + (a ^ (g & (h ^ a))) + k[i + 6] + w6);
      b += (c >>> 2 ^ c << 30 ^ c >>> 13 ^ c << 19 ^ c >>> 22 ^ c << 10) + ((c & d) | (e & (c | d)));
      e += a += ((f >>> 6 ^ f << 26 ^ f >>> 11 ^ f << 21 ^ f >>> 25 ^ f << 7) + (h ^ (f & (g ^ h))) + k[i + 7] + w7);
      a += (b >>> 2 ^ b << 30 ^ b >>> 13 ^ b << 19 ^ b >>> 22 ^ b << 10) + ((b & c) | (d & (b | c)));
      d += h += ((e >>> 6 ^ e << 26 ^ e >>> 11 ^ e << 21 ^ e >>> 25 ^ e << 7) + (g ^ (e & (f ^ g))) + k[i + 8] + w8);
      h += (a >>> 2 ^ a << 30 ^ a >>> 13 ^ a << 19 ^ a >>> 22 ^ a << 10) + ((a & b) | (c & (a | b)));
      c += g += ((d >>> 6 ^ d << 26 ^ d >>> 11 ^ d << 21 ^ d >>> 25 ^ d << 7) + (f ^ (d & (e ^ f))) + k[i + 9] + w9);
      g += (h >>> 2 ^ h << 30 ^ h >>> 13 ^ h << 19 ^ h >>> 22 ^ h << 10) + ((h & a) | (b & (h | a)));
      b += f += ((c >>> 6 ^ c << 26 ^ c >>> 11 ^ c << 21 ^ c >>> 25 ^ c << 7) + (e ^ (c & (d ^ e))) + k[i + 10] + w10);
      f += (g >>> 2 ^ g << 30 ^ g >>> 13 ^ g << 19 ^ g >>> 22 ^ g << 10) + ((g & h) | (a & (g | h)));
      a += e += ((b >>> 6 ^ b << 26 ^ b >>> 11 ^ b << 21 ^ b >>> 25 ^ b << 7) + (d ^ (b & (c ^ d))) + k[i + 11] + w11);
      e += (f >>> 2 ^ f << 30 ^ f >>> 13 ^ f << 19 ^ f >>> 22 ^ f << 10) + ((f & g) | (h & (f | g)));
      h += d += ((a >>> 6 ^ a << 26 ^ a >>> 11 ^ a << 21 ^ a >>> 25 ^ a << 7) + (c ^ (a & (b ^ c))) + k[i + 12] + w12);
      d += (e >>> 2 ^ e << 30 ^ e >>> 13 ^ e << 19 ^ e >>> 22 ^ e << 10) + ((e & f) | (g & (e | f)));
      g += c += ((h >>> 6 ^ h << 26 ^ h >>> 11 ^ h << 21 ^ h >>> 25 ^ h << 7) + (b ^ (h & (a ^ b))) + k[i + 13] + w13);
      c += (d >>> 2 ^ d << 30 ^ d >>> 13 ^ d << 19 ^ d >>> 22 ^ d << 10) + ((d & e) | (f & (d | e)));
      f += b += ((g >>> 6 ^ g << 26 ^ g >>> 11 ^ g << 21 ^ g >>> 25 ^ g << 7) + (a ^ (g & (h ^ a))) + k[i + 14] + w14);
      b += (c >>> 2 ^ c << 30 ^ c >>> 13 ^ c << 19 ^ c >>> 22 ^ c << 10) + ((c & d) | (e & (c | d)));
      e += a += ((f >>> 6 ^ f << 26 ^ f >>> 11 ^ f << 21 ^ f >>> 25 ^ f << 7) + (h ^ (f & (g ^ h))) + k[i + 15] + w15);
      a += (b >>> 2 ^ b << 30 ^ b >>> 13 ^ b << 19 ^ b >>> 22 ^ b << 10) + ((b & c) | (d & (b | c)));
      if (i < 48) {
        // The next sixteen schedule words, in place, oldest slot first.
        w0 += (w14 >>> 17 ^ w14 << 15 ^ w14 >>> 19 ^ w14 << 13 ^ w14 >>> 10) + w9 + (w1 >>> 7 ^ w1 << 25 ^ w1 >>> 18 ^ w1 << 14 ^ w1 >>> 3);
        w1 += (w15 >>> 17 ^ w15 << 15 ^ w15 >>> 19 ^ w15 << 13 ^ w15 >>> 10) + w10 + (w2 >>> 7 ^ w2 << 25 ^ w2 >>> 18 ^ w2 << 14 ^ w2 >>> 3);
        w2 += (w0 >>> 17 ^ w0 << 15 ^ w0 >>> 19 ^ w0 << 13 ^ w0 >>> 10) + w11 + (w3 >>> 7 ^ w3 << 25 ^ w3 >>> 18 ^ w3 << 14 ^ w3 >>> 3);
        w3 += (w1 >>> 17 ^ w1 << 15 ^ w1 >>> 19 ^ w1 << 13 ^ w1 >>> 10) + w12 + (w4 >>> 7 ^ w4 << 25 ^ w4 >>> 18 ^ w4 << 14 ^ w4 >>> 3);
        w4 += (w2 >>> 17 ^ w2 << 15 ^ w2 >>> 19 ^ w2 << 13 ^ w2 >>> 10) + w13 + (w5 >>> 7 ^ w5 << 25 ^ w5 >>> 18 ^ w5 << 14 ^ w5 >>> 3);
        w5 += (w3 >>> 17 ^ w3 << 15 ^ w3 >>> 19 ^ w3 << 13 ^ w3 >>> 10) + w14 + (w6 >>> 7 ^ w6 << 25 ^ w6 >>> 18 ^ w6 << 14 ^ w6 >>> 3);
        w6 += (w4 >>> 17 ^ w4 << 15 ^ w4 >>> 19 ^ w4 << 13 ^ w4 >>> 10) + w15 + (w7 >>> 7 ^ w7 << 25 ^ w7 >>> 18 ^ w7 << 14 ^ w7 >>> 3);
        w7 += (w5 >>> 17 ^ w5 << 15 ^ w5 >>> 19 ^ w5 << 13 ^ w5 >>> 10) + w0 + (w8 >>> 7 ^ w8 << 25 ^ w8 >>> 18 ^ w8 << 14 ^ w8 >>> 3);
        w8 += (w6 >>> 17 ^ w6 << 15 ^ w6 >>> 19 ^ w6 << 13 ^ w6 >>> 10) + w1 + (w9 >>> 7 ^ w9 << 25 ^ w9 >>> 18 ^ w9 << 14 ^ w9 >>> 3);
        w9 += (w7 >>> 17 ^ w7 << 15 ^ w7 >>> 19 ^ w7 << 13 ^ w7 >>> 10) + w2 + (w10 >>> 7 ^ w10 << 25 ^ w10 >>> 18 ^ w10 << 14 ^ w10 >>> 3);
        w10 += (w8 >>> 17 ^ w8 << 15 ^ w8 >>> 19 ^ w8 << 13 ^ w8 >>> 10) + w3 + (w11 >>> 7 ^ w11 << 25 ^ w11 >>> 18 ^ w11 << 14 ^ w11 >>> 3);
        w11 += (w9 >>> 17 ^ w9 << 15 ^ w9 >>> 19 ^ w9 << 13 ^ w9 >>> 10) + w4 + (w12 >>> 7 ^ w12 << 25 ^ w12 >>> 18 ^ w12 << 14 ^ w12 >>> 3);
        w12 += (w10 >>> 17 ^ w10 << 15 ^ w10 >>> 19 ^ w10 << 13 ^ w10 >>> 10) + w5 + (w13 >>> 7 ^ w13 << 25 ^ w13 >>> 18 ^ w13 << 14 ^ w13 >>> 3);
        w13 += (w11 >>> 17 ^ w11 << 15 ^ w11 >>> 19 ^ w11 << 13 ^ w11 >>> 10) + w6 + (w14 >>> 7 ^ w14 << 25 ^ w14 >>> 18 ^ w14 << 14 ^ w14 >>> 3);
        w14 += (w12 >>> 17 ^ w12 << 15 ^ w12 >>> 19 ^ w12 << 13 ^ w12 >>> 10) + w7 + (w15 >>> 7 ^ w15 << 25 ^ w15 >>> 18 ^ w15 << 14 ^ w15 >>> 3);
        w15 += (w13 >>> 17 ^ w13 << 15 ^ w13 >>> 19 ^ w13 << 13 ^ w13 >>> 10) + w8 + (w0 >>> 7 ^ w0 << 25 ^ w0 >>> 18 ^ w0 << 14 ^ w0 >>> 3);
      }
    }
    s[0] += a;
    s[1] += b;
    s[2] += c;
    s[3] += d;
    s[4] += e;
    s[5] += f;
    s[6] += g;
    s[7] += h;
  };
  const block = function (state: Int32Array, m: Uint8Array, p: number): void {
    bytes.set(m.subarray(p, p + 64));
    bytes.reverse();
    s = state;
    compress();
  };

  made = withFinish({
    blockLen: 64,
    outLen: 32,
    init: function () {
      return new Int32Array(IV);
    },
    block: block,
  } as PureHash);
  return made;
};
