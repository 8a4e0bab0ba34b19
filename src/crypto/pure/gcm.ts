/**
 * GCM (NIST SP 800-38D) over any AES block backend: CTR keystream from ECB
 * encryptions of counter blocks, and GHASH in TypeScript.
 *
 * The block cipher is passed in (the adapter's raw AES: the board's native
 * AES in ECB mode where it has one, the pure AES elsewhere), and it is called
 * on many counter blocks at once: one native call encrypts E(0) (the hash
 * key H), E(J0) (the tag mask) and the first keystream blocks together.
 *
 * GHASH uses Shoup's 4-bit tables, made per call from H: the 16 multiples
 * n·H in four word columns plus the reduction constant of each nibble shifted
 * out, 80 Int32 values (320 bytes). Words are big-endian (the specification's
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
 * Shoup's table for H = `h[o..o+16)`: `t[16j + n]` is word j of n·H (n a
 * nibble read in GCM's bit order: 8 is H itself, 4 is H·x, 2 H·x², 1 H·x³),
 * and `t[64 + r]` the word XORed into the top when the nibble r is shifted
 * out of a 4-bit right shift (x^128 = x^7 + x^2 + x + 1).
 */
export const ghashTables = function (h: Uint8Array, o: number): Int32Array {
  const t = new Int32Array(80);
  let a0 = (h[o] << 24) | (h[o + 1] << 16) | (h[o + 2] << 8) | h[o + 3];
  let a1 = (h[o + 4] << 24) | (h[o + 5] << 16) | (h[o + 6] << 8) | h[o + 7];
  let a2 = (h[o + 8] << 24) | (h[o + 9] << 16) | (h[o + 10] << 8) | h[o + 11];
  let a3 = (h[o + 12] << 24) | (h[o + 13] << 16) | (h[o + 14] << 8) | h[o + 15];
  // 0xe1000000 as a signed 32-bit literal: a larger literal is a float on the device.
  let r = -0x1f000000;
  for (let i = 8; i > 0; i >>= 1) {
    t[i] = a0;
    t[16 + i] = a1;
    t[32 + i] = a2;
    t[48 + i] = a3;
    t[64 + i] = r;
    // Times x: one bit right, reducing the bit that falls off.
    const m = a3 & 1 ? -0x1f000000 : 0;
    a3 = (a3 >>> 1) | (a2 << 31);
    a2 = (a2 >>> 1) | (a1 << 31);
    a1 = (a1 >>> 1) | (a0 << 31);
    a0 = (a0 >>> 1) ^ m;
    r >>>= 1;
  }
  // The other multiples are sums: (i + j)·H = i·H ^ j·H for j < i, i a power of two.
  for (let i = 2; i < 16; i <<= 1) {
    for (let j = 1; j < i; j++) {
      for (let c = 0; c < 80; c += 16) t[c + i + j] = t[c + i] ^ t[c + j];
    }
  }
  return t;
};

/** y = GHASH update of the state `y` (4 words) with `d`, its last block padded with zeros. */
export const ghashUpdate = function (t: Int32Array, y: Int32Array, d: Uint8Array): void {
  let z0 = y[0];
  let z1 = y[1];
  let z2 = y[2];
  let z3 = y[3];
  const n = d.length;
  for (let p = 0; p < n; p += 16) {
    let s = d;
    let q = p;
    if (n - p < 16) {
      s = new Uint8Array(16);
      s.set(d.subarray(p));
      q = 0;
    }
    // X = Y ^ block; then Z = X·H by Horner's rule over X's 32 nibbles, the
    // highest powers (the last nibble) first: Z = Z·x^4 ^ nibble·H.
    const x0 = z0 ^ ((s[q] << 24) | (s[q + 1] << 16) | (s[q + 2] << 8) | s[q + 3]);
    const x1 = z1 ^ ((s[q + 4] << 24) | (s[q + 5] << 16) | (s[q + 6] << 8) | s[q + 7]);
    const x2 = z2 ^ ((s[q + 8] << 24) | (s[q + 9] << 16) | (s[q + 10] << 8) | s[q + 11]);
    let w = z3 ^ ((s[q + 12] << 24) | (s[q + 13] << 16) | (s[q + 14] << 8) | s[q + 15]);
    z0 = z1 = z2 = z3 = 0;
    for (let k = 0; k < 32; k++) {
      if (k === 8) w = x2;
      else if (k === 16) w = x1;
      else if (k === 24) w = x0;
      const b = w & 15;
      const r = z3 & 15;
      w >>>= 4;
      z3 = ((z3 >>> 4) | (z2 << 28)) ^ t[48 + b];
      z2 = ((z2 >>> 4) | (z1 << 28)) ^ t[32 + b];
      z1 = ((z1 >>> 4) | (z0 << 28)) ^ t[16 + b];
      z0 = (z0 >>> 4) ^ t[64 + r] ^ t[b];
    }
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
  for (let i = 0; i < 16; i++) len[i] = ((y[i >> 2] >>> (24 - ((i & 3) << 3))) & 255) ^ (mask ? mask[mo + i] : 0);
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
 * GCM encryption (or, with `decrypt`, decryption) of `input` under `key`
 * from the counter block `j0`: [output, tag]. The tag is over the
 * ciphertext: `input` when decrypting, which the caller then compares.
 */
export const gcmCrypt = function (aes: RawAes, key: Uint8Array, j0: Uint8Array, input: Uint8Array, aad: Uint8Array, decrypt: boolean): Uint8Array[] {
  const n = input.length;
  const out = new Uint8Array(n);
  out.set(input);
  // Whole words of the output XORed at once: `out` is new, so word-aligned.
  const o32 = new Uint32Array(out.buffer, 0, n >> 2);
  let c = (j0[12] << 24) | (j0[13] << 16) | (j0[14] << 8) | j0[15];
  // E(0) = H and E(J0), from the first batch.
  let hk: Uint8Array | undefined;
  let p = 0;
  while (p < n || !hk) {
    // At most 32 keystream blocks (512 bytes) per call: bounded memory on the device.
    let blocks = (n - p + 15) >> 4;
    if (blocks > 32) blocks = 32;
    const first = hk ? 0 : 32;
    const buf = new Uint8Array(first + (blocks << 4));
    if (first) buf.set(j0, 16);
    for (let q = first; q < buf.length; q += 16) {
      // inc32: the low word counts modulo 2^32.
      c = (c + 1) | 0;
      buf.set(j0, q);
      buf[q + 12] = c >>> 24;
      buf[q + 13] = (c >>> 16) & 255;
      buf[q + 14] = (c >>> 8) & 255;
      buf[q + 15] = c & 255;
    }
    const ks = aes(false, key, null, buf);
    if (!hk) hk = ks;
    let end = p + (blocks << 4);
    if (end > n) end = n;
    // The raw AES returns new arrays (offset 0): word views are aligned.
    const k32 = new Uint32Array(ks.buffer, ks.byteOffset + first, blocks << 2);
    const w0 = p >> 2;
    const we = end >> 2;
    for (let i = w0; i < we; i++) o32[i] ^= k32[i - w0];
    for (let i = we << 2; i < end; i++) out[i] ^= ks[first + i - p];
    p = end;
  }
  const tag = ghashAll(ghashTables(hk, 0), aad, decrypt ? input : out, hk, 16);
  return [out, tag];
};
