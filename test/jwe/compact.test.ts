// The compact form: splitting, and the chunked base64url of large segments
// (same verdicts and bytes as decoding the segment whole).
import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { splitJwe, decodeSegment, joinJwe } from '../../src/jwe/compact';
import { decode } from '../../src/codec/base64url';
import * as E from '../../src/errors';
import { caught } from '../jwt/helpers';

describe('splitJwe', () => {
  it('the positions of exactly four dots', () => {
    expect(splitJwe('a..b.c.d', 100)).toEqual([1, 2, 4, 6]);
    expect(splitJwe('....', 100)).toEqual([0, 1, 2, 3]);
    for (const t of ['a.b.c.d', 'a.b.c.d.e.f', '.....', '', 'abc']) expect(caught(() => splitJwe(t, 100)), t).toBeInstanceOf(E.DecodeError);
    expect(caught(() => splitJwe(null, 100))).toBeInstanceOf(E.DecodeError);
    expect(caught(() => splitJwe('a.b.c.d.e', 8)).code).toBe('ERR_JWT_TOO_LONG');
  });
});

describe('decodeSegment', () => {
  it('gives the bytes decode gives, for every length around the chunk size', () => {
    for (const n of [0, 1, 2, 3, 766, 767, 768, 769, 770, 1535, 1536, 1537, 2048, 3000]) {
      const text = Buffer.from(randomBytes(n)).toString('base64url');
      const token = 'xx' + text + 'yy';
      expect(Buffer.from(decodeSegment(token, 2, 2 + text.length)).equals(Buffer.from(decode(text))), 'n=' + n).toBe(true);
    }
  });
  it('refuses what decode refuses, wherever it is in the segment', () => {
    const text = Buffer.from(randomBytes(2049)).toString('base64url');
    for (const at of [0, 1023, 1024, 1500, text.length - 1]) {
      const bad = text.substr(0, at) + '+' + text.substr(at + 1);
      expect(caught(() => decodeSegment(bad, 0, bad.length)), 'at ' + at).toBeInstanceOf(E.DecodeError);
    }
    // non-zero trailing bits in the last char, and an impossible length
    const t2 = Buffer.from(randomBytes(2048)).toString('base64url');
    const last = t2.substr(0, t2.length - 1) + 'B';
    expect(caught(() => decode(last))).toBeInstanceOf(E.DecodeError);
    expect(caught(() => decodeSegment(last, 0, last.length))).toBeInstanceOf(E.DecodeError);
    expect(caught(() => decodeSegment(text + 'A' + 'AAAA', 0, text.length + 5))).toBeInstanceOf(E.DecodeError);
  });
});

describe('joinJwe', () => {
  it('five segments; the ciphertext encoded in chunks equals the whole encoding', () => {
    for (const n of [0, 1, 767, 768, 769, 2048]) {
      const ct = new Uint8Array(randomBytes(n));
      const t = joinJwe('hdr', 'k', '\x00\xff', ct, 'tag');
      expect(t).toBe('hdr.aw.AP8.' + Buffer.from(ct).toString('base64url') + '.dGFn');
    }
  });
});
