// Error paths: bad keys, IVs, types and decryption failures raise the right
// typed errors, and every decryption failure looks the same.
import { afterAll, describe, expect, it } from 'vitest';
import * as c from '../../src/crypto/index';
import { DecryptionError, InvalidKeyError, JWTError, NotSupportedError } from '../../src/errors';

const code = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    return (e as JWTError).constructor.name + ' ' + (e as JWTError).code + ' ' + (e as Error).message;
  }
  return 'no error';
};

for (const name of ['pure', 'node'] as const) {
  describe('errors, backend ' + name, () => {
    afterAll(() => c.useBackend('auto'));
    const k16 = new Uint8Array(16);
    const iv = new Uint8Array(16);

    it('AES keys of a wrong size or type are InvalidKeyError', () => {
      c.useBackend(name);
      for (const bad of [new Uint8Array(0), new Uint8Array(15), new Uint8Array(17), new Uint8Array(33), '0123456789abcdef', null, undefined, [1, 2]]) {
        expect(() => c.aesCbcEncrypt(bad as Uint8Array, iv, new Uint8Array(1))).toThrow(InvalidKeyError);
        expect(() => c.aesCbcDecrypt(bad as Uint8Array, iv, new Uint8Array(16))).toThrow(InvalidKeyError);
        expect(() => c.aesEcbEncryptBlock(bad as Uint8Array, new Uint8Array(16))).toThrow(InvalidKeyError);
        expect(() => c.aesKeyWrap(bad as Uint8Array, new Uint8Array(16))).toThrow(InvalidKeyError);
      }
    });

    it('bad IVs, data types and block sizes are JWTError ERR_INVALID_ARGUMENT', () => {
      c.useBackend(name);
      for (const badIv of [new Uint8Array(15), new Uint8Array(17), 'x'.repeat(16), null]) {
        expect(code(() => c.aesCbcEncrypt(k16, badIv as Uint8Array, new Uint8Array(1)))).toMatch(/ERR_INVALID_ARGUMENT/);
        expect(code(() => c.aesCbcDecrypt(k16, badIv as Uint8Array, new Uint8Array(16)))).toMatch(/ERR_INVALID_ARGUMENT/);
      }
      expect(code(() => c.aesCbcEncrypt(k16, iv, 'text' as unknown as Uint8Array))).toMatch(/ERR_INVALID_ARGUMENT/);
      expect(code(() => c.aesEcbEncryptBlock(k16, new Uint8Array(15)))).toMatch(/ERR_INVALID_ARGUMENT/);
      expect(code(() => c.sha256(42 as unknown as string))).toMatch(/ERR_INVALID_ARGUMENT/);
      expect(code(() => c.sha256('\ud800'))).toMatch(/ERR_INVALID_ARGUMENT/);
      expect(code(() => c.hmac('SHA-1' as 'SHA-256', 'k', 'd'))).toMatch(/ERR_INVALID_ARGUMENT/);
      expect(() => c.hmac('SHA-256', 42 as unknown as string, 'd')).toThrow(InvalidKeyError);
      expect(() => c.createHmac('SHA-256', 'k' as unknown as Uint8Array)).toThrow(InvalidKeyError);
      expect(code(() => c.timingSafeEqual('a' as unknown as Uint8Array, new Uint8Array(1)))).toMatch(/ERR_INVALID_ARGUMENT/);
      expect(code(() => c.hashSize('MD5' as 'SHA-256'))).toMatch(/ERR_INVALID_ARGUMENT/);
    });

    it('PBKDF2 iterations and lengths must be sane positive integers', () => {
      c.useBackend(name);
      for (const bad of [0, -1, 1.5, NaN, Infinity, '10', 1e8]) {
        expect(code(() => c.pbkdf2('SHA-256', 'p', 's', bad as number, 32)), String(bad)).toMatch(/ERR_INVALID_ARGUMENT/);
      }
      for (const bad of [0, -1, 2.5, NaN, 1e6, '32']) {
        expect(code(() => c.pbkdf2('SHA-256', 'p', 's', 1, bad as number)), String(bad)).toMatch(/ERR_INVALID_ARGUMENT/);
      }
      expect(() => c.pbkdf2('SHA-256', 7 as unknown as string, 's', 1, 32)).toThrow(InvalidKeyError);
      for (const bad of [-1, 1.5, 1e9, NaN]) expect(code(() => c.randomBytes(bad))).toMatch(/ERR_INVALID_ARGUMENT/);
    });

    it('every decryption failure is the same DecryptionError', () => {
      c.useBackend(name);
      const ct = c.aesCbcEncrypt(k16, iv, new TextEncoder().encode('attack at dawn'));
      const cases: Uint8Array[] = [];
      // Each possible wrong last byte, and a wrong byte inside the padding.
      for (const v of [0, 17, 255, 3, 16]) {
        const plainBad = new Uint8Array(16).fill(v);
        if (v === 3) plainBad[13] = 9; // claims 3 bytes of padding, the first is wrong
        if (v === 16) plainBad[0] = 15; // claims a whole block of padding, the first is wrong
        // Encrypt the bad plaintext block raw (no padding added) via ECB with the CBC chaining by hand.
        const x = new Uint8Array(16);
        for (let i = 0; i < 16; i++) x[i] = plainBad[i] ^ iv[i];
        cases.push(c.aesEcbEncryptBlock(k16, x));
      }
      const longer = new Uint8Array(17);
      longer.set(ct);
      cases.push(ct.subarray(0, 15), longer, new Uint8Array(0));
      const seen = new Set<string>();
      for (const bad of cases) {
        let err: unknown;
        try {
          c.aesCbcDecrypt(k16, iv, bad);
        } catch (e) {
          err = e;
        }
        expect(err).toBeInstanceOf(DecryptionError);
        seen.add((err as JWTError).code + ' ' + (err as Error).message);
      }
      expect([...seen]).toEqual(['ERR_JWE_DECRYPTION decryption failed']);
      // Valid padding of 1..16 bytes is accepted.
      for (let n = 0; n < 40; n++) {
        const pt = new Uint8Array(n).fill(7);
        expect(c.aesCbcDecrypt(k16, iv, c.aesCbcEncrypt(k16, iv, pt))).toEqual(pt);
      }
      const w = c.aesKeyWrap(k16, new Uint8Array(16));
      w[3] ^= 1;
      expect(() => c.aesKeyUnwrap(k16, w)).toThrow(DecryptionError);
      expect(() => c.aesKeyUnwrap(k16, new Uint8Array(20))).toThrow(DecryptionError);
      expect(() => c.aesEcbDecryptBlock(k16, new Uint8Array(15))).toThrow(DecryptionError);
    });

    it('timingSafeEqual compares content and length', () => {
      c.useBackend(name);
      const a = new Uint8Array(40).map((_, i) => i);
      expect(c.timingSafeEqual(a, a.slice())).toBe(true);
      for (let i = 0; i < 40; i++) {
        const b = a.slice();
        b[i] ^= 0x40;
        expect(c.timingSafeEqual(a, b)).toBe(false);
      }
      expect(c.timingSafeEqual(a, a.subarray(0, 39))).toBe(false);
      expect(c.timingSafeEqual(a.subarray(1, 30), a.slice(1, 30))).toBe(true);
      expect(c.timingSafeEqual(new Uint8Array(0), new Uint8Array(0))).toBe(true);
      expect(c.timingSafeEqualBinary('abc', 'abc')).toBe(true);
      expect(c.timingSafeEqualBinary('abc', 'abd')).toBe(false);
      expect(c.timingSafeEqualBinary('abc', 'ab')).toBe(false);
      expect(c.timingSafeEqualBinary('', '')).toBe(true);
    });
  });
}

describe('backends', () => {
  afterAll(() => c.useBackend('auto'));
  it('auto on Node uses node:crypto; espruino is not available here', () => {
    c.useBackend('auto');
    expect(c.backend().sha256).toBe('node');
    expect(() => c.useBackend('espruino')).toThrow(NotSupportedError);
    expect(code(() => c.useBackend('fast' as 'auto'))).toMatch(/ERR_INVALID_ARGUMENT/);
    expect(c.hashSize('SHA-384')).toBe(48);
  });
  it('randomBytes gives fresh bytes of the asked length', () => {
    expect(c.randomBytes(0).length).toBe(0);
    expect(c.randomBytes(33).length).toBe(33);
    expect(Buffer.from(c.randomBytes(32)).equals(Buffer.from(c.randomBytes(32)))).toBe(false);
  });
});
