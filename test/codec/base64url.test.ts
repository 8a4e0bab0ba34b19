import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { decode, decodeBinary, encode, assertBase64url, checkBase64url } from '../../src/codec/base64url';
import { UNICODE_STRINGS } from '../../src/codec/utf8';
import { DecodeError, JWTError } from '../../src/errors';
import { corpus, tokenOf } from '../attacks/corpus';

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

// On V8, decodeBinary and assertBase64url are their own functions (atob does
// the alphabet check, and the check keeps what it decoded for the decode; see
// src/codec/base64url.ts); boards use checkBase64url's regex checks and then
// atob. Both must give the same verdict on every input: the same bytes, or
// the same error (class, code, message).
describe('base64url on V8: decodeBinary and assertBase64url against the strict checks', () => {
  /** What a board does: the strict checks, then atob of the standard-alphabet form. */
  const strict = (text: string): string => {
    checkBase64url(text);
    return atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  };
  const outcome = (f: (t: string) => string, text: unknown): string => {
    try {
      return 'ok ' + JSON.stringify(f(text as string));
    } catch (e) {
      const err = e as JWTError;
      return err.constructor.name + ' ' + err.code + ' ' + err.message;
    }
  };
  /** An oracle that shares no code with either: Node's own decoder, re-encoded. */
  const canonical = (text: string): boolean => /^[A-Za-z0-9_-]*$/.test(text) && Buffer.from(text, 'base64url').toString('base64url') === text;
  const assertOnly = (f: (t: string) => void) => (text: string): string => {
    f(text);
    return '';
  };
  const check = (text: unknown): void => {
    const want = outcome(strict, text);
    const got = outcome(decodeBinary, text);
    expect(got, JSON.stringify(text)).toBe(want);
    expect(outcome(assertOnly(assertBase64url), text), JSON.stringify(text)).toBe(outcome(assertOnly(checkBase64url), text));
    // Right after the check: the decode the verifier does next, from what the check kept.
    expect(outcome(decodeBinary, text), JSON.stringify(text)).toBe(want);
    if (typeof text === 'string') expect(got.startsWith('ok '), JSON.stringify(text)).toBe(canonical(text));
  };
  const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  // Everything atob treats specially (white space, '=', '+', '/'), separators, control and non-ASCII chars.
  const ODD = ['+', '/', '=', ' ', '\t', '\n', '\r', '\f', '\v', '\u0000', '.', '~', '*', '%', '\u007f', '\u0080', '\u00e9', '\u00ff', '\u0100', '\u2028', '\ufeff', '\ud800'];

  it('runs the V8 function here', () => {
    expect(UNICODE_STRINGS).toBe(true);
  });

  it('canonical encodings of every length 0..300 and every last char of short texts', () => {
    for (let n = 0; n <= 300; n++) check(Buffer.from(randomBytes(n)).toString('base64url'));
    for (const prefix of ['', 'Zm9v', 'Zm9vYmFy']) {
      for (const a of ALPHABET) {
        check(prefix + a);
        for (const b of ALPHABET) {
          check(prefix + a + b);
          check(prefix + 'Q' + a + b);
        }
      }
    }
  });

  it('every odd char at every position, in place of a char and inserted, and a char dropped', () => {
    for (const n of [1, 2, 3, 4, 5, 6, 7, 8, 30, 31, 32, 33]) {
      const text = Buffer.from(randomBytes(n)).toString('base64url');
      for (let i = 0; i <= text.length; i++) {
        for (const c of ODD) {
          check(text.slice(0, i) + c + text.slice(i + 1));
          check(text.slice(0, i) + c + text.slice(i));
          check(text.slice(0, i) + c + c + text.slice(i));
        }
        check(text.slice(0, i) + text.slice(i + 1));
      }
      for (const pad of ['=', '==', '===', ' =', '= ']) check(text + pad);
    }
  });

  it('the standard alphabet, padding and white space in otherwise valid texts', () => {
    for (const t of ['Zg==', 'Zm8=', 'Zg', 'Zm8', 'Z g', 'Zm 8', 'Zm9v\nYg', ' Zm9v', 'Zm9v ', 'Zm9 v', 'Zm9vY', 'Zm9vY ', 'Zm9vY g', 'a+b/', 'a-b_', '+/+/', '-_-_', '====', ' ', '  ', '    ', '\t\n\f\r']) check(t);
  });

  it('what the check keeps serves only the same text, whatever runs in between', () => {
    assertBase64url('Zm9v');
    expect(decodeBinary('Zm9vYg')).toBe('foob');
    expect(decodeBinary('Zm9v')).toBe('foo');
    expect(() => assertBase64url('Zm9v!')).toThrow(DecodeError);
    expect(() => decodeBinary('Zm9v!')).toThrow(DecodeError);
    expect(decodeBinary('Zm9v')).toBe('foo');
    for (const v of [undefined, null, 0, {}]) expect(() => decodeBinary(v as unknown as string)).toThrow(DecodeError);
    expect(decodeBinary('')).toBe('');
    // A random walk of checks and decodes over canonical and broken texts.
    const texts = [...Array.from({ length: 12 }, (_, i) => Buffer.from(randomBytes(i * 7)).toString('base64url')), 'Zg==', 'Zh', 'a+b/', 'Zm9v Yg', 'Zm9vY', '', 'QQ'];
    for (let i = 0; i < 3000; i++) {
      const t = texts[randomBytes(1)[0] % texts.length];
      if (randomBytes(1)[0] & 1) expect(outcome(assertOnly(assertBase64url), t), t).toBe(outcome(assertOnly(checkBase64url), t));
      else expect(outcome(decodeBinary, t), t).toBe(outcome(strict, t));
    }
  });

  it('not a string', () => {
    for (const v of [undefined, null, 42, {}, [], ['Zg'], true, new Uint8Array(2)]) check(v);
  });

  it('a segment given as a range of a token decodes as the segment alone (here on V8 also without a check first; a board relies on the check)', () => {
    for (const c of corpus()) {
      const t = tokenOf(c.token);
      if (typeof t !== 'string') continue;
      const a = t.indexOf('.');
      const b = a < 0 ? -1 : t.indexOf('.', a + 1);
      if (b < 0) continue;
      const seg = t.substring(a + 1, b);
      expect(outcome((x) => decodeBinary(x, a + 1, b), t), seg).toBe(outcome(strict, seg));
      try {
        assertBase64url(seg);
      } catch (e) {
        continue;
      }
      expect(outcome((x) => decodeBinary(x, a + 1, b), t), seg).toBe(outcome(strict, seg));
    }
  });

  it('every segment of every token in the attack corpus, and the whole token', () => {
    let n = 0;
    for (const c of corpus()) {
      const t = tokenOf(c.token);
      if (typeof t !== 'string') {
        check(t);
        continue;
      }
      check(t);
      for (const seg of t.split('.')) {
        check(seg);
        n++;
      }
    }
    expect(n).toBeGreaterThan(1000);
  });
});
