// AES-GCM (NIST SP 800-38D): the specification's test cases on both
// backends, tampering of tag, ciphertext and AAD, bad arguments, and the pure
// code (pure AES + pure GHASH) against node:crypto on random inputs.
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import nodeCrypto from 'node:crypto';
import * as c from '../../src/crypto/index';
import * as adapter from '../../src/crypto/adapter';
import { rawAes } from '../../src/crypto/aes';
import { aesGcmDecrypt, aesGcmEncrypt } from '../../src/crypto/gcm';
import { gcmCtr, ghash } from '../../src/crypto/pure/gcm';
import { DecryptionError, InvalidKeyError, JWTError } from '../../src/errors';
import { vectors } from '../jwt/helpers';

const V = vectors.primitives.aes_gcm as { name: string; key: string; iv: string; plaintext: string; aad: string; ciphertext: string; tag: string }[];
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const bin = (h: string) => new Uint8Array(Buffer.from(h, 'hex'));
const rnd = (n: number) => new Uint8Array(nodeCrypto.randomBytes(n));

/** node:crypto's AES-GCM, the reference. */
const nodeSeal = (key: Uint8Array, iv: Uint8Array, pt: Uint8Array, aad: Uint8Array) => {
  const cipher = nodeCrypto.createCipheriv(('aes-' + key.length * 8 + '-gcm') as 'aes-128-gcm', key, iv);
  cipher.setAAD(aad);
  const ct = Buffer.concat([cipher.update(pt), cipher.final()]);
  return { ct: ct.toString('hex'), tag: cipher.getAuthTag().toString('hex') };
};

/**
 * GCM straight from SP 800-38D with BigInt arithmetic: bit-serial GF(2^128)
 * multiplication, inc32 counters from an explicit J0, ECB from node:crypto.
 */
const refGcm = (key: Uint8Array, j0: Uint8Array, pt: Uint8Array, aad: Uint8Array) => {
  const ecb = (b: Uint8Array) => {
    const e = nodeCrypto.createCipheriv(('aes-' + key.length * 8 + '-ecb') as 'aes-128-ecb', key, null);
    e.setAutoPadding(false);
    return Buffer.concat([e.update(b), e.final()]);
  };
  const big = (b: Uint8Array) => BigInt('0x' + (Buffer.from(b).toString('hex') || '0'));
  const bytes16 = (x: bigint) => Buffer.from(x.toString(16).padStart(32, '0'), 'hex');
  const R = 0xe1n << 120n;
  const mul = (x: bigint, y: bigint) => {
    let z = 0n;
    let v = y;
    for (let i = 127; i >= 0; i--) {
      if ((x >> BigInt(i)) & 1n) z ^= v;
      v = v & 1n ? (v >> 1n) ^ R : v >> 1n;
    }
    return z;
  };
  const h = big(ecb(new Uint8Array(16)));
  const prefix = Buffer.from(j0.subarray(0, 12));
  const c0 = Buffer.from(j0).readUInt32BE(12);
  const ct = Buffer.alloc(pt.length);
  for (let i = 0; i < pt.length; i += 16) {
    const cb = Buffer.concat([prefix, Buffer.alloc(4)]);
    cb.writeUInt32BE((c0 + 1 + i / 16) % 0x100000000, 12);
    const ks = ecb(cb);
    for (let j = i; j < Math.min(i + 16, pt.length); j++) ct[j] = pt[j] ^ ks[j - i];
  }
  let y = 0n;
  const absorb = (d: Uint8Array) => {
    for (let i = 0; i < d.length; i += 16) {
      const blk = Buffer.alloc(16);
      blk.set(d.subarray(i, i + 16));
      y = mul(y ^ big(blk), h);
    }
  };
  absorb(aad);
  absorb(ct);
  y = mul(y ^ ((BigInt(aad.length * 8) << 64n) | BigInt(ct.length * 8)), h);
  const tag = big(ecb(j0)) ^ y;
  return { ct: ct.toString('hex'), tag: bytes16(tag).toString('hex') };
};

const failure = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    return (e as JWTError).name + ' ' + (e as JWTError).code + ' ' + (e as Error).message;
  }
  return 'no error';
};

afterAll(() => c.useBackend('auto'));

it('the specification vectors are all there', () => {
  expect(V.length).toBe(7);
});

for (const name of ['pure', 'node'] as const) {
  describe('AES-GCM, backend ' + name, () => {
    afterEach(() => vi.restoreAllMocks());

    it('takes the path of the backend (node:crypto GCM only on node)', () => {
      c.useBackend(name);
      const spy = vi.spyOn(nodeCrypto, 'createCipheriv');
      const ecb = vi.spyOn(nodeCrypto, 'createDecipheriv');
      const r = aesGcmEncrypt(new Uint8Array(16), new Uint8Array(12), new Uint8Array(20), new Uint8Array(3));
      aesGcmDecrypt(new Uint8Array(16), new Uint8Array(12), r.ciphertext, r.tag, new Uint8Array(3));
      const modes = spy.mock.calls.map((a) => a[0]).concat(ecb.mock.calls.map((a) => a[0]));
      expect(modes).toEqual(name === 'node' ? ['aes-128-gcm', 'aes-128-gcm'] : []);
      expect(c.backend().aes).toBe(name);
    });

    it.each(V.map((v) => [v.name, v] as const))('%s', (_n, v) => {
      c.useBackend(name);
      const key = bin(v.key);
      const iv = bin(v.iv);
      const aad = bin(v.aad);
      const r = aesGcmEncrypt(key, iv, bin(v.plaintext), aad);
      expect(hex(r.ciphertext)).toBe(v.ciphertext);
      expect(hex(r.tag)).toBe(v.tag);
      expect(r.ciphertext).toBeInstanceOf(Uint8Array);
      expect(r.tag.length).toBe(16);
      expect(hex(aesGcmDecrypt(key, iv, bin(v.ciphertext), bin(v.tag), aad))).toBe(v.plaintext);
    });

    it('tampering with the tag, the ciphertext, the AAD, the IV or the key is one DecryptionError', () => {
      c.useBackend(name);
      const v = V[3]; // has both AAD and a partial last block
      const key = bin(v.key);
      const iv = bin(v.iv);
      const ct = bin(v.ciphertext);
      const tag = bin(v.tag);
      const aad = bin(v.aad);
      const want = failure(() => {
        throw new DecryptionError('decryption failed');
      });
      // The same message as the other decryption failures of the crypto layer.
      expect(failure(() => c.aesCbcDecrypt(key, new Uint8Array(16), new Uint8Array(15)))).toBe(want);
      const flip = (b: Uint8Array, i: number, bit = 1) => {
        const x = new Uint8Array(b);
        x[i] ^= bit;
        return x;
      };
      const cases: [string, () => unknown][] = [];
      for (const i of [0, 7, 15]) for (const bit of [1, 0x80]) cases.push(['tag byte ' + i + ' bit ' + bit, () => aesGcmDecrypt(key, iv, ct, flip(tag, i, bit), aad)]);
      for (const i of [0, 16, 31, 59]) cases.push(['ciphertext byte ' + i, () => aesGcmDecrypt(key, iv, flip(ct, i), tag, aad)]);
      for (const i of [0, 19]) cases.push(['aad byte ' + i, () => aesGcmDecrypt(key, iv, ct, tag, flip(aad, i))]);
      cases.push(['aad dropped', () => aesGcmDecrypt(key, iv, ct, tag, new Uint8Array(0))]);
      cases.push(['aad extended', () => aesGcmDecrypt(key, iv, ct, tag, new Uint8Array([...aad, 0]))]);
      cases.push(['ciphertext cut', () => aesGcmDecrypt(key, iv, ct.subarray(0, ct.length - 1), tag, aad)]);
      cases.push(['ciphertext extended', () => aesGcmDecrypt(key, iv, new Uint8Array([...ct, 0]), tag, aad)]);
      cases.push(['ciphertext and AAD swapped', () => aesGcmDecrypt(key, iv, aad, tag, ct)]);
      cases.push(['iv', () => aesGcmDecrypt(key, flip(iv, 11), ct, tag, aad)]);
      cases.push(['key', () => aesGcmDecrypt(flip(key, 0), iv, ct, tag, aad)]);
      cases.push(['tag short', () => aesGcmDecrypt(key, iv, ct, tag.subarray(0, 12), aad)]);
      cases.push(['tag long', () => aesGcmDecrypt(key, iv, ct, new Uint8Array([...tag, 0]), aad)]);
      cases.push(['tag empty', () => aesGcmDecrypt(key, iv, ct, new Uint8Array(0), aad)]);
      cases.push(['all zero tag', () => aesGcmDecrypt(key, iv, ct, new Uint8Array(16), aad)]);
      for (const [what, f] of cases) expect(failure(f), what).toBe(want);
      // And the untampered inputs still decrypt (the cases above did not change them).
      expect(hex(aesGcmDecrypt(key, iv, ct, tag, aad))).toBe(v.plaintext);
    });

    it('an empty message with an empty tag check fails too (tag over nothing)', () => {
      c.useBackend(name);
      const key = rnd(16);
      const iv = rnd(12);
      const r = aesGcmEncrypt(key, iv, new Uint8Array(0), new Uint8Array(0));
      expect(r.ciphertext.length).toBe(0);
      expect(aesGcmDecrypt(key, iv, r.ciphertext, r.tag, new Uint8Array(0)).length).toBe(0);
      expect(() => aesGcmDecrypt(key, iv, r.ciphertext, rnd(16), new Uint8Array(0))).toThrow(DecryptionError);
    });

    it('keys of a wrong size or type are InvalidKeyError, bad other arguments ERR_INVALID_ARGUMENT', () => {
      c.useBackend(name);
      const iv = new Uint8Array(12);
      const z = new Uint8Array(0);
      for (const bad of [new Uint8Array(0), new Uint8Array(15), new Uint8Array(17), new Uint8Array(20), new Uint8Array(33), '0123456789abcdef', null, undefined, [1, 2], new Uint16Array(8)]) {
        expect(() => aesGcmEncrypt(bad as Uint8Array, iv, z, z)).toThrow(InvalidKeyError);
        expect(() => aesGcmDecrypt(bad as Uint8Array, iv, z, new Uint8Array(16), z)).toThrow(InvalidKeyError);
      }
      const k = new Uint8Array(16);
      const t = new Uint8Array(16);
      const notBytes = ['abc', null, undefined, 12, [1, 2, 3], new Uint32Array(3), {}];
      for (const bad of notBytes) {
        const b = bad as unknown as Uint8Array;
        expect(failure(() => aesGcmEncrypt(k, b, z, z))).toMatch(/^JWTError ERR_INVALID_ARGUMENT iv /);
        expect(failure(() => aesGcmEncrypt(k, iv, b, z))).toMatch(/^JWTError ERR_INVALID_ARGUMENT plaintext /);
        expect(failure(() => aesGcmEncrypt(k, iv, z, b))).toMatch(/^JWTError ERR_INVALID_ARGUMENT aad /);
        expect(failure(() => aesGcmDecrypt(k, b, z, t, z))).toMatch(/^JWTError ERR_INVALID_ARGUMENT iv /);
        expect(failure(() => aesGcmDecrypt(k, iv, b, t, z))).toMatch(/^JWTError ERR_INVALID_ARGUMENT ciphertext /);
        expect(failure(() => aesGcmDecrypt(k, iv, z, b, z))).toMatch(/^JWTError ERR_INVALID_ARGUMENT tag /);
        expect(failure(() => aesGcmDecrypt(k, iv, z, t, b))).toMatch(/^JWTError ERR_INVALID_ARGUMENT aad /);
      }
      // An empty IV is not an IV.
      expect(failure(() => aesGcmEncrypt(k, z, z, z))).toMatch(/^JWTError ERR_INVALID_ARGUMENT iv /);
      expect(failure(() => aesGcmDecrypt(k, z, z, t, z))).toMatch(/^JWTError ERR_INVALID_ARGUMENT iv /);
    });

    it('IVs other than 96 bits follow the specification (J0 from GHASH), as node:crypto does', () => {
      c.useBackend(name);
      for (const ivLen of [1, 8, 11, 13, 16, 17, 32, 60]) {
        for (const kl of [16, 24, 32]) {
          const key = rnd(kl);
          const iv = rnd(ivLen);
          const pt = rnd(37);
          const aad = rnd(5);
          const r = aesGcmEncrypt(key, iv, pt, aad);
          const want = nodeSeal(key, iv, pt, aad);
          expect(hex(r.ciphertext) + ' ' + hex(r.tag), 'iv ' + ivLen).toBe(want.ct + ' ' + want.tag);
          expect(hex(aesGcmDecrypt(key, iv, r.ciphertext, r.tag, aad))).toBe(hex(pt));
        }
      }
    });

    it('does not change its inputs, and works on subarrays at any offset', () => {
      c.useBackend(name);
      const big = rnd(200);
      const copy = new Uint8Array(big);
      const key = big.subarray(1, 33);
      const iv = big.subarray(35, 47);
      const pt = big.subarray(50, 127);
      const aad = big.subarray(129, 146);
      const r = aesGcmEncrypt(key, iv, pt, aad);
      const want = nodeSeal(key, iv, pt, aad);
      expect(hex(r.ciphertext)).toBe(want.ct);
      expect(hex(r.tag)).toBe(want.tag);
      expect(hex(big)).toBe(hex(copy));
      const both = new Uint8Array(3 + r.ciphertext.length + 16);
      both.set(r.ciphertext, 3);
      both.set(r.tag, 3 + r.ciphertext.length);
      const ct = both.subarray(3, 3 + r.ciphertext.length);
      const tag = both.subarray(3 + r.ciphertext.length);
      const snapshot = hex(both);
      expect(hex(aesGcmDecrypt(key, iv, ct, tag, aad))).toBe(hex(pt));
      expect(hex(both)).toBe(snapshot);
      expect(hex(big)).toBe(hex(copy));
    });
  });
}

describe('pure AES-GCM against node:crypto', () => {
  it('random keys (128/192/256), IVs, AAD lengths 0..100 and plaintext lengths 0..100', () => {
    c.useBackend('pure');
    expect(c.backend().aes).toBe('pure');
    const aadLens = [0, 1, 15, 16, 17, 100];
    let n = 0;
    for (let len = 0; len <= 100; len++) {
      for (const kl of [16, 24, 32]) {
        const aadLen = aadLens[(len + kl) % aadLens.length];
        const key = rnd(kl);
        const iv = rnd(12);
        const pt = rnd(len);
        const aad = rnd(aadLen);
        const r = aesGcmEncrypt(key, iv, pt, aad);
        const want = nodeSeal(key, iv, pt, aad);
        const what = 'key ' + kl + ' pt ' + len + ' aad ' + aadLen;
        expect(hex(r.ciphertext), what).toBe(want.ct);
        expect(hex(r.tag), what).toBe(want.tag);
        expect(hex(aesGcmDecrypt(key, iv, bin(want.ct), bin(want.tag), aad)), what).toBe(hex(pt));
        n++;
      }
    }
    for (const aadLen of aadLens) {
      for (const len of [0, 1, 15, 16, 17, 32, 33]) {
        const key = rnd(16);
        const iv = rnd(12);
        const pt = rnd(len);
        const aad = rnd(aadLen);
        const want = nodeSeal(key, iv, pt, aad);
        const r = aesGcmEncrypt(key, iv, pt, aad);
        expect(hex(r.ciphertext) + hex(r.tag), 'pt ' + len + ' aad ' + aadLen).toBe(want.ct + want.tag);
        n++;
      }
    }
    expect(n).toBe(303 + 42);
  });

  it('large messages (2 KB and more, several counter-block batches)', () => {
    c.useBackend('pure');
    for (const len of [2047, 2048, 2049, 5000]) {
      for (const kl of [16, 24, 32]) {
        const key = rnd(kl);
        const iv = rnd(12);
        const pt = rnd(len);
        const aad = rnd(len % 300);
        const r = aesGcmEncrypt(key, iv, pt, aad);
        const want = nodeSeal(key, iv, pt, aad);
        expect(hex(r.ciphertext), 'len ' + len).toBe(want.ct);
        expect(hex(r.tag), 'len ' + len).toBe(want.tag);
        expect(hex(aesGcmDecrypt(key, iv, r.ciphertext, r.tag, aad))).toBe(hex(pt));
      }
    }
  });

  it('the 32-bit counter wraps as in the specification (inc32), against a reference GCM written from the specification', () => {
    c.useBackend('pure');
    // J0 values whose low word overflows within the message: reachable only
    // through IVs of other lengths (J0 from GHASH), so the core takes J0 here.
    for (const low of ['ffffffff', 'fffffffe', 'fffffff0', '7fffffff', '00000000']) {
      for (const len of [0, 1, 16, 33, 100]) {
        const key = rnd(16 + (len % 3) * 8);
        const j0 = bin(Buffer.from(rnd(12)).toString('hex') + low);
        const pt = rnd(len);
        const aad = rnd(len % 20);
        const want = refGcm(key, j0, pt, aad);
        // As src/crypto/gcm.ts composes them: GCTR, then GHASH over the ciphertext.
        const [ct, hk] = gcmCtr(rawAes, key, j0, pt);
        const tag = ghash(hk, aad, ct, hk, 16);
        expect(hex(ct) + ' ' + hex(tag), low + ' ' + len).toBe(want.ct + ' ' + want.tag);
        expect(hex(gcmCtr(rawAes, key, j0, ct)[0])).toBe(hex(pt));
      }
    }
  });

  it('the reference GCM of the test above agrees with node:crypto (so it can judge)', () => {
    for (const len of [0, 5, 16, 40]) {
      const key = rnd(32);
      const iv = rnd(12);
      const pt = rnd(len);
      const aad = rnd(7);
      expect(refGcm(key, bin(hex(iv) + '00000001'), pt, aad)).toEqual(nodeSeal(key, iv, pt, aad));
    }
  });
});
