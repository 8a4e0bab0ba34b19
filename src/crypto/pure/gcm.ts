// @part jwe needs crypto, sign
/**
 * GCM (NIST SP 800-38D) over any AES block backend: the CTR keystream from
 * ECB encryptions of counter blocks, GHASH in TypeScript.
 *
 * The block cipher is passed in (the adapter's raw AES: the board's native
 * AES in ECB mode where it has one, the pure AES elsewhere) and called on
 * many counter blocks at once: one native call encrypts E(0) (the hash key
 * H), E(J0) (the tag mask) and the first keystream blocks together.
 *
 * GHASH uses Shoup's 4-bit tables, made per call from H (512 bytes; the
 * 8-bit tables would be 4 KB), one byte of input per step. Words are
 * big-endian (the specification's bit order: the first byte holds the lowest
 * powers of x). Every value stays a signed 32-bit integer: Int32Array tables
 * (a Uint32Array element above 2^31 reads as a float on the device), `>>>`
 * only where the result is below 2^31, no Math.imul (the device has none).
 *
 * Device costs (Espruino interpreter): GHASH is ~94% of a call with native
 * AES, about 3.1 million host instructions per 16-byte block on the Linux
 * build, i.e. ~35 interpreted operations per byte. This file is GCM-only
 * and belongs to a lazily loaded part: its top level holds only two function
 * declarations (each function object costs ~10 JsVars while the part is
 * loaded), which is why GHASH is one function.
 */

/** The adapter's raw AES (src/crypto/index.ts `rawAes`): ECB over whole blocks when `iv` is null. */
export type RawAes = (decrypt: boolean, key: Uint8Array, iv: Uint8Array | null, data: Uint8Array) => Uint8Array;

/**
 * GHASH under H = `hk[0..16)` of `a` and `c` (each zero-padded to whole
 * blocks) and their bit lengths, XORed with `mask[mo..mo+16)` when given:
 * the tag (`a` the AAD, `c` the ciphertext, the mask E(J0)), or J0 from an IV
 * of another length than 96 bits (`a` empty, `c` the IV, no mask).
 */
export const ghash = function (hk: Uint8Array, a: Uint8Array, c: Uint8Array, mask: Uint8Array | null, mo: number): Uint8Array {
  // The hottest names first: the interpreter finds a local by a linear search
  // through the function's variables, in the order they were created.
  let z3 = (hk[12] << 24) | (hk[13] << 16) | (hk[14] << 8) | hk[15];
  let z2 = (hk[8] << 24) | (hk[9] << 16) | (hk[10] << 8) | hk[11];
  let z1 = (hk[4] << 24) | (hk[5] << 16) | (hk[6] << 8) | hk[7];
  let z0 = (hk[0] << 24) | (hk[1] << 16) | (hk[2] << 8) | hk[3];
  let h: number, l: number, r: number;
  // Shoup's tables: each byte of X is two nibbles in GCM's bit order (8 is
  // the lowest power), its high nibble n adding n·H, its low nibble n·H·x^4.
  // Word j (big-endian) of n·H is aj[n], of n·H·x^4 bj[n]: eight views of
  // one Int32Array (a view costs one JsVar on the device).
  const t = new Int32Array(128);
  const a3 = t.subarray(48, 64), b3 = t.subarray(112, 128), a2 = t.subarray(32, 48), b2 = t.subarray(96, 112);
  const a1 = t.subarray(16, 32), b1 = t.subarray(80, 96), a0 = t.subarray(0, 16), b0 = t.subarray(64, 80);
  // H·x^s for s = 0..7: entries 8, 4, 2, 1 of the high-nibble tables, then of the low-nibble ones.
  for (let s = 0; s < 8; s++) {
    h = (s < 4 ? 0 : 64) + (8 >> (s & 3));
    t[h] = z0;
    t[16 + h] = z1;
    t[32 + h] = z2;
    t[48 + h] = z3;
    // Times x: one bit right, reducing the bit that falls off (x^128 =
    // x^7 + x^2 + x + 1: 0xe1 in the top byte, here as a signed 32-bit
    // literal, because a larger one is a float on the device).
    r = z3 & 1 ? -0x1f000000 : 0;
    z3 = (z3 >>> 1) | (z2 << 31);
    z2 = (z2 >>> 1) | (z1 << 31);
    z1 = (z1 >>> 1) | (z0 << 31);
    z0 = (z0 >>> 1) ^ r;
  }
  // The other entries are sums: (i + j)·V = i·V ^ j·V for j < i, i a power of two.
  for (let i = 2; i < 16; i <<= 1) {
    for (let j = 1; j < i; j++) {
      const k = i + j;
      a0[k] = a0[i] ^ a0[j];
      a1[k] = a1[i] ^ a1[j];
      a2[k] = a2[i] ^ a2[j];
      a3[k] = a3[i] ^ a3[j];
      b0[k] = b0[i] ^ b0[j];
      b1[k] = b1[i] ^ b1[j];
      b2[k] = b2[i] ^ b2[j];
      b3[k] = b3[i] ^ b3[j];
    }
  }
  // The last block: [len(A)]64 || [len(C)]64 in bits.
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
  // Y = (Y ^ block)·H over a, c and the length block. Per block, Z = X·H by
  // Horner's rule over the 16 bytes of X, the last byte (highest powers)
  // first: Z = Z·x^8 ^ byte·H, written out for all 16 bytes. Z·x^8 is a right
  // shift by 8; the byte r shifted out is reduced without a table: r·x^128 =
  // r·(x^7 + x^2 + x + 1) lands in the top word as r ^ r>>>1 ^ r>>>2 ^ r>>>7
  // (with r at the top). Measured on the interpreter: ~10% fewer instructions
  // than a loop over the words with a reduction table.
  z0 = z1 = z2 = z3 = 0;
  for (let part = 0; part < 3; part++) {
    const d = part === 0 ? a : part === 1 ? c : len;
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
  }
  // The result, big-endian, XORed with the mask (a zero block when none).
  const m = mask || new Uint8Array(16);
  len[0] = (z0 >>> 24) ^ m[mo];
  len[1] = ((z0 >>> 16) & 255) ^ m[mo + 1];
  len[2] = ((z0 >>> 8) & 255) ^ m[mo + 2];
  len[3] = (z0 & 255) ^ m[mo + 3];
  len[4] = (z1 >>> 24) ^ m[mo + 4];
  len[5] = ((z1 >>> 16) & 255) ^ m[mo + 5];
  len[6] = ((z1 >>> 8) & 255) ^ m[mo + 6];
  len[7] = (z1 & 255) ^ m[mo + 7];
  len[8] = (z2 >>> 24) ^ m[mo + 8];
  len[9] = ((z2 >>> 16) & 255) ^ m[mo + 9];
  len[10] = ((z2 >>> 8) & 255) ^ m[mo + 10];
  len[11] = (z2 & 255) ^ m[mo + 11];
  len[12] = (z3 >>> 24) ^ m[mo + 12];
  len[13] = ((z3 >>> 16) & 255) ^ m[mo + 13];
  len[14] = ((z3 >>> 8) & 255) ^ m[mo + 14];
  len[15] = (z3 & 255) ^ m[mo + 15];
  return len;
};

/**
 * GCTR from the counter block `j0`: `input` XORed with E(inc32^i(J0)),
 * i = 1, 2, ...; returns [output, E(0) || E(J0)]: H and the tag mask come from
 * the same calls to the block cipher, 16 blocks (256 bytes) per call. Its own
 * function so that the counter and keystream buffers are released before
 * GHASH runs (the peak of a call on the device).
 */
export const gcmCtr = function (aes: RawAes, key: Uint8Array, j0: Uint8Array, input: Uint8Array): Uint8Array[] {
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
