// decode() and getUnverifiedHeader(): no signature check, same structure checks.
import { describe, expect, it } from 'vitest';
import { decode, getUnverifiedHeader } from '../../src/jwt/decode';
import * as E from '../../src/errors';
import { forge, caught, vectors, b64u } from './helpers';

describe('decode (unverified)', () => {
  it('decodes RFC 7515 A.1 without a key', () => {
    const v = vectors.jose.rfc7515_a1_hs256;
    const r = decode(v.compact);
    expect(r.header).toEqual({ typ: 'JWT', alg: 'HS256' });
    expect(r.payload).toEqual(v.payload);
    expect(r.signature).toBe(v.compact.split('.')[2]);
    expect(getUnverifiedHeader(v.compact)).toEqual({ typ: 'JWT', alg: 'HS256' });
  });
  it('does not check the signature or alg', () => {
    const t = b64u('{"alg":"none"}') + '.' + b64u('{"a":1}') + '.';
    expect(decode(t)).toEqual({ header: { alg: 'none' }, payload: { a: 1 }, signature: '' });
    expect(getUnverifiedHeader(t)).toEqual({ alg: 'none' });
  });
  it('applies the structure checks', () => {
    for (const t of ['a.b', 'a.b.c.d', 'x'.repeat(5000)]) expect(caught(() => decode(t))).toBeInstanceOf(E.DecodeError);
    expect(caught(() => decode(forge('{"alg":"HS256","alg":"x"}', '{}'))).code).toBe('ERR_JSON');
    expect(caught(() => decode(forge('{"alg":"HS256"}', '[1]'))).code).toBe('ERR_JWT_MALFORMED');
    expect(caught(() => decode(forge('{"alg":"HS256"}', '{"__proto__":{}}')))).toBeInstanceOf(E.DecodeError);
    expect(caught(() => getUnverifiedHeader(forge('{"alg":"HS256"}', '{}') + '='))).toBeInstanceOf(E.DecodeError);
    expect(caught(() => getUnverifiedHeader(forge('[1]', '{}')))).toBeInstanceOf(E.DecodeError);
  });
  it('maxTokenLength option', () => {
    const t = forge('{"alg":"HS256"}', JSON.stringify({ p: 'x'.repeat(5000) }));
    expect(caught(() => decode(t)).code).toBe('ERR_JWT_TOO_LONG');
    expect(decode(t, { maxTokenLength: 10000 }).payload).toEqual({ p: 'x'.repeat(5000) });
    expect(caught(() => decode(t, { maxTokenLength: -1 })).code).toBe('ERR_OPTIONS_INVALID');
    expect(caught(() => decode(t, { foo: 1 } as any)).code).toBe('ERR_OPTIONS_INVALID');
  });
  it('fresh objects each call', () => {
    const t = forge('{"alg":"HS256"}', '{"a":{"b":1}}');
    const a = decode(t);
    (a.payload.a as any).b = 2;
    expect(decode(t).payload).toEqual({ a: { b: 1 } });
  });
});
