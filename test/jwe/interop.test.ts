// Interop with jose (v6) on Node, both ways, for EVERY alg x enc pair and
// the plaintexts 0, 1, 15, 16, 17 bytes, 2 KB and Unicode text; on the
// node backend (what Node users get) and on the pure TypeScript backend
// (what a board without native crypto runs), and with the key as bytes, as
// an oct JWK and (PBES2) as a password string.
import { afterEach, describe, expect, it } from 'vitest';
import * as jose from 'jose';
import { encrypt } from '../../src/jwe/encrypt';
import { decrypt } from '../../src/jwe/decrypt';
import { useBackend } from '../../src/crypto/index';
import { ALGS, ENCS, PLAINTEXTS, FAST_P2C, keyFor, keyBytesOf } from './helpers';

const b64u = (b: Uint8Array) => Buffer.from(b).toString('base64url');
const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

afterEach(() => useBackend('auto'));

for (const backend of ['auto', 'pure'] as const) {
  describe('jose interop, ' + backend + ' backend', () => {
    for (const alg of ALGS) {
      it.for(ENCS)(alg + ' / %s: microjwt -> jose and jose -> microjwt, every plaintext', async (enc) => {
        useBackend(backend);
        const key = keyFor(alg, enc);
        const raw = keyBytesOf(key);
        const pbes2 = alg.startsWith('PBES2');
        const p2c = pbes2 ? { p2c: FAST_P2C } : {};
        const opts = { keyManagementAlgorithms: [alg], contentEncryptionAlgorithms: [enc] };
        const jwk = { kty: 'oct' as const, k: b64u(raw) };
        for (const [name, pt] of Object.entries(PLAINTEXTS)) {
          // microjwt -> jose
          const token = encrypt(pt, name === 'unicode' ? jwk : key, { alg, enc, kid: 'k-' + name, ...p2c });
          const r = await jose.compactDecrypt(token, raw, { keyManagementAlgorithms: [alg], contentEncryptionAlgorithms: [enc], maxPBES2Count: 10000 });
          expect(same(r.plaintext, pt), name).toBe(true);
          expect(r.protectedHeader.alg).toBe(alg);
          expect(r.protectedHeader.enc).toBe(enc);
          expect(r.protectedHeader.kid).toBe('k-' + name);
          // jose -> microjwt
          const enc2 = new jose.CompactEncrypt(pt).setProtectedHeader({ alg, enc, kid: 'j' });
          if (pbes2) enc2.setKeyManagementParameters({ p2c: FAST_P2C });
          const t2 = await enc2.encrypt(raw);
          const d = decrypt(t2, name === 'unicode' ? jwk : key, opts);
          expect(same(d.plaintext, pt), name).toBe(true);
          expect(d.header.kid).toBe('j');
        }
      });
    }
  });
}

describe('text plaintexts', () => {
  it('a string plaintext is its UTF-8 bytes, as jose reads it', async () => {
    const key = keyFor('dir', 'A256GCM') as Uint8Array;
    const text = 'Grüße ☺ 𝄞 — ok';
    const token = encrypt(text, key, { alg: 'dir', enc: 'A256GCM' });
    const r = await jose.compactDecrypt(token, key);
    expect(new TextDecoder().decode(r.plaintext)).toBe(text);
  });
  it('the PBES2 defaults: p2c 2048 and a 16-byte random salt, new each time', async () => {
    const t1 = encrypt('x', 'password', { alg: 'PBES2-HS256+A128KW', enc: 'A128GCM' });
    const t2 = encrypt('x', 'password', { alg: 'PBES2-HS256+A128KW', enc: 'A128GCM' });
    const h1 = JSON.parse(Buffer.from(t1.split('.')[0], 'base64url').toString());
    const h2 = JSON.parse(Buffer.from(t2.split('.')[0], 'base64url').toString());
    expect(h1.p2c).toBe(2048);
    expect(Buffer.from(h1.p2s, 'base64url').length).toBe(16);
    expect(h1.p2s).not.toBe(h2.p2s);
    expect(new TextDecoder().decode((await jose.compactDecrypt(t1, new TextEncoder().encode('password'), { keyManagementAlgorithms: ['PBES2-HS256+A128KW'] })).plaintext)).toBe('x');
  });
  it('an explicit p2s and p2c are used as given (jose derives the same key)', async () => {
    const p2s = new Uint8Array(8).fill(7);
    const t = encrypt('y', 'pw', { alg: 'PBES2-HS384+A192KW', enc: 'A192CBC-HS384', p2s, p2c: 1234 });
    const r = await jose.compactDecrypt(t, new TextEncoder().encode('pw'), { keyManagementAlgorithms: ['PBES2-HS384+A192KW'] });
    expect(r.protectedHeader).toEqual({ alg: 'PBES2-HS384+A192KW', enc: 'A192CBC-HS384', p2s: b64u(p2s), p2c: 1234 });
    expect(new TextDecoder().decode(r.plaintext)).toBe('y');
  });
  it('IVs and CEKs are fresh per token: the same input never gives the same token', () => {
    const key = keyFor('A128KW', 'A128GCM');
    const seen = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const [, ek, iv] = encrypt('same', key, { alg: 'A128KW', enc: 'A128GCM' }).split('.');
      seen.add(ek);
      seen.add(iv);
    }
    expect(seen.size).toBe(40);
  });
});
