// Known answers: RFC 7520 §5.3 (PBES2-HS512+A256KW with A128CBC-HS256),
// §5.7's content layer (A128CBC-HS256 with a known CEK, IV and AAD), §5.8's
// key wrap (A128KW), and jose's documented dir/A128CBC-HS256 JWT.
import { describe, expect, it } from 'vitest';
import { decrypt } from '../../src/jwe/decrypt';
import { sealContent, openContent } from '../../src/jwe/content';
import { unwrapCek } from '../../src/jwe/keymanagement';
import { decryptJWT } from '../../src/jwt/decrypt';
import { aesKeyWrap } from '../../src/crypto/index';
import * as E from '../../src/errors';
import { caught, vectors } from '../jwt/helpers';
import { rfc7520_5_7 } from './helpers';

const bin = (b64u: string): string => Buffer.from(b64u, 'base64url').toString('latin1');
const b64u = (binary: string): string => Buffer.from(binary, 'latin1').toString('base64url');

describe('RFC 7520 5.3: PBES2-HS512+A256KW, A128CBC-HS256', () => {
  const v = vectors.jose.rfc7520_5_3_pbes2;
  it('decrypts the compact token with the password (a string with U+2013)', () => {
    const r = decrypt(v.compact, v.password_utf8, { keyManagementAlgorithms: [v.alg], contentEncryptionAlgorithms: [v.enc] });
    expect(Buffer.from(r.plaintext).toString('utf8')).toBe(v.plaintext_utf8);
    expect(r.header).toEqual({ alg: v.alg, p2s: v.p2s_b64u, p2c: v.p2c, cty: 'jwk-set+json', enc: v.enc });
  });
  it('derives the key-wrapping key from UTF8(alg) || 0x00 || p2s and unwraps the given CEK', () => {
    const password = Buffer.from(v.password_utf8, 'utf8').toString('latin1');
    const cek = unwrapCek(v.alg, v.enc, password, { p2s: v.p2s_b64u, p2c: v.p2c }, bin(v.encrypted_key_b64u), 10000);
    expect(b64u(cek)).toBe(v.cek_b64u);
  });
  it('is refused when p2c is above maxPBES2Count, before any PBKDF2 work', () => {
    const e = caught(() => decrypt(v.compact, v.password_utf8, { keyManagementAlgorithms: [v.alg], contentEncryptionAlgorithms: [v.enc], maxPBES2Count: 8191 }));
    expect(e).toBeInstanceOf(E.InvalidTokenError);
    expect(e.code).toBe('ERR_JWE_PBES2_COUNT');
  });
  it('a wrong password is the one DecryptionError', () => {
    const e = caught(() => decrypt(v.compact, v.password_utf8 + 'x', { keyManagementAlgorithms: [v.alg], contentEncryptionAlgorithms: [v.enc] }));
    expect(e).toBeInstanceOf(E.DecryptionError);
    expect(e.message).toBe('decryption failed');
  });
});

describe('RFC 7520 5.7: AES_128_CBC_HMAC_SHA_256 content layer with a known CEK', () => {
  const v = vectors.jose.rfc7520_5_7_content_layer;
  const plaintext = new Uint8Array(Buffer.from(v.plaintext_utf8, 'utf8'));
  it('gives exactly the RFC ciphertext and tag', () => {
    const [ciphertext, tag] = sealContent(v.enc, bin(v.cek_b64u), bin(v.iv_b64u), v.aad_ascii, plaintext, true);
    expect(Buffer.from(ciphertext).toString('base64url')).toBe(v.ciphertext_b64u);
    expect(b64u(tag)).toBe(v.tag_b64u);
  });
  it('opens the RFC ciphertext, and refuses it with any bit of the tag, IV, AAD or ciphertext changed', () => {
    const open = (ct: string, tag: string, iv = bin(v.iv_b64u), aad = v.aad_ascii) => openContent(v.enc, bin(v.cek_b64u), iv, aad, new Uint8Array(Buffer.from(ct, 'latin1')), tag, true);
    expect(Buffer.from(open(bin(v.ciphertext_b64u), bin(v.tag_b64u))).toString('utf8')).toBe(v.plaintext_utf8);
    const flip = (s: string, i: number) => s.substr(0, i) + String.fromCharCode(s.charCodeAt(i) ^ 1) + s.substr(i + 1);
    const ct = bin(v.ciphertext_b64u);
    const tag = bin(v.tag_b64u);
    for (const f of [
      () => open(ct, flip(tag, 15)),
      () => open(flip(ct, 0), tag),
      () => open(flip(ct, ct.length - 1), tag),
      () => open(ct, tag, flip(bin(v.iv_b64u), 3)),
      () => open(ct, tag, undefined, v.aad_ascii + 'x'),
      () => open(ct, tag.substr(0, 15)),
    ]) {
      const e = caught(f);
      expect(e).toBeInstanceOf(E.DecryptionError);
      expect(e.message).toBe('decryption failed');
    }
  });
});

describe('RFC 7520 5.7 in full: A256GCMKW, A128CBC-HS256', () => {
  it('decrypts the token rebuilt from the RFC parts, with the A256GCMKW key of the RFC key set', () => {
    const { compact, kek, plaintext, header } = rfc7520_5_7();
    const r = decrypt(compact, kek, { keyManagementAlgorithms: ['A256GCMKW'], contentEncryptionAlgorithms: ['A128CBC-HS256'] });
    expect(Buffer.from(r.plaintext).equals(Buffer.from(plaintext))).toBe(true);
    expect(r.header).toEqual(header);
    const e = caught(() => decrypt(compact, new Uint8Array(32), { keyManagementAlgorithms: ['A256GCMKW'], contentEncryptionAlgorithms: ['A128CBC-HS256'] }));
    expect(e).toBeInstanceOf(E.DecryptionError);
  });
});

describe('RFC 7520 5.8: A128KW key wrap step', () => {
  const v = vectors.jose.rfc7520_5_8_a128kw;
  it('wraps the CEK to the RFC encrypted key, and unwraps it back', () => {
    expect(Buffer.from(aesKeyWrap(Buffer.from(v.kek_b64u, 'base64url'), Buffer.from(v.cek_b64u, 'base64url'))).toString('base64url')).toBe(v.encrypted_key_b64u);
    expect(b64u(unwrapCek('A128KW', 'A128GCM', bin(v.kek_b64u), {}, bin(v.encrypted_key_b64u), 10000))).toBe(v.cek_b64u);
  });
  it('a failed unwrap continues with a fresh random CEK of the right size (RFC 7516 11.5)', () => {
    const bad = bin(v.encrypted_key_b64u);
    const tampered = bad.substr(0, 5) + String.fromCharCode(bad.charCodeAt(5) ^ 0x40) + bad.substr(6);
    const a = unwrapCek('A128KW', 'A128GCM', bin(v.kek_b64u), {}, tampered, 10000);
    const b = unwrapCek('A128KW', 'A128GCM', bin(v.kek_b64u), {}, tampered, 10000);
    const short = unwrapCek('A128KW', 'A256CBC-HS512', bin(v.kek_b64u), {}, bad, 10000);
    expect(a.length).toBe(16);
    expect(b.length).toBe(16);
    expect(a).not.toBe(b);
    expect(b64u(a)).not.toBe(v.cek_b64u);
    // The right unwrap, but the CEK is 16 bytes where A256CBC-HS512 needs 64: a random 64-byte one instead.
    expect(short.length).toBe(64);
  });
});

describe('jose documentation: dir / A128CBC-HS256 encrypted JWT', () => {
  const v = vectors.jose.jose_doc_dir_a128cbc_hs256;
  const key = new Uint8Array(Buffer.from(v.key_b64u, 'base64url'));
  const claims = JSON.parse(v.plaintext_utf8);
  it('decrypts to the documented claims, with the claim checks of verify', () => {
    const opts = { keyManagementAlgorithms: ['dir'], contentEncryptionAlgorithms: [v.enc], issuer: 'urn:example:issuer', audience: 'urn:example:audience', currentTime: claims.iat + 60 };
    expect(decryptJWT(v.compact, key, opts)).toEqual(claims);
    expect(decryptJWT(v.compact, { kty: 'oct', k: v.key_b64u }, opts)).toEqual(claims);
    expect(caught(() => decryptJWT(v.compact, key, { ...opts, audience: 'urn:other' }))).toBeInstanceOf(E.InvalidAudienceError);
    expect(caught(() => decryptJWT(v.compact, key, { ...opts, maxAge: 10 }))).toBeInstanceOf(E.ExpiredSignatureError);
    const full = decryptJWT(v.compact, key, { ...opts, complete: true }) as any;
    expect(full).toEqual({ header: { alg: 'dir', enc: v.enc }, payload: claims });
  });
});
