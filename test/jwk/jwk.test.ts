import { describe, expect, it } from 'vitest';
import * as jose from 'jose';
import { importJWK, exportJWK, thumbprint, generateSecret } from '../../src/jwk/jwk';
import { keyBinary, looksLikeKeyText, checkKeyLength } from '../../src/jwk/key';
import * as E from '../../src/errors';
import { caught, vectors } from '../jwt/helpers';

describe('JWK helpers', () => {
  it('RFC 7638 thumbprints (vectors, and jose on random keys)', async () => {
    for (const t of vectors.jose.rfc7638_thumbprints) expect(thumbprint(t.jwk)).toBe(t.sha256_b64u);
    for (let i = 0; i < 10; i++) {
      const jwk = exportJWK(generateSecret('HS512'));
      expect(thumbprint({ ...jwk, kid: 'ignored', alg: 'HS512' } as any)).toBe(await jose.calculateJwkThumbprint(jwk as any));
    }
    expect(caught(() => thumbprint({ kty: 'RSA', n: 'x', e: 'AQAB' } as any))).toBeInstanceOf(E.InvalidKeyError);
    expect(caught(() => thumbprint({ kty: 'oct', k: 'a' } as any))).toBeInstanceOf(E.InvalidKeyError);
    expect(caught(() => thumbprint(vectors.jose.rfc7638_thumbprints[0].jwk, 'sha512'))).toBeInstanceOf(E.NotSupportedError);
  });
  it('import/export round trip and agree with jose', async () => {
    const bytes = generateSecret('HS384');
    expect(bytes.length).toBe(48);
    const jwk = exportJWK(bytes);
    expect(jwk).toEqual({ kty: 'oct', k: Buffer.from(bytes).toString('base64url') });
    expect(await jose.exportJWK(bytes)).toEqual(jwk);
    expect(Array.from(importJWK(jwk))).toEqual(Array.from(bytes));
    expect(Array.from(importJWK({ ...jwk, alg: 'HS384' }, 'HS384'))).toEqual(Array.from(bytes));
    expect(caught(() => importJWK({ ...jwk, alg: 'HS384' }, 'HS256')).code).toBe('ERR_KEY_NO_MATCH');
    expect(exportJWK('é')).toEqual({ kty: 'oct', k: 'w6k' });
    expect(caught(() => exportJWK(5 as any)).code).toBe('ERR_INVALID_ARGUMENT');
  });
  it('generateSecret sizes and randomness', () => {
    expect(generateSecret().length).toBe(32);
    expect(generateSecret('HS512').length).toBe(64);
    expect(Buffer.from(generateSecret()).equals(Buffer.from(generateSecret()))).toBe(false);
    expect(caught(() => generateSecret('none')).code).toBe('ERR_OPTIONS_INVALID');
  });
  it('JWK validation', () => {
    for (const bad of [{ kty: 'oct', k: 1 }, { kty: 'oct', k: 'AA', kid: 1 }, { kty: 'oct', k: 'AA', key_ops: 'sign' }, { kty: 'oct', k: 'AA==' }, { kty: 'EC' }, []]) {
      expect(caught(() => importJWK(bad as any)).code).toBe('ERR_KEY_TYPE');
    }
  });
});

describe('key normalisation', () => {
  it('looksLikeKeyText', () => {
    for (const s of ['-----BEGIN PUBLIC KEY-----', '\n -----BEGIN RSA PRIVATE KEY-----', 'ssh-rsa AAAA', 'ssh-ed25519 AAAA', 'ecdsa-sha2-nistp256 AAAA', '{"kty":"oct"}', ' {']) {
      expect(looksLikeKeyText(s)).toBe(true);
    }
    for (const s of ['secret', '-not-pem', 'sshkey', 'e', '', '[1]']) expect(looksLikeKeyText(s)).toBe(false);
  });
  it('string keys are their UTF-8 bytes', () => {
    expect(keyBinary('é☺', 'HS256', 'verify')).toBe('\xc3\xa9\xe2\x98\xba');
    expect(keyBinary(new Uint8Array([1, 255]), 'HS256', 'verify')).toBe('\x01\xff');
  });
  it('length check', () => {
    expect(caught(() => checkKeyLength('x'.repeat(31), 'HS256', undefined)).code).toBe('ERR_KEY_TOO_SHORT');
    expect(() => checkKeyLength('x'.repeat(31), 'HS256', 31)).not.toThrow();
    expect(caught(() => checkKeyLength('x'.repeat(40), 'HS256', 41)).code).toBe('ERR_KEY_TOO_SHORT');
  });
});
