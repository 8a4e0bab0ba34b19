/**
 * GCM (NIST SP 800-38D) over any AES block backend: CTR keystream from ECB
 * encryptions of counter blocks, and GHASH in TypeScript.
 *
 * The block cipher is passed in (the adapter's raw AES: the board's native
 * AES in ECB mode where it has one, the pure AES elsewhere), and it is called
 * on many counter blocks at once: one native call encrypts E(0) (the hash
 * key H), E(J0) (the tag mask) and the first keystream blocks together.
 *
 * GHASH uses Shoup's 4-bit tables, made per call from H (512 bytes, see
 * ghashTables), a byte of input per step. Words are big-endian (the specification's
 * bit order: the first byte holds the lowest powers of x); every value stays
 * a signed 32-bit integer (Int32Array, `>>>` only by 1..8 bits), because the
 * interpreter stores anything larger as a float and has no Math.imul.
 *
 * This file is GCM-only: it belongs to a lazily loaded part, so its top
 * level holds only function declarations.
 */

/** The adapter's raw AES (src/crypto/index.ts `rawAes`): ECB over whole blocks when `iv` is null. */
export type RawAes = (decrypt: boolean, key: Uint8Array, iv: Uint8Array | null, data: Uint8Array) => Uint8Array;

/**
 * Shoup's 4-bit tables for H = `h[o..o+16)`, for GHASH a byte at a time: each
 * byte of X is two nibbles read in GCM's bit order (8 is the lowest power),
 * its high nibble n adding n·H and its low nibble n·H·x^4. One
 * Int32Array(128) (512 bytes; the 8-bit tables would be 4 KB): word j
 * (big-endian) of n·H is `t[16j + n]`, of n·H·x^4 `t[64 + 16j + n]`.
 */
export const ghashTables = function (h: Uint8Array, o: number): Int32Array {
  const t = new Int32Array(128);
  let a0 = (h[o] << 24) | (h[o + 1] << 16) | (h[o + 2] << 8) | h[o + 3];
  let a1 = (h[o + 4] << 24) | (h[o + 5] << 16) | (h[o + 6] << 8) | h[o + 7];
  let a2 = (h[o + 8] << 24) | (h[o + 9] << 16) | (h[o + 10] << 8) | h[o + 11];
  let a3 = (h[o + 12] << 24) | (h[o + 13] << 16) | (h[o + 14] << 8) | h[o + 15];
  // H·x^s for s = 0..7: entries 8, 4, 2, 1 of the high-nibble table, then of the low-nibble one.
  for (let s = 0; s < 8; s++) {
    const i = (s < 4 ? 0 : 64) + (8 >> (s & 3));
    t[i] = a0;
    t[16 + i] = a1;
    t[32 + i] = a2;
    t[48 + i] = a3;
    // Times x: one bit right, reducing the bit that falls off (x^128 =
    // x^7 + x^2 + x + 1, i.e. 0xe1 in the top byte; written as a signed
    // 32-bit literal, because a larger one is a float on the device).
    const m = a3 & 1 ? -0x1f000000 : 0;
    a3 = (a3 >>> 1) | (a2 << 31);
    a2 = (a2 >>> 1) | (a1 << 31);
    a1 = (a1 >>> 1) | (a0 << 31);
    a0 = (a0 >>> 1) ^ m;
  }
  // The other entries are sums: (i + j)·V = i·V ^ j·V for j < i, i a power of two.
  // Through views (a view costs one JsVar on the device), fewer index sums.
  const c0 = t.subarray(0, 16), c1 = t.subarray(16, 32), c2 = t.subarray(32, 48), c3 = t.subarray(48, 64);
  const c4 = t.subarray(64, 80), c5 = t.subarray(80, 96), c6 = t.subarray(96, 112), c7 = t.subarray(112, 128);
  for (let i = 2; i < 16; i <<= 1) {
    for (let j = 1; j < i; j++) {
      const k = i + j;
      c0[k] = c0[i] ^ c0[j];
      c1[k] = c1[i] ^ c1[j];
      c2[k] = c2[i] ^ c2[j];
      c3[k] = c3[i] ^ c3[j];
      c4[k] = c4[i] ^ c4[j];
      c5[k] = c5[i] ^ c5[j];
      c6[k] = c6[i] ^ c6[j];
      c7[k] = c7[i] ^ c7[j];
    }
  }
  return t;
};

/**
 * Updates the GHASH state `y` (4 words) with `d`, its last block padded with
 * zeros. The hot loop of GCM on the device, where each operation costs
 * microseconds: per block, Z = X·H by Horner's rule over the 16 bytes of
 * X = Y ^ block, the last byte (highest powers) first, Z = Z·x^8 ^ byte·H,
 * written out for all 16 bytes. Z·x^8 is a right shift by 8; the byte r
 * shifted out is reduced without a table: r·x^128 = r·(1 + x + x^2 + x^7)
 * lands in the top word as r ^ r>>>1 ^ r>>>2 ^ r>>>7 (with r at the top).
 * Measured on the interpreter: ~10% faster than the loop over the words
 * with a reduction table.
 */
export const ghashUpdate = function (t: Int32Array, y: Int32Array, d: Uint8Array): void {
  // The hottest names first: the interpreter finds a local by a linear search.
  let z3 = y[3], z2 = y[2], z1 = y[1], z0 = y[0], h: number, l: number, r: number;
  const a3 = t.subarray(48, 64), b3 = t.subarray(112, 128), a2 = t.subarray(32, 48), b2 = t.subarray(96, 112);
  const a1 = t.subarray(16, 32), b1 = t.subarray(80, 96), a0 = t.subarray(0, 16), b0 = t.subarray(64, 80);
  const n = d.length;
  let s = d;
  for (let p = 0; p < n; p += 16) {
    let q = p;
    if (n - p < 16) {
      s = new Uint8Array(16);
      s.set(d.subarray(p));
      q = 0;
    }
    const x0 = z0 ^ ((s[q] << 24) | (s[q + 1] << 16) | (s[q + 2] << 8) | s[q + 3]);
    const x1 = z1 ^ ((s[q + 4] << 24) | (s[q + 5] << 16) | (s[q + 6] << 8) | s[q + 7]);
    const x2 = z2 ^ ((s[q + 8] << 24) | (s[q + 9] << 16) | (s[q + 10] << 8) | s[q + 11]);
    const x3 = z3 ^ ((s[q + 12] << 24) | (s[q + 13] << 16) | (s[q + 14] << 8) | s[q + 15]);
    z0 = z1 = z2 = z3 = 0;
    // Bytes 15..12.
    h = (x3 >>> 4) & 15;
    l = x3 & 15;
    r = z3 << 24;
    z3 = ((z3 >>> 8) | (z2 << 24)) ^ a3[h] ^ b3[l];
    z2 = ((z2 >>> 8) | (z1 << 24)) ^ a2[h] ^ b2[l];
    z1 = ((z1 >>> 8) | (z0 << 24)) ^ a1[h] ^ b1[l];
    z0 = (z0 >>> 8) ^ r ^ (r >>> 1) ^ (r >>> 2) ^ (r >>> 7) ^ a0[h] ^ b0[l];
    h = (x3 >>> 12) & 15;
    l = (x3 >>> 8) & 15;
    r = z3 << 24;
    z3 = ((z3 >>> 8) | (z2 << 24)) ^ a3[h] ^ b3[l];
    z2 = ((z2 >>> 8) | (z1 << 24)) ^ a2[h] ^ b2[l];
    z1 = ((z1 >>> 8) | (z0 << 24)) ^ a1[h] ^ b1[l];
    z0 = (z0 >>> 8) ^ r ^ (r >>> 1) ^ (r >>> 2) ^ (r >>> 7) ^ a0[h] ^ b0[l];
    h = (x3 >>> 20) & 15;
    l = (x3 >>> 16) & 15;
    r = z3 << 24;
    z3 = ((z3 >>> 8) | (z2 << 24)) ^ a3[h] ^ b3[l];
    z2 = ((z2 >>> 8) | (z1 << 24)) ^ a2[h] ^ b2[l];
    z1 = ((z1 >>> 8) | (z0 << 24)) ^ a1[h] ^ b1[l];
    z0 = (z0 >>> 8) ^ r ^ (r >>> 1) ^ (r >>> 2) ^ (r >>> 7) ^ a0[h] ^ b0[l];
    h = x3 >>> 28;
    l = (x3 >>> 24) & 15;
    r = z3 << 24;
    z3 = ((z3 >>> 8) | (z2 << 24)) ^ a3[h] ^ b3[l];
    z2 = ((z2 >>> 8) | (z1 << 24)) ^ a2[h] ^ b2[l];
    z1 = ((z1 >>> 8) | (z0 << 24)) ^ a1[h] ^ b1[l];
    z0 = (z0 >>> 8) ^ r ^ (r >>> 1) ^ (r >>> 2) ^ (r >>> 7) ^ a0[h] ^ b0[l];
    // Bytes 11..8.
    h = (x2 >>> 4) & 15;
    l = x2 & 15;
    r = z3 << 24;
    z3 = ((z3 >>> 8) | (z2 << 24)) ^ a3[h] ^ b3[l];
    z2 = ((z2 >>> 8) | (z1 << 24)) ^ a2[h] ^ b2[l];
    z1 = ((z1 >>> 8) | (z0 << 24)) ^ a1[h] ^ b1[l];
    z0 = (z0 >>> 8) ^ r ^ (r >>> 1) ^ (r >>> 2) ^ (r >>> 7) ^ a0[h] ^ b0[l];
    h = (x2 >>> 12) & 15;
    l = (x2 >>> 8) & 15;
    r = z3 << 24;
    z3 = ((z3 >>> 8) | (z2 << 24)) ^ a3[h] ^ b3[l];
    z2 = ((z2 >>> 8) | (z1 << 24)) ^ a2[h] ^ b2[l];
    z1 = ((z1 >>> 8) | (z0 << 24)) ^ a1[h] ^ b1[l];
    z0 = (z0 >>> 8) ^ r ^ (r >>> 1) ^ (r >>> 2) ^ (r >>> 7) ^ a0[h] ^ b0[l];
    h = (x2 >>> 20) & 15;
    l = (x2 >>> 16) & 15;
    r = z3 << 24;
    z3 = ((z3 >>> 8) | (z2 << 24)) ^ a3[h] ^ b3[l];
    z2 = ((z2 >>> 8) | (z1 << 24)) ^ a2[h] ^ b2[l];
    z1 = ((z1 >>> 8) | (z0 << 24)) ^ a1[h] ^ b1[l];
    z0 = (z0 >>> 8) ^ r ^ (r >>> 1) ^ (r >>> 2) ^ (r >>> 7) ^ a0[h] ^ b0[l];
    h = x2 >>> 28;
    l = (x2 >>> 24) & 15;
    r = z3 << 24;
    z3 = ((z3 >>> 8) | (z2 << 24)) ^ a3[h] ^ b3[l];
    z2 = ((z2 >>> 8) | (z1 << 24)) ^ a2[h] ^ b2[l];
    z1 = ((z1 >>> 8) | (z0 << 24)) ^ a1[h] ^ b1[l];
    z0 = (z0 >>> 8) ^ r ^ (r >>> 1) ^ (r >>> 2) ^ (r >>> 7) ^ a0[h] ^ b0[l];
    // Bytes 7..4.
    h = (x1 >>> 4) & 15;
    l = x1 & 15;
    r = z3 << 24;
    z3 = ((z3 >>> 8) | (z2 << 24)) ^ a3[h] ^ b3[l];
    z2 = ((z2 >>> 8) | (z1 << 24)) ^ a2[h] ^ b2[l];
    z1 = ((z1 >>> 8) | (z0 << 24)) ^ a1[h] ^ b1[l];
    z0 = (z0 >>> 8) ^ r ^ (r >>> 1) ^ (r >>> 2) ^ (r >>> 7) ^ a0[h] ^ b0[l];
    h = (x1 >>> 12) & 15;
    l = (x1 >>> 8) & 15;
    r = z3 << 24;
    z3 = ((z3 >>> 8) | (z2 << 24)) ^ a3[h] ^ b3[l];
    z2 = ((z2 >>> 8) | (z1 << 24)) ^ a2[h] ^ b2[l];
    z1 = ((z1 >>> 8) | (z0 << 24)) ^ a1[h] ^ b1[l];
    z0 = (z0 >>> 8) ^ r ^ (r >>> 1) ^ (r >>> 2) ^ (r >>> 7) ^ a0[h] ^ b0[l];
    h = (x1 >>> 20) & 15;
    l = (x1 >>> 16) & 15;
    r = z3 << 24;
    z3 = ((z3 >>> 8) | (z2 << 24)) ^ a3[h] ^ b3[l];
    z2 = ((z2 >>> 8) | (z1 << 24)) ^ a2[h] ^ b2[l];
    z1 = ((z1 >>> 8) | (z0 << 24)) ^ a1[h] ^ b1[l];
    z0 = (z0 >>> 8) ^ r ^ (r >>> 1) ^ (r >>> 2) ^ (r >>> 7) ^ a0[h] ^ b0[l];
    h = x1 >>> 28;
    l = (x1 >>> 24) & 15;
    r = z3 << 24;
    z3 = ((z3 >>> 8) | (z2 << 24)) ^ a3[h] ^ b3[l];
    z2 = ((z2 >>> 8) | (z1 << 24)) ^ a2[h] ^ b2[l];
    z1 = ((z1 >>> 8) | (z0 << 24)) ^ a1[h] ^ b1[l];
    z0 = (z0 >>> 8) ^ r ^ (r >>> 1) ^ (r >>> 2) ^ (r >>> 7) ^ a0[h] ^ b0[l];
    // Bytes 3..0.
    h = (x0 >>> 4) & 15;
    l = x0 & 15;
    r = z3 << 24;
    z3 = ((z3 >>> 8) | (z2 << 24)) ^ a3[h] ^ b3[l];
    z2 = ((z2 >>> 8) | (z1 << 24)) ^ a2[h] ^ b2[l];
    z1 = ((z1 >>> 8) | (z0 << 24)) ^ a1[h] ^ b1[l];
    z0 = (z0 >>> 8) ^ r ^ (r >>> 1) ^ (r >>> 2) ^ (r >>> 7) ^ a0[h] ^ b0[l];
    h = (x0 >>> 12) & 15;
    l = (x0 >>> 8) & 15;
    r = z3 << 24;
    z3 = ((z3 >>> 8) | (z2 << 24)) ^ a3[h] ^ b3[l];
    z2 = ((z2 >>> 8) | (z1 << 24)) ^ a2[h] ^ b2[l];
    z1 = ((z1 >>> 8) | (z0 << 24)) ^ a1[h] ^ b1[l];
    z0 = (z0 >>> 8) ^ r ^ (r >>> 1) ^ (r >>> 2) ^ (r >>> 7) ^ a0[h] ^ b0[l];
    h = (x0 >>> 20) & 15;
    l = (x0 >>> 16) & 15;
    r = z3 << 24;
    z3 = ((z3 >>> 8) | (z2 << 24)) ^ a3[h] ^ b3[l];
    z2 = ((z2 >>> 8) | (z1 << 24)) ^ a2[h] ^ b2[l];
    z1 = ((z1 >>> 8) | (z0 << 24)) ^ a1[h] ^ b1[l];
    z0 = (z0 >>> 8) ^ r ^ (r >>> 1) ^ (r >>> 2) ^ (r >>> 7) ^ a0[h] ^ b0[l];
    h = x0 >>> 28;
    l = (x0 >>> 24) & 15;
    r = z3 << 24;
    z3 = ((z3 >>> 8) | (z2 << 24)) ^ a3[h] ^ b3[l];
    z2 = ((z2 >>> 8) | (z1 << 24)) ^ a2[h] ^ b2[l];
    z1 = ((z1 >>> 8) | (z0 << 24)) ^ a1[h] ^ b1[l];
    z0 = (z0 >>> 8) ^ r ^ (r >>> 1) ^ (r >>> 2) ^ (r >>> 7) ^ a0[h] ^ b0[l];
  }
  y[0] = z0;
  y[1] = z1;
  y[2] = z2;
  y[3] = z3;
};

/**
 * GHASH of `a` and `c` (each zero-padded to whole blocks) and their bit
 * lengths, XORed with `mask[mo..mo+16)` when given: the tag, or J0 from an
 * IV (which is GHASH with `a` empty and `c` the IV).
 */
export const ghashAll = function (t: Int32Array, a: Uint8Array, c: Uint8Array, mask: Uint8Array | null, mo: number): Uint8Array {
  const y = new Int32Array(4);
  ghashUpdate(t, y, a);
  ghashUpdate(t, y, c);
  // [len(A)]64 || [len(C)]64 in bits; lengths below 2^29 bytes have a zero high word.
  const len = new Uint8Array(16);
  const la = a.length;
  const lc = c.length;
  len[3] = (la / 0x20000000) & 255;
  len[4] = (la >>> 21) & 255;
  len[5] = (la >>> 13) & 255;
  len[6] = (la >>> 5) & 255;
  len[7] = (la << 3) & 255;
  len[11] = (lc / 0x20000000) & 255;
  len[12] = (lc >>> 21) & 255;
  len[13] = (lc >>> 13) & 255;
  len[14] = (lc >>> 5) & 255;
  len[15] = (lc << 3) & 255;
  ghashUpdate(t, y, len);
  // The result, big-endian, XORed with the mask (a zero block when none).
  const m = mask || new Uint8Array(16);
  let w = y[0];
  len[0] = (w >>> 24) ^ m[mo];
  len[1] = ((w >>> 16) & 255) ^ m[mo + 1];
  len[2] = ((w >>> 8) & 255) ^ m[mo + 2];
  len[3] = (w & 255) ^ m[mo + 3];
  w = y[1];
  len[4] = (w >>> 24) ^ m[mo + 4];
  len[5] = ((w >>> 16) & 255) ^ m[mo + 5];
  len[6] = ((w >>> 8) & 255) ^ m[mo + 6];
  len[7] = (w & 255) ^ m[mo + 7];
  w = y[2];
  len[8] = (w >>> 24) ^ m[mo + 8];
  len[9] = ((w >>> 16) & 255) ^ m[mo + 9];
  len[10] = ((w >>> 8) & 255) ^ m[mo + 10];
  len[11] = (w & 255) ^ m[mo + 11];
  w = y[3];
  len[12] = (w >>> 24) ^ m[mo + 12];
  len[13] = ((w >>> 16) & 255) ^ m[mo + 13];
  len[14] = ((w >>> 8) & 255) ^ m[mo + 14];
  len[15] = (w & 255) ^ m[mo + 15];
  return len;
};

/** J0, the first counter block: IV || 0^31 || 1 for a 96-bit IV, else GHASH(IV) as the specification says. */
export const gcmJ0 = function (aes: RawAes, key: Uint8Array, iv: Uint8Array): Uint8Array {
  if (iv.length !== 12) return ghashAll(ghashTables(aes(false, key, null, new Uint8Array(16)), 0), new Uint8Array(0), iv, null, 0);
  const j0 = new Uint8Array(16);
  j0.set(iv);
  j0[15] = 1;
  return j0;
};

/**
 * CTR: `input` XORed with E(inc32^i(J0)), i = 1, 2, ...: [output, E(0) || E(J0)]
 * (H and the tag mask come from the same native calls). Its own function so
 * that the counter and keystream buffers are released before GHASH runs (the
 * peak of a call on the device): 16 blocks per call to the block cipher,
 * 256 bytes.
 */
const gcmCtr = function (aes: RawAes, key: Uint8Array, j0: Uint8Array, input: Uint8Array): Uint8Array[] {
  const n = input.length;
  const out = new Uint8Array(n);
  out.set(input);
  const hk = new Uint8Array(32);
  let c = (j0[12] << 24) | (j0[13] << 16) | (j0[14] << 8) | j0[15];
  const cb = new Uint8Array(16);
  cb.set(j0);
  let first = 32;
  let p = 0;
  while (p < n || first) {
    let blocks = (n - p + 15) >> 4;
    if (blocks > 16) blocks = 16;
    // The first batch starts with the zero block (H) and J0.
    let buf: Uint8Array = new Uint8Array(first + (blocks << 4));
    if (first) buf.set(j0, 16);
    const e = buf.length;
    for (let q = first; q < e; q += 16) {
      // inc32: the low word counts modulo 2^32; `cb` is the current block,
      // whose upper counter bytes change only when the low byte wraps. A
      // Uint8Array store keeps the low 8 bits (so on the device too, checked).
      c = (c + 1) | 0;
      cb[15] = c;
      if (!(c & 255)) {
        cb[12] = c >>> 24;
        cb[13] = c >>> 16;
        cb[14] = c >>> 8;
      }
      buf.set(cb, q);
    }
    const ks = aes(false, key, null, buf);
    buf = ks;
    if (first) hk.set(ks.subarray(0, 32));
    let end = p + (blocks << 4);
    if (end > n) end = n;
    // Whole words at once: `out` and the raw AES results are new arrays
    // (offset 0), so the word views are aligned.
    const w = end >> 2;
    const m = w - (p >> 2);
    const o32 = new Uint32Array(out.buffer, p, m);
    const k32 = new Uint32Array(ks.buffer, ks.byteOffset + first, m);
    for (let i = 0; i < m; i++) o32[i] ^= k32[i];
    for (let i = w << 2; i < end; i++) out[i] ^= ks[first + i - p];
    p = end;
    first = 0;
  }
  return [out, hk];
};

/**
 * GCM encryption (or, with `decrypt`, decryption) of `input` under `key`
 * from the counter block `j0`: [output, tag]. The tag is over the
 * ciphertext: `input` when decrypting, which the caller then compares.
 */
export const gcmCrypt = function (aes: RawAes, key: Uint8Array, j0: Uint8Array, input: Uint8Array, aad: Uint8Array, decrypt: boolean): Uint8Array[] {
  const r = gcmCtr(aes, key, j0, input);
  r[1] = ghashAll(ghashTables(r[1], 0), aad, decrypt ? input : r[0], r[1], 16);
  return r;
};
