// @part pure
/**
 * AES (FIPS 197) block cipher, table-based, for boards without a native one
 * (Raspberry Pi Pico). The tables are computed on first use from GF(2^8)
 * arithmetic rather than stored as literals (smaller module), and only one
 * round table per direction is kept (1 KB each): the other three are its byte
 * rotations, done inline. Words are big-endian, as in the standard.
 *
 * Everything is made by `pureAes()` on first use: a board with native AES
 * never creates any of it (functions or tables).
 */

interface AesKey {
  rounds: number;
  enc: Int32Array;
  dec: Int32Array;
}

/** Raw AES over whole blocks: CBC (no padding) when `iv` is given, else ECB (GCM's counter blocks: many at once). */
export interface PureAes {
  cbc: (key: Uint8Array, iv: Uint8Array, data: Uint8Array, decrypt: boolean) => Uint8Array;
  ecb: (key: Uint8Array, decrypt: boolean, data: Uint8Array) => Uint8Array;
}

let made: PureAes | undefined;

export const pureAes = function (): PureAes {
  if (made) return made;
  const exp = new Uint8Array(256);
  const log = new Uint8Array(256);
  let x = 1;
  // 3 generates GF(2^8)*; x*3 = x ^ xtime(x).
  for (let i = 0; i < 255; i++) {
    exp[i] = x;
    log[x] = i;
    x ^= (x << 1) ^ (x & 0x80 ? 0x11b : 0);
  }
  const mul = function (a: number, b: number): number {
    return a && b ? exp[(log[a] + log[b]) % 255] : 0;
  };
  const SBOX = new Uint8Array(256);
  const INV = new Uint8Array(256);
  const TE = new Int32Array(256);
  const TD = new Int32Array(256);
  for (let i = 0; i < 256; i++) {
    const v = i ? exp[(255 - log[i]) % 255] : 0;
    // Affine map: s = v ^ rotl(v,1) ^ rotl(v,2) ^ rotl(v,3) ^ rotl(v,4) ^ 0x63.
    let s = v ^ (v << 1) ^ (v << 2) ^ (v << 3) ^ (v << 4);
    s = (s ^ (s >> 8) ^ 0x63) & 255;
    SBOX[i] = s;
    INV[s] = i;
  }
  for (let i = 0; i < 256; i++) {
    const s = SBOX[i];
    TE[i] = (mul(s, 2) << 24) | (s << 16) | (s << 8) | mul(s, 3);
    const r = INV[i];
    TD[i] = (mul(r, 14) << 24) | (mul(r, 9) << 16) | (mul(r, 13) << 8) | mul(r, 11);
  }

  /**
   * Expands a 16-, 24- or 32-byte key (the caller checks the length); the
   * decryption schedule only when `decrypt` (GCM and key wrap only encrypt).
   */
  const aesExpandKey = function (key: Uint8Array, decrypt: boolean): AesKey {
    const s = SBOX;
    const td = TD;
    const nk = key.length >> 2;
    const rounds = nk + 6;
    const total = (rounds + 1) * 4;
    const enc = new Int32Array(total);
    for (let i = 0; i < nk; i++) enc[i] = (key[4 * i] << 24) | (key[4 * i + 1] << 16) | (key[4 * i + 2] << 8) | key[4 * i + 3];
    let rcon = 1;
    for (let i = nk; i < total; i++) {
      let t = enc[i - 1];
      if (i % nk === 0) {
        // RotWord, SubWord, Rcon.
        t = ((s[(t >>> 16) & 255] << 24) | (s[(t >>> 8) & 255] << 16) | (s[t & 255] << 8) | s[t >>> 24]) ^ (rcon << 24);
        rcon = (rcon << 1) ^ (rcon & 0x80 ? 0x11b : 0);
      } else if (nk > 6 && i % nk === 4) {
        t = (s[t >>> 24] << 24) | (s[(t >>> 16) & 255] << 16) | (s[(t >>> 8) & 255] << 8) | s[t & 255];
      }
      enc[i] = enc[i - nk] ^ t;
    }
    // Equivalent inverse cipher: round keys in reverse order, InvMixColumns on
    // the middle ones (TD[SBOX[b]] is InvMixColumns of the single byte b).
    if (!decrypt) return { rounds: rounds, enc: enc, dec: enc };
    const dec = new Int32Array(total);
    for (let r = 0; r <= rounds; r++) {
      for (let j = 0; j < 4; j++) {
        const w = enc[(rounds - r) * 4 + j];
        if (r === 0 || r === rounds) {
          dec[r * 4 + j] = w;
        } else {
          let a = td[s[w & 255]];
          a = td[s[(w >>> 8) & 255]] ^ ((a >>> 8) | (a << 24));
          a = td[s[(w >>> 16) & 255]] ^ ((a >>> 8) | (a << 24));
          dec[r * 4 + j] = td[s[w >>> 24]] ^ ((a >>> 8) | (a << 24));
        }
      }
    }
    return { rounds: rounds, enc: enc, dec: dec };
  };

  /**
   * One block from `src[so..so+16)` to `dst[do_..do_+16)` (may be the same
   * place). `decrypt` selects the inverse cipher.
   */
  const aesBlock = function (k: AesKey, decrypt: boolean, src: Uint8Array, so: number, dst: Uint8Array, d: number): void {
    const rk = decrypt ? k.dec : k.enc;
    const t = decrypt ? TD : TE;
    const sb = decrypt ? INV : SBOX;
    let s0 = ((src[so] << 24) | (src[so + 1] << 16) | (src[so + 2] << 8) | src[so + 3]) ^ rk[0];
    let s1 = ((src[so + 4] << 24) | (src[so + 5] << 16) | (src[so + 6] << 8) | src[so + 7]) ^ rk[1];
    let s2 = ((src[so + 8] << 24) | (src[so + 9] << 16) | (src[so + 10] << 8) | src[so + 11]) ^ rk[2];
    let s3 = ((src[so + 12] << 24) | (src[so + 13] << 16) | (src[so + 14] << 8) | src[so + 15]) ^ rk[3];
    // Encryption takes column bytes from s0,s1,s2,s3 (ShiftRows left);
    // decryption from s0,s3,s2,s1 (InvShiftRows): swap s1 and s3 roles.
    let a: number, b: number, c: number, e: number, x: number, p = 4;
    for (let r = 1; r < k.rounds; r++, p += 4) {
      if (decrypt) {
        x = s1;
        s1 = s3;
        s3 = x;
      }
      x = t[s3 & 255];
      x = t[(s2 >>> 8) & 255] ^ ((x >>> 8) | (x << 24));
      x = t[(s1 >>> 16) & 255] ^ ((x >>> 8) | (x << 24));
      a = t[s0 >>> 24] ^ ((x >>> 8) | (x << 24));
      x = t[s0 & 255];
      x = t[(s3 >>> 8) & 255] ^ ((x >>> 8) | (x << 24));
      x = t[(s2 >>> 16) & 255] ^ ((x >>> 8) | (x << 24));
      b = t[s1 >>> 24] ^ ((x >>> 8) | (x << 24));
      x = t[s1 & 255];
      x = t[(s0 >>> 8) & 255] ^ ((x >>> 8) | (x << 24));
      x = t[(s3 >>> 16) & 255] ^ ((x >>> 8) | (x << 24));
      c = t[s2 >>> 24] ^ ((x >>> 8) | (x << 24));
      x = t[s2 & 255];
      x = t[(s1 >>> 8) & 255] ^ ((x >>> 8) | (x << 24));
      x = t[(s0 >>> 16) & 255] ^ ((x >>> 8) | (x << 24));
      e = t[s3 >>> 24] ^ ((x >>> 8) | (x << 24));
      // Decryption produced its columns in the order 0, 3, 2, 1.
      s0 = a ^ rk[p];
      s1 = (decrypt ? e : b) ^ rk[p + 1];
      s2 = c ^ rk[p + 2];
      s3 = (decrypt ? b : e) ^ rk[p + 3];
    }
    if (decrypt) {
      x = s1;
      s1 = s3;
      s3 = x;
    }
    a = ((sb[s0 >>> 24] << 24) | (sb[(s1 >>> 16) & 255] << 16) | (sb[(s2 >>> 8) & 255] << 8) | sb[s3 & 255]);
    b = ((sb[s1 >>> 24] << 24) | (sb[(s2 >>> 16) & 255] << 16) | (sb[(s3 >>> 8) & 255] << 8) | sb[s0 & 255]);
    c = ((sb[s2 >>> 24] << 24) | (sb[(s3 >>> 16) & 255] << 16) | (sb[(s0 >>> 8) & 255] << 8) | sb[s1 & 255]);
    e = ((sb[s3 >>> 24] << 24) | (sb[(s0 >>> 16) & 255] << 16) | (sb[(s1 >>> 8) & 255] << 8) | sb[s2 & 255]);
    if (decrypt) {
      x = b;
      b = e;
      e = x;
    }
    a ^= rk[p];
    b ^= rk[p + 1];
    c ^= rk[p + 2];
    e ^= rk[p + 3];
    dst[d] = a >>> 24; dst[d + 1] = (a >>> 16) & 255; dst[d + 2] = (a >>> 8) & 255; dst[d + 3] = a & 255;
    dst[d + 4] = b >>> 24; dst[d + 5] = (b >>> 16) & 255; dst[d + 6] = (b >>> 8) & 255; dst[d + 7] = b & 255;
    dst[d + 8] = c >>> 24; dst[d + 9] = (c >>> 16) & 255; dst[d + 10] = (c >>> 8) & 255; dst[d + 11] = c & 255;
    dst[d + 12] = e >>> 24; dst[d + 13] = (e >>> 16) & 255; dst[d + 14] = (e >>> 8) & 255; dst[d + 15] = e & 255;
  };

  /** CBC without padding over whole blocks (the adapter pads and checks lengths). */
  const aesCbc = function (key: Uint8Array, iv: Uint8Array, data: Uint8Array, decrypt: boolean): Uint8Array {
    const k = aesExpandKey(key, decrypt);
    const out = new Uint8Array(data.length);
    const prev = new Uint8Array(16);
    const buf = new Uint8Array(16);
    prev.set(iv);
    for (let p = 0; p < data.length; p += 16) {
      if (decrypt) {
        aesBlock(k, true, data, p, buf, 0);
        for (let i = 0; i < 16; i++) {
          out[p + i] = buf[i] ^ prev[i];
          prev[i] = data[p + i];
        }
      } else {
        for (let i = 0; i < 16; i++) buf[i] = data[p + i] ^ prev[i];
        aesBlock(k, false, buf, 0, out, p);
        prev.set(out.subarray(p, p + 16));
      }
    }
    return out;
  };

  made = {
    cbc: aesCbc,
    ecb: function (key, decrypt, data) {
      const k = aesExpandKey(key, decrypt);
      const out = new Uint8Array(data.length);
      for (let p = 0; p < data.length; p += 16) aesBlock(k, decrypt, data, p, out, p);
      return out;
    },
  };
  return made;
};
