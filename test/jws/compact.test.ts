import { describe, expect, it } from 'vitest';
import { split, DEFAULT_MAX_TOKEN_LENGTH } from '../../src/jws/compact';
import { hashOf, isNone, minKeyBytes, ALGORITHMS } from '../../src/jws/algorithms';
import * as E from '../../src/errors';
import { caught } from '../jwt/helpers';

describe('compact split', () => {
  it('splits three segments (the verifier cuts the signing input from the token itself)', () => {
    expect(split('aa.bb.cc', 100)).toEqual({ header: 'aa', signedLength: 5, signature: 'cc' });
    expect(split('aaa.b.cccc', 100)).toEqual({ header: 'aaa', signedLength: 5, signature: 'cccc' });
    expect(split('..', 100)).toEqual({ header: '', signedLength: 1, signature: '' });
  });
  it('counts segments in the error', () => {
    expect(caught(() => split('a.b.c.d.e', 100)).message).toContain('5');
    expect(caught(() => split('abc', 100)).message).toContain('1');
  });
  it('checks length first', () => {
    expect(caught(() => split('a.b', 2)).code).toBe('ERR_JWT_TOO_LONG');
    expect(DEFAULT_MAX_TOKEN_LENGTH).toBe(4096);
  });
  it('refuses non-strings with DecodeError', () => {
    expect(caught(() => split(5 as any, 100))).toBeInstanceOf(E.DecodeError);
  });
});

describe('algorithms table', () => {
  it('maps HS names to hashes and minimum key sizes; own properties only', () => {
    expect(ALGORITHMS).toEqual(['HS256', 'HS384', 'HS512']);
    expect([hashOf('HS256'), hashOf('HS384'), hashOf('HS512')]).toEqual(['SHA-256', 'SHA-384', 'SHA-512']);
    expect([minKeyBytes('HS256'), minKeyBytes('HS384'), minKeyBytes('HS512')]).toEqual([32, 48, 64]);
    for (const x of ['toString', '__proto__', 'constructor', 'hs256', 'RS256', undefined, 1]) expect(hashOf(x)).toBeUndefined();
    for (const x of ['none', 'NONE', 'None', 'nOnE']) expect(isNone(x)).toBe(true);
    expect(isNone('nonE1')).toBe(false);
  });
});
