import { describe, expect, it } from 'vitest';
import { parseJson } from '../../src/codec/json';
import { stringifyJson } from '../../src/codec/jsonstringify';
import { DecodeError, JWTError } from '../../src/errors';

/** The binary string of the UTF-8 bytes of `text`, as base64url.decodeBinary gives it. */
const bin = (text: string) => Buffer.from(text, 'utf8').toString('latin1');
const parse = (text: string) => parseJson(bin(text));

describe('parseJson: accepts strict JSON, with the value JSON.parse gives', () => {
  it.each([
    '{}', '[]', '{"a":1}', '{"a":[1,2,{"b":null}],"c":true,"d":false}', ' { "a" : 1 , "b" : [ ] } \r\n\t',
    '"x"', '0', '-0', '1.5', '-1.5e3', '1E+2', '2e-3', '9007199254740992', '-9007199254740992', '123456789012345',
    '{"s":"tab\\tq\\"b\\\\s\\/n\\nu\\u0041"}', '{"u":"\\u00e9\\u2019\\ud834\\udd1e"}', '{"é":"José ☺ 𝄞"}',
    '{"constructor":1,"toString":2,"hasOwnProperty":3}', '{"a":{"a":{"a":1}}}', '{"":1}', '{"x":"a__proto__b"}',
    '{"iss":"https://a.example:8443/x","aud":["urn:a:b","c"],"t:1":{"k:":"::"},"ip":"10.0.0.1","v":1.25e-3}',
  ])('%s', (text) => {
    expect(parse(text)).toEqual(JSON.parse(text));
  });

  it('returns objects with Object.prototype', () => {
    const v = parse('{"a":{"b":1}}') as { a: object };
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(v.a)).toBe(Object.prototype);
  });
});

describe('parseJson: rejects what some platform would read differently', () => {
  it.each([
    ['trailing comma in object', '{"a":1,}'],
    ['trailing comma in array', '[1,]'],
    ['single quotes', "{'a':1}"],
    ['leading zero', '{"a":01}'],
    ['junk after the value', '{"a":1} x'],
    ['two values', '{} {}'],
    ['duplicate member', '{"a":1,"a":2}'],
    ['duplicate member, nested', '{"x":{"a":1,"b":2,"a":3}}'],
    ['duplicate member by escape', '{"a":1,"\\u0061":2}'],
    // The V8 fast path counts ':' (members + ':' inside strings): these put
    // ':' in names and values so a wrong count would let a duplicate through.
    ['duplicate member whose value holds a colon', '{"iss":"https://a.example","iss":"b"}'],
    ['duplicate member whose name holds a colon', '{"a:":1,"a:":2}'],
    ['duplicate member, colons in a later string', '{"a":1,"a":2,"s":"x:y"}'],
    ['duplicate member in an object inside an array', '{"l":[{"u":"h:1","u":"h:2"}]}'],
    ['integer just beyond 2^53 (parses to 2^53)', '{"a":9007199254740993,"s":"x:y"}'],
    ['41-char number with a fraction', '{"iat":1700000000,"n":1.000000000000000000000000000000000000001}'],
    ['41-char number with a long exponent', '{"n":1e-000000000000000000000000000000000000001}'],
    ['__proto__ member', '{"__proto__":{"x":1}}'],
    ['__proto__ with a primitive', '{"__proto__":1}'],
    ['__proto__ escaped', '{"\\u005f_proto__":{"x":1}}'],
    ['integer beyond 2^53', '{"a":9007199254740993}'],
    ['integer at 2^63', '{"a":9223372036854775808}'],
    ['negative integer beyond 2^53', '{"a":-9007199254740993}'],
    ['1e400', '{"exp":1e400}'],
    ['lone high surrogate escape', '{"a":"\\ud834"}'],
    ['lone low surrogate escape', '{"a":"\\udd1e"}'],
    ['bad escape', '{"a":"\\x41"}'],
    ['short \\u escape', '{"a":"\\u12"}'],
    ['raw control character', '{"a":"x\ny"}'],
    ['unterminated string', '{"a":"x}'],
    ['NaN', '{"a":NaN}'],
    ['Infinity', '{"a":Infinity}'],
    ['plus sign', '{"a":+1}'],
    ['bare dot', '{"a":.5}'],
    ['trailing dot', '{"a":1.}'],
    ['hex', '{"a":0x10}'],
    ['comment', '{"a":1 /* c */}'],
    ['unquoted key', '{a:1}'],
    ['empty text', ''],
    ['only white space', '  '],
    ['True', '{"a":True}'],
    ['unclosed', '{"a":[1,2}'],
    ['mismatched', '{"a":[1,2}]'],
    ['too deep', '['.repeat(40) + ']'.repeat(40)],
  ])('%s', (_, text) => {
    try {
      parse(text);
      expect.unreachable('accepted ' + text);
    } catch (e) {
      expect(e).toBeInstanceOf(DecodeError);
      expect((e as JWTError).code).toMatch(/^ERR_(JSON|UTF8)$/);
    }
  });

  it('rejects invalid UTF-8 bytes', () => {
    expect(() => parseJson('{"a":"\xc3"}')).toThrow(DecodeError);
    expect(() => parseJson('{"a":"\xed\xa0\x80"}')).toThrow(DecodeError);
  });

  it('agrees with JSON.parse on random valid documents', () => {
    const rnd = (n: number) => Math.floor(Math.random() * n);
    const value = (d: number): unknown => {
      const k = rnd(d > 3 ? 4 : 7);
      if (k === 0) return rnd(2) === 0;
      if (k === 1) return rnd(1e9) - 5e8;
      if (k === 2) return [...'sé☺𝄞"\\\n'].slice(rnd(5), 5 + rnd(6)).join(''); // whole code points only
      if (k === 3) return null;
      if (k === 4) return Array.from({ length: rnd(4) }, () => value(d + 1));
      const o: Record<string, unknown> = {};
      for (let i = rnd(4); i > 0; i--) o['k' + rnd(100)] = value(d + 1);
      return o;
    };
    for (let i = 0; i < 300; i++) {
      const v = value(0);
      const compact = JSON.stringify(v);
      const spaced = JSON.stringify(v, null, 2);
      expect(parse(compact)).toEqual(v);
      expect(parse(spaced)).toEqual(v);
    }
  });
});

describe('stringifyJson', () => {
  it('writes compact UTF-8 JSON that Node reads back identically', () => {
    const v = { a: 1, s: 'José ☺ 𝄞 “q” \n', arr: [true, null, -2.5, 'x'], nested: { constructor: 'kept' }, big: 9007199254740991, ms: 1700000000123 };
    const out = stringifyJson(v);
    expect(Buffer.from(out, 'latin1').toString('utf8')).toBe(JSON.stringify(v));
    expect(parseJson(out)).toEqual(v);
  });

  it('leaves out undefined members, as JSON.stringify does', () => {
    expect(stringifyJson({ a: undefined, b: 1 })).toBe('{"b":1}');
  });

  it.each([
    ['NaN', { a: NaN }],
    ['Infinity', { a: Infinity }],
    ['a function', { a: () => 1 }],
    ['undefined in an array', [1, undefined]],
    ['a Date', { d: new Date(0) }],
    ['a Uint8Array', { b: new Uint8Array(2) }],
    ['a lone surrogate', { s: '\ud800' }],
    ['a bigint', { n: BigInt(1) }],
    ['a symbol', { s: Symbol('x') }],
  ])('refuses %s with a typed error', (_, v) => {
    expect(() => stringifyJson(v)).toThrow(JWTError);
  });

  it('refuses cycles with a typed error', () => {
    const a: Record<string, unknown> = {};
    a.self = a;
    expect(() => stringifyJson(a)).toThrow(JWTError);
  });
});

describe('parseJson: limits that hold on the device', () => {
  const arrays = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
  const objects = (depth: number) => '{"a":'.repeat(depth - 1) + '{}' + '}'.repeat(depth - 1);

  it('nesting: 32 containers deep is accepted, 33 refused (arrays, objects, mixed)', () => {
    expect(parse(arrays(32))).toEqual(JSON.parse(arrays(32)));
    expect(parse(objects(32))).toEqual(JSON.parse(objects(32)));
    expect(() => parse(arrays(33))).toThrow(DecodeError);
    expect(() => parse(objects(33))).toThrow(/nesting deeper than 32/);
    expect(() => parse('{"a":' + arrays(32) + '}')).toThrow(/nesting deeper than 32/);
    expect(() => parse(arrays(3000))).toThrow(/nesting deeper than 32/);
    expect(() => parse('['.repeat(3000))).toThrow(DecodeError);
  });

  it('more than 32 brackets that are not deep (or sit in strings) are accepted', () => {
    const wide = '[' + '[],'.repeat(100) + '{}]';
    expect(parse(wide)).toEqual(JSON.parse(wide));
    const inStrings = '{"s":"' + '[{'.repeat(40) + '"}';
    expect(parse(inStrings)).toEqual(JSON.parse(inStrings));
  });

  it('strings of any length beside the number checks (Espruino throws converting a 64+ char string to a number)', () => {
    for (const n of [63, 64, 100, 3000]) {
      const text = '{"s":"' + 'x'.repeat(n) + '","d":"' + '9'.repeat(n) + '","a":["' + 'y'.repeat(n) + '"]}';
      expect(parse(text)).toEqual(JSON.parse(text));
    }
  });

  it('numbers: 40 chars accepted, 41 refused (the device lexer misreads 64+)', () => {
    const n40 = '1.' + '0'.repeat(37) + '1';
    expect(n40.length).toBe(40);
    expect(parse('{"n":' + n40 + '}')).toEqual({ n: Number(n40) });
    expect(() => parse('{"n":' + n40 + '5}')).toThrow(/number longer than 40 chars/);
    expect(() => parse('[1e' + '0'.repeat(64) + '1]')).toThrow(/number longer than 40 chars/);
    expect(() => parse('[-0.' + '1'.repeat(40) + ']')).toThrow(DecodeError);
  });
});
