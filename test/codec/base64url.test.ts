import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { decode, encode, assertBase64url } from '../../src/codec/base64url';
import { DecodeError, JWTError } from '../../src/errors';

describe('base64url', () => {
  it('matches Node on random input of every length 0..300', () => {
    for (let n = 0; n <= 300; n++) {
      const bytes = new Uint8Array(randomBytes(n));
      const ours = encode(bytes);
      expect(ours).toBe(Buffer.from(bytes).toString('base64url'));
      expect(Buffer.from(decode(ours)).equals(Buffer.from(bytes))).toBe(true);
    }
  });

  it('decodes the RFC 4648 test strings', () => {
    const cases: [string, string][] = [['', ''], ['Zg', 'f'], ['Zm8', 'fo'], ['Zm9v', 'foo'], ['Zm9vYg', 'foob'], ['Zm9vYmE', 'fooba'], ['Zm9vYmFy', 'foobar']];
    for (const [b64u, text] of cases) expect(Buffer.from(decode(b64u)).toString('latin1')).toBe(text);
  });

  it.each([
    ['padding', 'Zg=='],
    ['standard alphabet +', 'a+b/'],
    ['white space', 'Zm9v Yg'],
    ['line break', 'Zm9v\nYg'],
    ['impossible length', 'Zm9vY'],
    ['non-zero trailing bits (2 chars)', 'Zh'],
    ['non-zero trailing bits (3 chars)', 'Zm9'],
    ['non-ASCII', 'Zm9vé'],
  ])('rejects %s', (_, input) => {
    expect(() => decode(input)).toThrow(DecodeError);
    try {
      assertBase64url(input);
      expect.unreachable();
    } catch (e) {
      expect((e as JWTError).code).toBe('ERR_BASE64URL');
    }
  });

  it('rejects wrong types with a typed error, not a TypeError', () => {
    expect(() => decode(42 as unknown as string)).toThrow(DecodeError);
    expect(() => encode('abc' as unknown as Uint8Array)).toThrow(JWTError);
    expect(() => encode(null as unknown as Uint8Array)).toThrow(JWTError);
  });
});
