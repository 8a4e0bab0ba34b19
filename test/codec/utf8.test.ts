import { describe, expect, it } from 'vitest';
import { decode, encode } from '../../src/codec/utf8';
import { DecodeError, JWTError } from '../../src/errors';

const randomString = (n: number): string => {
  let s = '';
  for (let i = 0; i < n; i++) {
    const r = Math.random();
    let cp = r < 0.4 ? Math.floor(Math.random() * 0x80) : r < 0.6 ? 0x80 + Math.floor(Math.random() * 0x780) : r < 0.8 ? 0x800 + Math.floor(Math.random() * 0xf800) : 0x10000 + Math.floor(Math.random() * 0xfffff);
    if (cp >= 0xd800 && cp <= 0xdfff) cp = 0x41;
    s += String.fromCodePoint(cp);
  }
  return s;
};

describe('utf8', () => {
  it('round-trips the reference string with the same bytes as Node', () => {
    const text = 'José ☺ 𝄞';
    const bytes = encode(text);
    expect(Buffer.from(bytes).toString('hex')).toBe(Buffer.from(text, 'utf8').toString('hex'));
    expect(decode(bytes)).toBe(text);
  });

  it('matches Node on random 1-, 2-, 3- and 4-byte characters', () => {
    for (let i = 0; i < 300; i++) {
      const text = randomString(i);
      const bytes = encode(text);
      expect(Buffer.from(bytes).equals(Buffer.from(text, 'utf8'))).toBe(true);
      expect(decode(bytes)).toBe(text);
    }
  });

  it.each([
    ['lone continuation byte', [0x80]],
    ['overlong 2-byte', [0xc0, 0xaf]],
    ['overlong 3-byte', [0xe0, 0x80, 0xaf]],
    ['surrogate', [0xed, 0xa0, 0x80]],
    ['above U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
    ['truncated 3-byte', [0x61, 0xe2, 0x98]],
    ['truncated 4-byte at end', [0xf0, 0x9d, 0x84]],
    ['0xFF', [0xff]],
  ])('rejects %s', (_, bytes) => {
    expect(() => decode(new Uint8Array(bytes))).toThrow(DecodeError);
  });

  it('refuses lone surrogates and wrong types with typed errors', () => {
    expect(() => encode('a\ud800b')).toThrow(JWTError);
    expect(() => encode('\udc00')).toThrow(JWTError);
    expect(() => encode(5 as unknown as string)).toThrow(JWTError);
    expect(() => decode('abc' as unknown as Uint8Array)).toThrow(JWTError);
  });

  it('accepts and refuses byte sequences exactly as a strict decoder does (WHATWG, fatal)', () => {
    // Short random sequences biased to bytes >= 0x80, so lead and
    // continuation bytes, overlong forms, surrogates and truncations all occur.
    const strict = new TextDecoder('utf-8', { fatal: true });
    let seed = 12345;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return (seed >>> 8) % n;
    };
    let refused = 0;
    for (let t = 0; t < 50000; t++) {
      const bytes = new Uint8Array(1 + rand(5));
      for (let i = 0; i < bytes.length; i++) bytes[i] = rand(2) ? 0x80 + rand(128) : rand(256);
      let want: string | null = null;
      try {
        want = strict.decode(bytes);
      } catch {
        refused++;
      }
      if (want === null) expect(() => decode(bytes), Array.from(bytes).join(',')).toThrow(DecodeError);
      else expect(decode(bytes), Array.from(bytes).join(',')).toBe(want);
    }
    expect(refused).toBeGreaterThan(10000);
    expect(refused).toBeLessThan(49000);
  });
});
