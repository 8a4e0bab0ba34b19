import { afterAll, describe, expect, it } from 'vitest';
import * as c from '../../src/crypto/index';

import { vectors } from '../jwt/helpers';

const V = vectors.primitives;
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const bin = (h: string) => new Uint8Array(Buffer.from(h, 'hex'));

const hashFn = { 'SHA-256': c.sha256, 'SHA-384': c.sha384, 'SHA-512': c.sha512 } as const;

for (const name of ['pure', 'node'] as const) {
  describe('known-answer vectors, backend ' + name, () => {
    const use = () => c.useBackend(name);
    afterAll(() => c.useBackend('auto'));

    it('reports the backend in use', () => {
      use();
      const b = c.backend();
      for (const k of ['sha256', 'sha384', 'sha512', 'hmacSha256', 'pbkdf2Sha512', 'aes']) expect(b[k]).toBe(name);
      expect(b.random).toBe('node');
    });

    it.each<[string, any]>(V.sha.map((v: any) => [v.alg + ' ' + v.msg_utf8.length + ' bytes', v]))('SHA %s', (_n, v: any) => {
      use();
      const f = hashFn[v.alg as keyof typeof hashFn];
      expect(hex(f(v.msg_utf8))).toBe(v.digest);
      expect(hex(f(new TextEncoder().encode(v.msg_utf8)))).toBe(v.digest);
    });

    it.each<[string, any]>(V.hmac_rfc4231.map((v: any) => ['case ' + v.case, v]))('HMAC RFC 4231 %s', (_n, v: any) => {
      use();
      for (const h of ['SHA-256', 'SHA-384', 'SHA-512'] as const) {
        const want = v['HMAC-' + h];
        expect(hex(c.hmac(h, bin(v.key), bin(v.data)))).toBe(want);
        const mac = c.createHmac(h, bin(v.key));
        expect(Buffer.from(mac(Buffer.from(v.data, 'hex').toString('latin1')), 'latin1').toString('hex')).toBe(want);
      }
    });

    it.each<[string, any]>(V.pbkdf2.map((v: any) => [v.hash + ' ' + v.iterations, v]))('PBKDF2 %s', (_n, v: any) => {
      use();
      expect(hex(c.pbkdf2(v.hash, v.password_utf8, v.salt_utf8, v.iterations, v.dkLen))).toBe(v.dk);
    });

    it.each<[string, any]>(V.aes.map((v: any) => [v.mode + ' ' + v.key.length * 4, v]))('AES %s', (_n, v: any) => {
      use();
      const key = bin(v.key);
      const pt = bin(v.plaintext);
      if (v.mode === 'CBC') {
        // The vectors have no padding: our ciphertext is theirs plus one block of padding.
        const ct = c.aesCbcEncrypt(key, bin(v.iv), pt);
        expect(hex(ct.subarray(0, pt.length))).toBe(v.ciphertext);
        expect(ct.length).toBe(pt.length + 16);
        expect(hex(c.aesCbcDecrypt(key, bin(v.iv), ct))).toBe(v.plaintext);
      } else {
        for (let p = 0; p < pt.length; p += 16) {
          const ct = c.aesEcbEncryptBlock(key, pt.subarray(p, p + 16));
          expect(hex(ct)).toBe(v.ciphertext.slice(p * 2, p * 2 + 32));
          expect(hex(c.aesEcbDecryptBlock(key, ct))).toBe(v.plaintext.slice(p * 2, p * 2 + 32));
        }
      }
    });

    it.each<[string, any]>(V.aes_kw.map((v: any) => [v.source, v]))('AES key wrap %s', (_n, v: any) => {
      use();
      expect(hex(c.aesKeyWrap(bin(v.kek), bin(v.key_data)))).toBe(v.wrapped);
      expect(hex(c.aesKeyUnwrap(bin(v.kek), bin(v.wrapped)))).toBe(v.key_data);
    });
  });
}
