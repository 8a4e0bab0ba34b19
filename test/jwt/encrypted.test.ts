// encryptJWT / decryptJWT: claims as sign/verify make and check them (same
// options, same errors), interop with jose's EncryptJWT/jwtDecrypt both ways,
// and nested sign-then-encrypt (RFC 7519 §5.2) both ways with jose.
import { describe, expect, it } from 'vitest';
import * as jose from 'jose';
import { encryptJWT } from '../../src/jwt/encrypt';
import { decryptJWT } from '../../src/jwt/decrypt';
import { sign } from '../../src/jwt/sign';
import { encrypt } from '../../src/jwe/encrypt';
import { verify } from '../../src/jwt/verify';
import * as E from '../../src/errors';
import { caught, NOW } from './helpers';

const ENC_KEY = new Uint8Array(32).map((_, i) => i + 1);
const SIGN_KEY = 'a signing secret long enough for HS512: 64 bytes.'.padEnd(64, '!');
const EO = { alg: 'dir', enc: 'A256GCM' };
const DO = { keyManagementAlgorithms: ['dir'], contentEncryptionAlgorithms: ['A256GCM'] };
const headerOf = (t: string) => JSON.parse(Buffer.from(t.split('.')[0], 'base64url').toString());

describe('encryptJWT claims: as sign', () => {
  it('the same claims as sign for the same options', () => {
    const o = { currentTime: NOW, expiresIn: 60, notBefore: -5, issuer: 'i', subject: 's', audience: ['a', 'b'], jwtid: 'j' };
    const signed = verify(sign({ x: 'é' }, SIGN_KEY, o), SIGN_KEY, { algorithms: ['HS256'], audience: 'a', currentTime: NOW });
    const enc = decryptJWT(encryptJWT({ x: 'é' }, ENC_KEY, { ...EO, ...o }), ENC_KEY, { ...DO, audience: 'a', currentTime: NOW });
    expect(enc).toEqual(signed);
    expect(enc).toEqual({ x: 'é', iat: NOW, exp: NOW + 60, nbf: NOW - 5, iss: 'i', sub: 's', aud: ['a', 'b'], jti: 'j' });
  });
  it('the same refusals as sign', () => {
    expect(caught(() => encryptJWT({ exp: 'soon' }, ENC_KEY, EO)).code).toBe('ERR_INVALID_ARGUMENT');
    expect(caught(() => encryptJWT({ exp: 1 }, ENC_KEY, { ...EO, expiresIn: 5 })).code).toBe('ERR_OPTIONS_INVALID');
    expect(caught(() => encryptJWT('x' as any, ENC_KEY, EO)).code).toBe('ERR_INVALID_ARGUMENT');
    expect(caught(() => encryptJWT({}, ENC_KEY, { ...EO, audiance: 'x' } as any)).code).toBe('ERR_OPTIONS_INVALID');
    expect(caught(() => encryptJWT({}, ENC_KEY, { ...EO, cty: 'x' } as any)).code).toBe('ERR_OPTIONS_INVALID');
    expect(caught(() => encryptJWT({}, ENC_KEY, { ...EO, currentTime: 100 }))).toBeInstanceOf(E.ClockNotSetError);
    expect(caught(() => encryptJWT({}, ENC_KEY, undefined as any)).code).toBe('ERR_OPTIONS_INVALID');
  });
  it('typ "JWT" by default, or the typ option', () => {
    expect(headerOf(encryptJWT({}, ENC_KEY, EO))).toEqual({ alg: 'dir', enc: 'A256GCM', typ: 'JWT' });
    expect(headerOf(encryptJWT({}, ENC_KEY, { ...EO, typ: 'at+jwt', kid: 'k' }))).toEqual({ alg: 'dir', enc: 'A256GCM', kid: 'k', typ: 'at+jwt' });
    expect(headerOf(encryptJWT({}, ENC_KEY, { ...EO, header: { typ: 'secevent+jwt', x: 1 } }))).toEqual({ alg: 'dir', enc: 'A256GCM', typ: 'secevent+jwt', x: 1 });
    expect(caught(() => encryptJWT({}, ENC_KEY, { ...EO, typ: 'a', header: { typ: 'b' } })).code).toBe('ERR_OPTIONS_INVALID');
  });
});

describe('decryptJWT claims: as verify, same errors', () => {
  const token = encryptJWT({ n: 1 }, ENC_KEY, { ...EO, currentTime: NOW, expiresIn: 60, issuer: 'urn:i', audience: 'urn:a', subject: 'u' });
  const check = (o: object, ctor: any) => {
    const viaVerify = caught(() => verify(sign({ n: 1 }, SIGN_KEY, { currentTime: NOW, expiresIn: 60, issuer: 'urn:i', audience: 'urn:a', subject: 'u' }), SIGN_KEY, { algorithms: ['HS256'], ...o }));
    const viaDecrypt = caught(() => decryptJWT(token, ENC_KEY, { ...DO, ...o }));
    expect(viaDecrypt).toBeInstanceOf(ctor);
    expect(viaDecrypt.constructor).toBe(viaVerify.constructor);
    expect(viaDecrypt.code).toBe(viaVerify.code);
    expect(viaDecrypt.message).toBe(viaVerify.message);
  };
  it('each claim check', () => {
    check({ currentTime: NOW + 61, audience: 'urn:a' }, E.ExpiredSignatureError);
    check({ currentTime: NOW, audience: 'urn:b' }, E.InvalidAudienceError);
    check({ currentTime: NOW }, E.InvalidAudienceError);
    check({ currentTime: NOW, audience: 'urn:a', issuer: 'urn:x' }, E.InvalidIssuerError);
    check({ currentTime: NOW, audience: 'urn:a', subject: 'v' }, E.InvalidSubjectError);
    check({ currentTime: NOW, audience: 'urn:a', requiredClaims: ['jti'] }, E.MissingRequiredClaimError);
    check({ currentTime: NOW + 100, audience: 'urn:a', maxAge: 10, leeway: 0 }, E.ExpiredSignatureError);
    check({ currentTime: 5, audience: 'urn:a' }, E.ClockNotSetError);
    check({ currentTime: NOW, audience: 'urn:a', typ: 'other' }, E.InvalidTokenError);
    check({ currentTime: NOW, audience: 'urn:a', validate: () => { throw new E.InvalidTokenError('no', 'X'); } }, E.InvalidTokenError);
  });
  it('accepts with the right options; complete gives the JWE header; validate sees it', () => {
    let seen: any;
    const o = { ...DO, currentTime: NOW, audience: 'urn:a', issuer: 'urn:i', subject: 'u', typ: 'application/JWT', validate: (p: any, h: any) => (seen = [p, h]) };
    expect(decryptJWT(token, ENC_KEY, o)).toEqual({ n: 1, iat: NOW, exp: NOW + 60, iss: 'urn:i', aud: 'urn:a', sub: 'u' });
    expect(seen[1]).toEqual({ alg: 'dir', enc: 'A256GCM', typ: 'JWT' });
    expect(decryptJWT(token, ENC_KEY, { ...o, complete: true })).toEqual({ header: { alg: 'dir', enc: 'A256GCM', typ: 'JWT' }, payload: seen[0] });
  });
  it('options are checked as for verify', () => {
    expect(caught(() => decryptJWT(token, ENC_KEY, { ...DO, algorithms: ['HS256'] } as any)).code).toBe('ERR_OPTIONS_INVALID');
    expect(caught(() => decryptJWT(token, ENC_KEY, { ...DO, leeway: -1 })).code).toBe('ERR_OPTIONS_INVALID');
    expect(caught(() => decryptJWT(token, ENC_KEY, { contentEncryptionAlgorithms: ['A256GCM'] } as any)).code).toBe('ERR_OPTIONS_INVALID');
  });
  it('a plaintext that is not a JSON object is a DecodeError', () => {
    expect(caught(() => decryptJWT(encrypt('[1]', ENC_KEY, EO), ENC_KEY, DO))).toBeInstanceOf(E.DecodeError);
    expect(caught(() => decryptJWT(encrypt('{"a":1,"a":2}', ENC_KEY, EO), ENC_KEY, DO))).toBeInstanceOf(E.DecodeError);
  });
});

describe('encrypted JWT interop with jose', () => {
  const claims = { sub: 'device-7', 'clé': 'été ☺', n: [1, 2.5, null] };
  it('microjwt encryptJWT -> jose jwtDecrypt, for each alg family', async () => {
    for (const [alg, enc, key] of [
      ['dir', 'A128CBC-HS256', new Uint8Array(32).fill(1)],
      ['A192KW', 'A256GCM', new Uint8Array(24).fill(2)],
      ['A256GCMKW', 'A192CBC-HS384', new Uint8Array(32).fill(3)],
      ['PBES2-HS384+A192KW', 'A128GCM', 'password ☺'],
    ] as const) {
      const t = encryptJWT(claims, key, { alg, enc, currentTime: NOW, expiresIn: 3600, issuer: 'urn:dev', p2c: alg.startsWith('P') ? 1000 : undefined });
      const k = typeof key === 'string' ? new TextEncoder().encode(key) : key;
      const r = await jose.jwtDecrypt(t, k, { issuer: 'urn:dev', currentDate: new Date(NOW * 1000), keyManagementAlgorithms: [alg] });
      expect(r.payload).toEqual({ ...claims, iat: NOW, exp: NOW + 3600, iss: 'urn:dev' });
      expect(r.protectedHeader.typ).toBe('JWT');
    }
  });
  it('jose EncryptJWT -> microjwt decryptJWT', async () => {
    for (const [alg, enc, key] of [
      ['dir', 'A256CBC-HS512', new Uint8Array(64).fill(4)],
      ['A128KW', 'A128GCM', new Uint8Array(16).fill(5)],
      ['A128GCMKW', 'A256GCM', new Uint8Array(16).fill(6)],
      ['PBES2-HS256+A128KW', 'A128CBC-HS256', 'password ☺'],
    ] as const) {
      const k = typeof key === 'string' ? new TextEncoder().encode(key) : key;
      const e = new jose.EncryptJWT(claims).setProtectedHeader({ alg, enc }).setIssuedAt(NOW).setExpirationTime(NOW + 60).setAudience('urn:hub');
      if (alg.startsWith('P')) e.setKeyManagementParameters({ p2c: 1000 });
      const t = await e.encrypt(k);
      expect(decryptJWT(t, key, { keyManagementAlgorithms: [alg], contentEncryptionAlgorithms: [enc], audience: 'urn:hub', currentTime: NOW + 1 })).toEqual({ ...claims, iat: NOW, exp: NOW + 60, aud: 'urn:hub' });
      expect(caught(() => decryptJWT(t, key, { keyManagementAlgorithms: [alg], contentEncryptionAlgorithms: [enc], audience: 'urn:hub', currentTime: NOW + 61 }))).toBeInstanceOf(E.ExpiredSignatureError);
    }
  });
});

describe('the README example', () => {
  it('a board\'s encryptJWT (A256KW, A256GCM) is read by jose\'s jwtDecrypt', async () => {
    const key = new Uint8Array(32).map((_, i) => 200 - i);
    const token = encryptJWT({ sub: 'sensor-7', temp: 21.5 }, key, { alg: 'A256KW', enc: 'A256GCM', expiresIn: 300, audience: 'hub' });
    const { payload } = await jose.jwtDecrypt(token, key, { audience: 'hub', keyManagementAlgorithms: ['A256KW'], contentEncryptionAlgorithms: ['A256GCM'] });
    expect(payload).toMatchObject({ sub: 'sensor-7', temp: 21.5, aud: 'hub' });
    expect((payload.exp as number) - (payload.iat as number)).toBe(300);
  });
});

describe('nested JWT: sign, then encrypt (RFC 7519 5.2)', () => {
  const claims = { sub: 'device-9', scope: 'read', 'ü': '☺' };
  const VO = { ...DO, verify: { key: SIGN_KEY, algorithms: ['HS256'] } };

  it('microjwt -> jose: jose decrypts, then verifies the inner JWS', async () => {
    const t = encryptJWT(claims, ENC_KEY, { ...EO, kid: 'enc-1', currentTime: NOW, expiresIn: 60, sign: { key: SIGN_KEY, algorithm: 'HS384', kid: 'sig-1' } });
    expect(headerOf(t)).toEqual({ alg: 'dir', enc: 'A256GCM', kid: 'enc-1', typ: 'JWT', cty: 'JWT' });
    const outer = await jose.compactDecrypt(t, ENC_KEY);
    const inner = await jose.jwtVerify(new TextDecoder().decode(outer.plaintext), new TextEncoder().encode(SIGN_KEY), { algorithms: ['HS384'], currentDate: new Date(NOW * 1000) });
    expect(inner.payload).toEqual({ ...claims, iat: NOW, exp: NOW + 60 });
    expect(inner.protectedHeader).toEqual({ alg: 'HS384', typ: 'JWT', kid: 'sig-1' });
  });

  it('jose -> microjwt: one decryptJWT call decrypts, verifies and checks the claims', async () => {
    const jws = await new jose.SignJWT(claims).setProtectedHeader({ alg: 'HS256', kid: 's' }).setIssuedAt(NOW).setExpirationTime(NOW + 60).sign(new TextEncoder().encode(SIGN_KEY));
    const t = await new jose.CompactEncrypt(new TextEncoder().encode(jws)).setProtectedHeader({ alg: 'A256KW', enc: 'A128CBC-HS256', cty: 'JWT' }).encrypt(ENC_KEY);
    const o = { keyManagementAlgorithms: ['A256KW'], contentEncryptionAlgorithms: ['A128CBC-HS256'], verify: { key: SIGN_KEY, algorithms: ['HS256'] }, currentTime: NOW + 1 };
    expect(decryptJWT(t, ENC_KEY, o)).toEqual({ ...claims, iat: NOW, exp: NOW + 60 });
    const full = decryptJWT(t, ENC_KEY, { ...o, complete: true }) as any;
    expect(full.header).toEqual({ alg: 'A256KW', enc: 'A128CBC-HS256', cty: 'JWT' });
    expect(full.jws).toEqual({ header: { alg: 'HS256', kid: 's' }, signature: jws.split('.')[2] });
    expect(caught(() => decryptJWT(t, ENC_KEY, { ...o, currentTime: NOW + 61 }))).toBeInstanceOf(E.ExpiredSignatureError);
    expect(caught(() => decryptJWT(t, ENC_KEY, { ...o, verify: { key: SIGN_KEY + 'x', algorithms: ['HS256'] } }))).toBeInstanceOf(E.InvalidSignatureError);
    expect(caught(() => decryptJWT(t, ENC_KEY, { ...o, verify: { key: SIGN_KEY, algorithms: ['HS512'] } }))).toBeInstanceOf(E.InvalidAlgorithmError);
  });

  it('a nested token without the verify option yields no claims', () => {
    const t = encryptJWT(claims, ENC_KEY, { ...EO, sign: { key: SIGN_KEY } });
    const e = caught(() => decryptJWT(t, ENC_KEY, DO));
    expect(e).toBeInstanceOf(E.InvalidTokenError);
    expect(e.code).toBe('ERR_JWT_NESTED');
    expect(decryptJWT(t, ENC_KEY, { ...VO, currentTime: NOW })).toMatchObject(claims);
  });

  it('the verify option refuses a token that is not nested (its claims would be unsigned)', () => {
    const t = encryptJWT(claims, ENC_KEY, EO);
    const e = caught(() => decryptJWT(t, ENC_KEY, VO));
    expect(e).toBeInstanceOf(E.InvalidTokenError);
    expect(e.code).toBe('ERR_JWT_NOT_NESTED');
  });

  it('nested options are checked', () => {
    expect(caught(() => encryptJWT(claims, ENC_KEY, { ...EO, sign: { algorithm: 'HS256' } as any })).code).toBe('ERR_OPTIONS_INVALID');
    expect(caught(() => encryptJWT(claims, ENC_KEY, { ...EO, sign: { key: SIGN_KEY, algorithm: 'none' } })).code).toBe('ERR_OPTIONS_INVALID');
    expect(caught(() => encryptJWT(claims, ENC_KEY, { ...EO, sign: { key: SIGN_KEY, algorithm: 'RS256' } }))).toBeInstanceOf(E.NotSupportedError);
    expect(caught(() => encryptJWT(claims, ENC_KEY, { ...EO, sign: { key: 5 } } as any)).code).toBe('ERR_OPTIONS_INVALID');
    expect(caught(() => encryptJWT(claims, ENC_KEY, { ...EO, sign: { key: 'short' } }))).toBeInstanceOf(E.InvalidKeyError);
    expect(caught(() => decryptJWT('x', ENC_KEY, { ...DO, verify: { key: SIGN_KEY } } as any)).code).toBe('ERR_OPTIONS_INVALID');
    expect(caught(() => decryptJWT('x', ENC_KEY, { ...DO, verify: { key: SIGN_KEY, algorithms: ['HS256'], audience: 'x' } } as any)).code).toBe('ERR_OPTIONS_INVALID');
  });
});
