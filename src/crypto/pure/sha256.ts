/**
 * SHA-256 (FIPS 180-4) in plain ES5 arithmetic, shaped for the Espruino
 * interpreter, which re-lexes source text as it runs: every token executed
 * costs time. So the compression keeps the eight working variables in locals,
 * rotations are written inline, the message schedule and constants live in
 * preallocated typed arrays (plain arrays are linked lists there), and
 * nothing is allocated per block.
 */
import { sha2Constants } from './constants';
import { PureHash, withFinish } from './hash';

let made: PureHash | undefined;

/**
 * SHA-256, built on first use: round constants, initial value and message
 * schedule live in this closure, so nothing exists until a board needs it.
 */
export const pureSha256 = function (): PureHash {
  if (made) return made;
  const c = sha2Constants();
  const K = new Int32Array(64);
  const IV = new Int32Array(8);
  const W = new Int32Array(64);
  for (let i = 0; i < 64; i++) K[i] = c[i * 2];
  for (let i = 0; i < 8; i++) IV[i] = c[160 + i * 2];

  /**
   * One block. Measured on the Espruino interpreter (Linux build, RAM-loaded,
   * 5 blocks): the rotations written as flat XORs of shifts (the two halves of
   * a rotation share no bits, so `|` can be `^` and the parentheses go), eight
   * rounds per loop iteration with the variables' roles rotated instead of
   * shuffled (8 assignments fewer per round), and the working variables
   * declared first (Espruino looks names up in declaration order). A further
   * full unroll gained ~6% for 8x the code, so it was not taken.
   */
  const block = function (s: Int32Array, m: Uint8Array, p: number): void {
    let a = s[0], b = s[1], c = s[2], d = s[3], e = s[4], f = s[5], g = s[6], h = s[7];
    let i: number, t: number, u: number;
    const w = W;
    const k = K;
    for (i = 0; i < 16; i++) {
      w[i] = (m[p] << 24) | (m[p + 1] << 16) | (m[p + 2] << 8) | m[p + 3];
      p += 4;
    }
    for (i = 16; i < 64; i++) {
      t = w[i - 2];
      u = w[i - 15];
      w[i] = (t >>> 17 ^ t << 15 ^ t >>> 19 ^ t << 13 ^ t >>> 10) + w[i - 7] + (u >>> 7 ^ u << 25 ^ u >>> 18 ^ u << 14 ^ u >>> 3) + w[i - 16];
    }
    for (i = 0; i < 64; i += 8) {
      // Round j of these eight: a..h are the working variables rotated right by j.
        h = (h + (e >>> 6 ^ e << 26 ^ e >>> 11 ^ e << 21 ^ e >>> 25 ^ e << 7) + (g ^ (e & (f ^ g))) + k[i] + w[i]) | 0;
        d = (d + h) | 0;
        h = (h + (a >>> 2 ^ a << 30 ^ a >>> 13 ^ a << 19 ^ a >>> 22 ^ a << 10) + ((a & b) | (c & (a | b)))) | 0;
        g = (g + (d >>> 6 ^ d << 26 ^ d >>> 11 ^ d << 21 ^ d >>> 25 ^ d << 7) + (f ^ (d & (e ^ f))) + k[i + 1] + w[i + 1]) | 0;
        c = (c + g) | 0;
        g = (g + (h >>> 2 ^ h << 30 ^ h >>> 13 ^ h << 19 ^ h >>> 22 ^ h << 10) + ((h & a) | (b & (h | a)))) | 0;
        f = (f + (c >>> 6 ^ c << 26 ^ c >>> 11 ^ c << 21 ^ c >>> 25 ^ c << 7) + (e ^ (c & (d ^ e))) + k[i + 2] + w[i + 2]) | 0;
        b = (b + f) | 0;
        f = (f + (g >>> 2 ^ g << 30 ^ g >>> 13 ^ g << 19 ^ g >>> 22 ^ g << 10) + ((g & h) | (a & (g | h)))) | 0;
        e = (e + (b >>> 6 ^ b << 26 ^ b >>> 11 ^ b << 21 ^ b >>> 25 ^ b << 7) + (d ^ (b & (c ^ d))) + k[i + 3] + w[i + 3]) | 0;
        a = (a + e) | 0;
        e = (e + (f >>> 2 ^ f << 30 ^ f >>> 13 ^ f << 19 ^ f >>> 22 ^ f << 10) + ((f & g) | (h & (f | g)))) | 0;
        d = (d + (a >>> 6 ^ a << 26 ^ a >>> 11 ^ a << 21 ^ a >>> 25 ^ a << 7) + (c ^ (a & (b ^ c))) + k[i + 4] + w[i + 4]) | 0;
        h = (h + d) | 0;
        d = (d + (e >>> 2 ^ e << 30 ^ e >>> 13 ^ e << 19 ^ e >>> 22 ^ e << 10) + ((e & f) | (g & (e | f)))) | 0;
        c = (c + (h >>> 6 ^ h << 26 ^ h >>> 11 ^ h << 21 ^ h >>> 25 ^ h << 7) + (b ^ (h & (a ^ b))) + k[i + 5] + w[i + 5]) | 0;
        g = (g + c) | 0;
        c = (c + (d >>> 2 ^ d << 30 ^ d >>> 13 ^ d << 19 ^ d >>> 22 ^ d << 10) + ((d & e) | (f & (d | e)))) | 0;
        b = (b + (g >>> 6 ^ g << 26 ^ g >>> 11 ^ g << 21 ^ g >>> 25 ^ g << 7) + (a ^ (g & (h ^ a))) + k[i + 6] + w[i + 6]) | 0;
        f = (f + b) | 0;
        b = (b + (c >>> 2 ^ c << 30 ^ c >>> 13 ^ c << 19 ^ c >>> 22 ^ c << 10) + ((c & d) | (e & (c | d)))) | 0;
        a = (a + (f >>> 6 ^ f << 26 ^ f >>> 11 ^ f << 21 ^ f >>> 25 ^ f << 7) + (h ^ (f & (g ^ h))) + k[i + 7] + w[i + 7]) | 0;
        e = (e + a) | 0;
        a = (a + (b >>> 2 ^ b << 30 ^ b >>> 13 ^ b << 19 ^ b >>> 22 ^ b << 10) + ((b & c) | (d & (b | c)))) | 0;
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
