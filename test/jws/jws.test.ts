// JWS level: jws.sign / jws.verify over arbitrary payload bytes, RFC 7520 4.4.
import { describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import { jwsSign, jwsVerify } from '../../src/jws/api';
import * as E from '../../src/errors';
import { SECRET, caught, vectors, forge } from '../jwt/helpers';

describe('jws', () => {
  const v = vectors.jose.rfc7520_4_4_hs256;

  it('verifies RFC 7520 4.4 (UTF-8 text payload with U+2019), JWK key with kid/use/alg', () => {
    const r = jwsVerify(v.compact, v.key_jwk, { algorithms: ['HS256'] });
    expect(r.header).toEqual(v.protected_header);
    expect(r.payload).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(r.payload).toString('utf8')).toBe(v.payload_utf8);
  });

  it('reproduces RFC 7520 4.4 exactly (same header order, same payload)', () => {
    expect(jwsSign(v.payload_utf8, v.key_jwk, { header: { kid: v.key_jwk.kid } })).toBe(v.compact);
    expect(jwsSign(new TextEncoder().encode(v.payload_utf8), v.key_jwk, { kid: v.key_jwk.kid })).toBe(v.compact);
  });

  it('binary payloads round-trip, all 256 byte values', () => {
    const bytes = new Uint8Array(256).map((_, i) => i);
    const t = jwsSign(bytes, SECRET, { algorithm: 'HS512' });
    expect(Array.from(jwsVerify(t, SECRET, { algorithms: ['HS512'] }).payload)).toEqual(Array.from(bytes));
    const [h, p, s] = t.split('.');
    expect(createHmac('sha512', SECRET).update(h + '.' + p).digest('base64url')).toBe(s);
    expect(JSON.parse(Buffer.from(h, 'base64url').toString())).toEqual({ alg: 'HS512' });
  });

  it('empty payload', () => {
    const t = jwsSign('', SECRET);
    expect(t.split('.')[1]).toBe('');
    expect(jwsVerify(t, SECRET, { algorithms: ['HS256'] }).payload.length).toBe(0);
  });

  it('non-JSON payloads are fine at this level, JSON rules still hold for the header', () => {
    expect(Buffer.from(jwsVerify(forge('{"alg":"HS256"}', 'not json'), SECRET, { algorithms: ['HS256'] }).payload).toString()).toBe('not json');
    expect(caught(() => jwsVerify(forge('{"alg":"HS256","alg":"HS256"}', 'x'), SECRET, { algorithms: ['HS256'] }))).toBeInstanceOf(E.DecodeError);
  });

  it('errors: bad signature, alg none, options', () => {
    const t = jwsSign('hi', SECRET);
    expect(caught(() => jwsVerify(t, SECRET + 'x', { algorithms: ['HS256'] }))).toBeInstanceOf(E.InvalidSignatureError);
    expect(caught(() => jwsVerify(t, SECRET, { algorithms: ['HS384'] }))).toBeInstanceOf(E.InvalidAlgorithmError);
    expect(caught(() => jwsVerify(t, SECRET, undefined as any)).code).toBe('ERR_OPTIONS_INVALID');
    expect(caught(() => jwsVerify(t, SECRET, { algorithms: ['HS256'], audience: 'x' } as any)).code).toBe('ERR_OPTIONS_INVALID');
    expect(caught(() => jwsSign(12 as any, SECRET)).code).toBe('ERR_INVALID_ARGUMENT');
    expect(caught(() => jwsSign('x', SECRET, { typ: 'JWT' } as any)).code).toBe('ERR_OPTIONS_INVALID');
  });

  it('a truncated or padded signature is refused', () => {
    const t = jwsSign('hi', SECRET);
    const s = t.split('.')[2];
    const base = t.slice(0, t.length - s.length);
    expect(caught(() => jwsVerify(base + s.slice(0, 40), SECRET, { algorithms: ['HS256'] }))).toBeInstanceOf(E.InvalidSignatureError);
    expect(caught(() => jwsVerify(base, SECRET, { algorithms: ['HS256'] }))).toBeInstanceOf(E.InvalidSignatureError);
    expect(caught(() => jwsVerify(base + s + 'AAA', SECRET, { algorithms: ['HS256'] }))).toBeInstanceOf(E.InvalidSignatureError);
  });
});
