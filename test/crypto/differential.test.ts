// Pure backend against node:crypto on random inputs: every length 0..300,
// block boundaries, long keys, PBKDF2 iteration counts and odd output lengths,
// AES-CBC with all three key sizes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import nodeCrypto from 'node:crypto';
import * as c from '../../src/crypto/index';
import * as adapter from '../../src/crypto/adapter';

const rnd = (n: number) => new Uint8Array(nodeCrypto.randomBytes(n));
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const NODE = { 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' } as const;
const HASHES = ['SHA-256', 'SHA-384', 'SHA-512'] as const;
const FN = { 'SHA-256': c.sha256, 'SHA-384': c.sha384, 'SHA-512': c.sha512 };
const LENGTHS = [...Array.from({ length: 301 }, (_, i) => i), 447, 448, 511, 512, 1000, 4096];

describe('pure backend against node:crypto', () => {
  beforeAll(() => c.useBackend('pure'));
  afterAll(() => c.useBackend('auto'));

  it('uses the pure code', () => {
    expect(c.backend().sha256).toBe('pure');
  });

  for (const h of HASHES) {
    it(h + ' on every length 0..300 and past it', () => {
      for (const n of LENGTHS) {
        const d = rnd(n);
        expect(hex(FN[h](d)), h + ' length ' + n).toBe(nodeCrypto.createHash(NODE[h]).update(d).digest('hex'));
      }
    });

    it('HMAC-' + h + ' with random keys (also longer than a block) and messages', () => {
      const keyLens = [0, 1, 16, 32, 63, 64, 65, 127, 128, 129, 200];
      for (const kl of keyLens) {
        for (const n of [0, 1, 55, 56, 63, 64, 111, 112, 127, 128, 300]) {
          const k = rnd(kl);
          const d = rnd(n);
          const want = nodeCrypto.createHmac(NODE[h], k).update(d).digest('hex');
          expect(hex(c.hmac(h, k, d)), 'key ' + kl + ' data ' + n).toBe(want);
          const mac = c.createHmac(h, k);
          expect(Buffer.from(mac(Buffer.from(d).toString('latin1')), 'latin1').toString('hex')).toBe(want);
          // A MAC function keeps working for the next message.
          expect(Buffer.from(mac('abc'), 'latin1').toString('hex')).toBe(nodeCrypto.createHmac(NODE[h], k).update('abc').digest('hex'));
          // With a length it MACs only that prefix (the verifier passes the whole token).
          const text = Buffer.from(d).toString('latin1');
          expect(Buffer.from(mac(text + '.sig-and-junk', n), 'latin1').toString('hex'), 'prefix of ' + n).toBe(want);
          expect(Buffer.from(mac(text, 0), 'latin1').toString('hex')).toBe(nodeCrypto.createHmac(NODE[h], k).update('').digest('hex'));
        }
      }
    });

    it('PBKDF2-' + h + ' with odd lengths and several iteration counts', () => {
      for (const iterations of [1, 2, 3, 17, 100]) {
        for (const length of [1, 3, 4, 5, 31, 32, 33, 47, 48, 49, 63, 64, 65, 100, 129]) {
          const p = rnd(iterations % 2 ? 10 : 150);
          const s = rnd(16);
          expect(hex(c.pbkdf2(h, p, s, iterations, length)), iterations + ' x ' + length).toBe(
            nodeCrypto.pbkdf2Sync(p, s, iterations, length, NODE[h]).toString('hex'),
          );
        }
      }
    });
  }

  it('macFor with once (a one-message key, outside the cache) gives the same HMAC, with every key length', () => {
    for (const h of HASHES) {
      for (const n of [1, 16, 32, 64, 65, 128, 129]) {
        const k = rnd(n);
        const d = rnd(300);
        const kb = Buffer.from(k).toString('latin1');
        const db = Buffer.from(d).toString('latin1');
        const want = nodeCrypto.createHmac(NODE[h], k).update(d).digest('hex');
        expect(Buffer.from(adapter.macFor(h, kb, true)(db), 'latin1').toString('hex')).toBe(want);
        expect(Buffer.from(adapter.macFor(h, kb)(db), 'latin1').toString('hex')).toBe(want);
      }
    }
  });

  it('strings are hashed as their UTF-8 bytes', () => {
    const text = 'José ☺ 𝄞 and more';
    expect(hex(c.sha256(text))).toBe(nodeCrypto.createHash('sha256').update(text, 'utf8').digest('hex'));
    expect(hex(c.hmac('SHA-384', 'clé', text))).toBe(nodeCrypto.createHmac('sha384', 'clé').update(text).digest('hex'));
  });

  it('AES-CBC with 128-, 192- and 256-bit keys, every length 0..100', () => {
    for (const kl of [16, 24, 32]) {
      for (let n = 0; n <= 100; n++) {
        const key = rnd(kl);
        const iv = rnd(16);
        const pt = rnd(n);
        const cipher = nodeCrypto.createCipheriv('aes-' + kl * 8 + '-cbc', key, iv);
        const want = Buffer.concat([cipher.update(pt), cipher.final()]).toString('hex');
        const ct = c.aesCbcEncrypt(key, iv, pt);
        expect(hex(ct), kl + '/' + n).toBe(want);
        expect(hex(c.aesCbcDecrypt(key, iv, ct))).toBe(hex(pt));
      }
    }
  });

  it('AES-ECB single blocks with every key size', () => {
    for (const kl of [16, 24, 32]) {
      for (let i = 0; i < 50; i++) {
        const key = rnd(kl);
        const block = rnd(16);
        const cipher = nodeCrypto.createCipheriv('aes-' + kl * 8 + '-ecb', key, null).setAutoPadding(false);
        const want = Buffer.concat([cipher.update(block), cipher.final()]).toString('hex');
        expect(hex(c.aesEcbEncryptBlock(key, block))).toBe(want);
        expect(hex(c.aesEcbDecryptBlock(key, c.aesEcbEncryptBlock(key, block)))).toBe(hex(block));
      }
    }
  });

  it('AES key wrap round-trips with every key size and lengths 16..64', () => {
    for (const kl of [16, 24, 32]) {
      for (let n = 16; n <= 64; n += 8) {
        const kek = rnd(kl);
        const data = rnd(n);
        const cipher = nodeCrypto.createCipheriv('id-aes' + kl * 8 + '-wrap', kek, Buffer.from('a6a6a6a6a6a6a6a6', 'hex'));
        const want = Buffer.concat([cipher.update(data), cipher.final()]).toString('hex');
        const w = c.aesKeyWrap(kek, data);
        expect(hex(w)).toBe(want);
        expect(hex(c.aesKeyUnwrap(kek, w))).toBe(hex(data));
      }
    }
  });
});

describe('node backend agrees with pure on the same random inputs', () => {
  afterAll(() => c.useBackend('auto'));
  it('hashes, HMAC, PBKDF2, AES', () => {
    for (let i = 0; i < 30; i++) {
      const d = rnd(i * 11);
      const k = rnd(i * 5);
      const key = rnd([16, 24, 32][i % 3]);
      const iv = rnd(16);
      const run = () => [
        hex(c.sha256(d)),
        hex(c.sha384(d)),
        hex(c.sha512(d)),
        hex(c.hmac('SHA-512', k, d)),
        // The MAC closure over a prefix, as the verifier calls it.
        Buffer.from(c.createHmac('SHA-256', k)(Buffer.from(d).toString('latin1') + '.tail', d.length), 'latin1').toString('hex'),
        hex(c.pbkdf2('SHA-256', k, d, 3, 1 + i)),
        hex(c.aesCbcEncrypt(key, iv, d)),
      ];
      c.useBackend('pure');
      const p = run();
      c.useBackend('node');
      expect(run()).toEqual(p);
    }
  });
});
