// @part pure
/**
 * SHA-512 and SHA-384 (FIPS 180-4) on 32-bit halves: no BigInt on the device.
 *
 * A 64-bit word is a (hi, lo) pair of int32s. Sums of lows are taken as
 * unsigned doubles (`x >>> 0`, exact below 2^53) and the carry is the part
 * above 2^32. Only used where the board has no native SHA-512 (Espruino
 * Pico, Raspberry Pi Pico, Puck.js), so it favours small code over speed.
 */
import { sha2Constants } from './constants';
import { PureHash, withFinish } from './hash';

let made: PureHash[] = [];

/**
 * SHA-512 (or SHA-384 when `is384`), built on first use: nothing here exists
 * until a board without native SHA-512 needs it.
 */
export const pureSha512 = function (is384: boolean): PureHash {
  const n = is384 ? 1 : 0;
  if (made[n]) return made[n];
  const K = sha2Constants();
  const W = new Int32Array(160);
  const X = 0x100000000;
  // Where the initial value starts in the constants table.
  const iv = is384 ? 176 : 160;

  const add = function (s: Int32Array, i: number, h: number, l: number): void {
    const lo = (s[i + 1] >>> 0) + (l >>> 0);
    s[i] = s[i] + h + ((lo / X) | 0);
    s[i + 1] = lo;
  };

  const block = function (s: Int32Array, m: Uint8Array, p: number): void {
    const k = K;
    const w = W;
    let i: number, xh: number, xl: number, yh: number, yl: number, l: number, th: number, tl: number;
    for (i = 0; i < 32; i++) {
      w[i] = (m[p] << 24) | (m[p + 1] << 16) | (m[p + 2] << 8) | m[p + 3];
      p += 4;
    }
    for (i = 32; i < 160; i += 2) {
      // w[t] = σ1(w[t-2]) + w[t-7] + σ0(w[t-15]) + w[t-16]
      xh = w[i - 4];
      xl = w[i - 3];
      yh = w[i - 30];
      yl = w[i - 29];
      l =
        ((((xl >>> 19) | (xh << 13)) ^ ((xh >>> 29) | (xl << 3)) ^ ((xl >>> 6) | (xh << 26))) >>> 0) +
        (w[i - 13] >>> 0) +
        ((((yl >>> 1) | (yh << 31)) ^ ((yl >>> 8) | (yh << 24)) ^ ((yl >>> 7) | (yh << 25))) >>> 0) +
        (w[i - 31] >>> 0);
      w[i] =
        (((xh >>> 19) | (xl << 13)) ^ ((xl >>> 29) | (xh << 3)) ^ (xh >>> 6)) +
        w[i - 14] +
        (((yh >>> 1) | (yl << 31)) ^ ((yh >>> 8) | (yl << 24)) ^ (yh >>> 7)) +
        w[i - 32] +
        ((l / X) | 0);
      w[i + 1] = l | 0;
    }
    let ah = s[0], al = s[1], bh = s[2], bl = s[3], ch = s[4], cl = s[5], dh = s[6], dl = s[7];
    let eh = s[8], el = s[9], fh = s[10], fl = s[11], gh = s[12], gl = s[13], hh = s[14], hl = s[15];
    for (i = 0; i < 160; i += 2) {
      // t1 = h + Σ1(e) + Ch(e, f, g) + k[t] + w[t]
      l =
        (hl >>> 0) +
        ((((el >>> 14) | (eh << 18)) ^ ((el >>> 18) | (eh << 14)) ^ ((eh >>> 9) | (el << 23))) >>> 0) +
        ((gl ^ (el & (fl ^ gl))) >>> 0) +
        (k[i + 1] >>> 0) +
        (w[i + 1] >>> 0);
      th =
        (hh +
          (((eh >>> 14) | (el << 18)) ^ ((eh >>> 18) | (el << 14)) ^ ((el >>> 9) | (eh << 23))) +
          (gh ^ (eh & (fh ^ gh))) +
          k[i] +
          w[i] +
          ((l / X) | 0)) |
        0;
      tl = l | 0;
      hh = gh; hl = gl; gh = fh; gl = fl; fh = eh; fl = el;
      // e = d + t1
      l = (dl >>> 0) + (tl >>> 0);
      eh = (dh + th + ((l / X) | 0)) | 0;
      el = l | 0;
      dh = ch; dl = cl; ch = bh; cl = bl; bh = ah; bl = al;
      // a = t1 + Σ0(a) + Maj(a, b, c), with the old a now in b
      l =
        (tl >>> 0) +
        ((((bl >>> 28) | (bh << 4)) ^ ((bh >>> 2) | (bl << 30)) ^ ((bh >>> 7) | (bl << 25))) >>> 0) +
        (((bl & cl) | (dl & (bl | cl))) >>> 0);
      ah =
        (th +
          (((bh >>> 28) | (bl << 4)) ^ ((bl >>> 2) | (bh << 30)) ^ ((bl >>> 7) | (bh << 25))) +
          ((bh & ch) | (dh & (bh | ch))) +
          ((l / X) | 0)) |
        0;
      al = l | 0;
    }
    add(s, 0, ah, al);
    add(s, 2, bh, bl);
    add(s, 4, ch, cl);
    add(s, 6, dh, dl);
    add(s, 8, eh, el);
    add(s, 10, fh, fl);
    add(s, 12, gh, gl);
    add(s, 14, hh, hl);
  };

  made[n] = withFinish({
    blockLen: 128,
    outLen: is384 ? 48 : 64,
    init: function () {
      return new Int32Array(K.subarray(iv, iv + 16));
    },
    block: block,
  } as PureHash);
  return made[n];
};
