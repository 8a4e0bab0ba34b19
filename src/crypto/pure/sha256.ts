/**
 * SHA-256 (FIPS 180-4) in plain ES5 arithmetic, shaped for the Espruino
 * interpreter, which re-lexes source text as it runs: every token executed
 * costs time. So the compression keeps the eight working variables in locals,
 * rotations are written inline, the message schedule and constants live in
 * preallocated typed arrays (plain arrays are linked lists there), and
 * nothing is allocated per block.
 */
import { getK512 } from './constants';
import { finishBlocks, PureHash, stateToBytes } from './hash';

let K: Int32Array | undefined;
const W = new Int32Array(64);
const PAD = new Uint8Array(128);

const IV = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

const getK = function (): Int32Array {
  if (K) return K;
  const k512 = getK512();
  const k = new Int32Array(64);
  for (let i = 0; i < 64; i++) k[i] = k512[i * 2];
  K = k;
  return k;
};

const block = function (s: Int32Array, m: Uint8Array, p: number): void {
  const k = K || getK();
  const w = W;
  let i: number, t: number, u: number;
  for (i = 0; i < 16; i++) {
    w[i] = (m[p] << 24) | (m[p + 1] << 16) | (m[p + 2] << 8) | m[p + 3];
    p += 4;
  }
  for (i = 16; i < 64; i++) {
    t = w[i - 2];
    u = w[i - 15];
    w[i] = (((t >>> 17) | (t << 15)) ^ ((t >>> 19) | (t << 13)) ^ (t >>> 10)) + w[i - 7] + (((u >>> 7) | (u << 25)) ^ ((u >>> 18) | (u << 14)) ^ (u >>> 3)) + w[i - 16];
  }
  let a = s[0], b = s[1], c = s[2], d = s[3], e = s[4], f = s[5], g = s[6], h = s[7];
  for (i = 0; i < 64; i++) {
    t = (h + (((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7))) + (g ^ (e & (f ^ g))) + k[i] + w[i]) | 0;
    u = ((((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10))) + ((a & b) | (c & (a | b)))) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t) | 0;
    d = c;
    c = b;
    b = a;
    a = (t + u) | 0;
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

const makeSha256 = function (iv: number[], outLen: number): PureHash {
  const hash: PureHash = {
    blockLen: 64,
    outLen: outLen,
    init: function () {
      return new Int32Array(iv);
    },
    block: block,
    finish: function (state, data, prefixLen, out) {
      finishBlocks(hash, PAD, state, data, prefixLen);
      return stateToBytes(state, out);
    },
  };
  return hash;
};

export const pureSha256 = makeSha256(IV, 32);
