// Interop with jose on Node, both ways: algorithms x claim sets x Unicode
// claims x key forms (string, bytes, JWK).
import { describe, expect, it } from 'vitest';
import * as jose from 'jose';
import { sign } from '../../src/jwt/sign';
import { verify } from '../../src/jwt/verify';
import { jwsSign, jwsVerify } from '../../src/jws/api';
import * as E from '../../src/errors';
import { caught, b64u } from './helpers';

export const ALGS = ['HS256', 'HS384', 'HS512'] as const;
const NOW = Math.floor(Date.now() / 1000);

export const CLAIM_SETS: Record<string, Record<string, unknown>> = {
  minimal: { sub: 'device-1' },
  registered: { iss: 'urn:example:issuer', sub: 'u', aud: ['urn:a', 'urn:b'], jti: 'id-1', iat: NOW - 10, nbf: NOW - 10, exp: NOW + 600 },
  unicode: { name: 'José ☺ 𝄞', quote: 'it\u2019s', emoji: '😀👍🏽', cjk: '日本語', mixed: 'a\u0000b\tc"d\\e/f\u007f\u0080\u00ff\u0100' },
  nested: { a: { b: [1, 2.5, -3, true, false, null, { c: 'd' }], e: {} }, big: 9007199254740991, neg: -9007199254740991, small: 1e-7, f: 0.1 },
  unicodeKeys: { 'clé': 'valeur', '☺': 1, '𝄞': ['x'] },
};

const secrets = (alg: string) => {
  const n = alg === 'HS256' ? 32 : alg === 'HS384' ? 48 : 64;
  const str = 'ü'.repeat(n / 2); // a string secret: its UTF-8 bytes (n bytes)
  const bytes = new TextEncoder().encode(str);
  return { str, bytes, jwk: { kty: 'oct' as const, k: b64u(bytes) } };
};

describe('jose -> microjwt', () => {
  for (const alg of ALGS) {
    for (const [setName, claims] of Object.entries(CLAIM_SETS)) {
      it(`${alg} ${setName}`, async () => {
        const { str, bytes, jwk } = secrets(alg);
        const token = await new jose.SignJWT(claims as jose.JWTPayload).setProtectedHeader({ alg, typ: 'JWT', kid: 'k☺' }).sign(bytes);
        const opts = { algorithms: [alg], audience: 'urn:b', issuer: 'urn:example:issuer' };
        const o = claims.aud ? opts : { algorithms: [alg] };
        for (const key of [str, bytes, jwk]) expect(verify(token, key, o)).toEqual(claims);
        const full = verify(token, str, { ...o, complete: true }) as any;
        expect(full.header).toEqual({ alg, typ: 'JWT', kid: 'k☺' });
        // a wrong key fails
        expect(caught(() => verify(token, 'x' + str, o))).toBeInstanceOf(E.InvalidSignatureError);
      });
    }
  }

  it('a JWS with a non-JSON payload (jose CompactSign) at the JWS level', async () => {
    const { bytes } = secrets('HS256');
    const payload = new TextEncoder().encode('It\u2019s binary: \u0000\u00ff');
    const token = await new jose.CompactSign(payload).setProtectedHeader({ alg: 'HS256' }).sign(bytes);
    expect(Buffer.from(jwsVerify(token, bytes, { algorithms: ['HS256'] }).payload).equals(Buffer.from(payload))).toBe(true);
  });
});

describe('microjwt -> jose', () => {
  for (const alg of ALGS) {
    for (const [setName, claims] of Object.entries(CLAIM_SETS)) {
      for (const form of ['str', 'bytes', 'jwk'] as const) {
        it(`${alg} ${setName} key as ${form}`, async () => {
          const s = secrets(alg);
          const token = sign(claims, s[form], { algorithm: alg, kid: 'k☺', noTimestamp: true });
          const { payload, protectedHeader } = await jose.jwtVerify(token, s.bytes, {
            algorithms: [alg],
            ...(claims.aud ? { audience: 'urn:b', issuer: 'urn:example:issuer' } : {}),
          });
          expect(payload).toEqual(claims);
          expect(protectedHeader).toEqual({ alg, typ: 'JWT', kid: 'k☺' });
        });
      }
    }
  }

  it('options-made claims are what jose expects', async () => {
    const { bytes } = secrets('HS256');
    const token = sign({ scope: 'r' }, bytes, { expiresIn: 60, notBefore: 0, issuer: 'i', subject: 's', audience: 'a', jwtid: true });
    const { payload } = await jose.jwtVerify(token, bytes, { algorithms: ['HS256'], issuer: 'i', subject: 's', audience: 'a', maxTokenAge: 5 });
    expect(payload.exp! - payload.iat!).toBe(60);
    expect(typeof payload.jti).toBe('string');
  });

  it('jws.sign of bytes verifies in jose compactVerify', async () => {
    const { bytes } = secrets('HS384');
    const data = new Uint8Array(300).map((_, i) => (i * 7) & 255);
    const token = jwsSign(data, bytes, { algorithm: 'HS384' });
    const r = await jose.compactVerify(token, bytes, { algorithms: ['HS384'] });
    expect(Buffer.from(r.payload).equals(Buffer.from(data))).toBe(true);
  });
});
