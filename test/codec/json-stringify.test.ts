// stringifyJson's fast path (one walk + one native JSON.stringify) against
// the exact serializer alone (stringifyJsonExact): the same bytes or the same
// typed error for every value, on Node here and on the device (emulated
// boards and, with ESPRUINO_BIN, the real interpreters) below.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { join } from 'node:path';
import { stringifyJson, stringifyJsonExact } from '../../src/codec/jsonstringify';
import { JWTError } from '../../src/errors';
import { buildDeviceModule } from '../../src/host/devicebuild.mjs';
import { runDeviceScript } from '../../src/host/emulator';
import { runOnEspruino, espruinoBinaries } from '../../src/host/real';
import { fullScript, totals, BOARDS } from '../jwt/devicerun';

const outcome = (f: (v: unknown) => string, v: unknown): string => {
  try {
    return 'ok ' + f(v);
  } catch (e) {
    if (!(e instanceof JWTError)) return 'raw ' + String(e);
    return 'error ' + e.code;
  }
};

// A small seeded PRNG, so a failure names a reproducible seed.
const rng = (seed: number) => () => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x80000000;
};

const STRINGS = ['', 'a', 'urn:example:api', 'José', '☺', '𝄞', '\ud800', 'x\udc00', 'tab\there', 'nl\n', 'q"q', 'b\\s', '\\u0041', '\x01', '\x7f', '\x80', 'ÿ', 'constructor', '__proto__', 'toJSON', '1', '0'];
const NUMBERS = [0, -0, 1, -1, 42, 1700000000, 0.1, 1 / 3, -2.5, 1e21, 1e-7, 2 ** 53, -(2 ** 53), 2 ** 53 + 2, -(2 ** 53) - 2, 1.5e300, NaN, Infinity, -Infinity, 123456789012345];

const randomValue = (r: () => number, depth: number): unknown => {
  const p = r();
  if (depth > 3 || p < 0.45) {
    const q = r();
    if (q < 0.4) return STRINGS[Math.floor(r() * STRINGS.length)];
    if (q < 0.75) return NUMBERS[Math.floor(r() * NUMBERS.length)];
    if (q < 0.85) return r() < 0.5;
    if (q < 0.93) return null;
    if (q < 0.97) return undefined;
    return r() < 0.5 ? () => 1 : new Date(0);
  }
  if (p < 0.7) {
    const a: unknown[] = [];
    const n = Math.floor(r() * 4);
    for (let i = 0; i < n; i++) a.push(randomValue(r, depth + 1));
    if (r() < 0.03) (a as unknown as Record<string, unknown>).extra = 1;
    return a;
  }
  const o: Record<string, unknown> = r() < 0.03 ? Object.create(null) : {};
  const n = Math.floor(r() * 5);
  for (let i = 0; i < n; i++) {
    const k = r() < 0.8 ? 'k' + Math.floor(r() * 6) : STRINGS[Math.floor(r() * STRINGS.length)];
    // defineProperty: an own "__proto__" member, as JSON.parse makes one.
    Object.defineProperty(o, k, { value: randomValue(r, depth + 1), enumerable: true, writable: true, configurable: true });
  }
  return o;
};

describe('stringifyJson fast path = the exact serializer (Node)', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('agrees on 20,000 random values (bytes or typed error)', () => {
    const r = rng(12345);
    let fast = 0;
    for (let i = 0; i < 20000; i++) {
      const v = randomValue(r, 0);
      const a = outcome(stringifyJson, v);
      const b = outcome(stringifyJsonExact, v);
      if (a !== b) throw new Error('value #' + i + ' ' + JSON.stringify(v) + ': fast ' + a + ' / exact ' + b);
      if (a.startsWith('ok')) fast++;
    }
    expect(fast).toBeGreaterThan(5000); // the comparison is not vacuous
  });

  it.each([
    ['a claims set', { iss: 'urn:i', sub: 'd-1', aud: ['a', 'b'], iat: 1700000000, n: 0.5, ok: true, z: null }],
    ['undefined members', { a: undefined, b: 1 }],
    ['nested objects', { a: { b: { c: [1, [2, { d: 'e' }]] } } }],
    ['integer-like names', { b: 1, 1: 2, 0: 3 }],
    ['2^53', { a: 2 ** 53, b: -(2 ** 53) }],
  ])('takes the fast path for %s: one native call, the same text', (_, v) => {
    const expected = stringifyJsonExact(v);
    const spy = vi.spyOn(JSON, 'stringify');
    expect(stringifyJson(v)).toBe(expected);
    expect(spy).toHaveBeenCalledTimes(1);
  });

  // (Non-ASCII text takes the fast path on V8, which leaves it unescaped;
  // on Espruino it falls back: see the device script below.)
  it.each([
    ['a member named constructor', { constructor: 'x' }],
    ['a control character', { a: '\x01' }],
    ['a null-prototype object', Object.assign(Object.create(null), { a: 1, b: 2 })],
  ])('falls back to the exact serializer for %s', (_, v) => {
    const expected = stringifyJsonExact(v);
    const spy = vi.spyOn(JSON, 'stringify');
    expect(stringifyJson(v)).toBe(expected);
    expect(spy.mock.calls.length).toBeGreaterThan(1);
  });

  it('reads each member once (an accessor answering differently each time)', () => {
    let reads = 0;
    const v = {};
    Object.defineProperty(v, 'a', { enumerable: true, get: () => (++reads === 1 ? 'first' : NaN) });
    expect(stringifyJson(v)).toBe('{"a":"first"}');
    expect(reads).toBe(1);
  });

  it('does not let a toJSON or an enumerable member on a prototype change the text', () => {
    const proto = Object.prototype as Record<string, unknown>;
    const arrayProto = Array.prototype as unknown as Record<string, unknown>;
    const v = { a: [1, 'x'], b: { c: true } };
    const expected = stringifyJsonExact(v);
    try {
      proto.toJSON = () => 'hijacked';
      expect(stringifyJson(v)).toBe(expected);
    } finally {
      delete proto.toJSON;
    }
    try {
      arrayProto.toJSON = () => 'hijacked';
      expect(stringifyJson(v)).toBe(expected);
    } finally {
      delete arrayProto.toJSON;
    }
    try {
      Object.defineProperty(proto, 'polluted', { value: 1, enumerable: true, configurable: true, writable: true });
      expect(stringifyJson(v)).toBe(expected);
    } finally {
      delete proto.polluted;
    }
  });

  it('refuses what the exact serializer refuses', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    let deep: unknown = 1;
    for (let i = 0; i < 40; i++) deep = [deep];
    for (const v of [cyclic, deep, { a: NaN }, { a: 2 ** 53 + 2 }, [1, undefined], { f: () => 1 }, { s: '\ud800' }, [, 1]]) {
      expect(() => stringifyJson(v)).toThrow(JWTError);
    }
  });
});

// On the device: a module holding only both serializers, and a script that
// compares them on the cases where Espruino differs from V8 (byte strings,
// `\u00XX` escapes, dropped `constructor`, hidden accessors, duplicate
// members from JSON.parse, ~12-digit floats).
const DEVICE_SCRIPT = `
var J = require('microjwt');
var out = function (f, v) {
  try { return 'ok ' + f(v); } catch (e) { return 'error ' + e.code; }
};
var same = function (name, v) {
  test(name, function () {
    var a = out(J.fast, v);
    var b = out(J.exact, v);
    assert(a === b, name + ': fast ' + a + ' / exact ' + b);
  });
};
var getter = { a: 1 };
Object.defineProperty(getter, 'b', { get: function () { return 'g'; }, enumerable: true });
var holes = [1, 2, 3];
delete holes[1];
var extra = [1, 2];
extra.x = 3;
var deep = 1;
for (var i = 0; i < 40; i++) deep = [deep];
var cyclic = {};
cyclic.self = cyclic;
same('claims', { iss: 'urn:i', sub: 'd-1', aud: ['a', 'b'], iat: 1700000000, exp: 1700003600, n: 0.5, ok: true, z: null });
same('floats', [0.1, 1 / 3, -2.5, 1e21, 1e-7, 1.5e300, 123456789012345, -0]);
same('2^53 and beyond', [9007199254740992, -9007199254740992]);
same('beyond 2^53', { a: 9007199254740994 });
same('NaN', { a: NaN });
same('non-ASCII bytes', { a: 'Jos\\xc3\\xa9' });
same('invalid UTF-8 bytes', { a: '\\xff' });
same('DEL and control characters', { a: '\\x7f', b: '\\x01', c: 'tab\\tnl\\n', d: 'q"b\\\\' });
same('a member named constructor', { constructor: 'x', b: 1 });
same('a nested constructor', { a: { constructor: 1 } });
same('an accessor', getter);
same('duplicate members from JSON.parse', JSON.parse('{"a":1,"b":2,"a":3}'));
same('nested duplicates', JSON.parse('{"o":{"a":1,"a":2}}'));
same('integer-like names', { b: 1, '1': 2, '0': 3 });
same('undefined members', { a: undefined, b: 1 });
same('undefined in an array', [1, undefined]);
same('an array with a hole', holes);
same('an array with an extra member', extra);
same('a function', { f: function () {} });
same('a Date', { d: new Date(0) });
same('a Uint8Array', { u: new Uint8Array(2) });
same('nested too deep', deep);
same('a cycle', cyclic);
same('empty containers', { a: {}, b: [] });
test('the fast path takes one native call', function () {
  var n = 0;
  var native = JSON.stringify;
  JSON.stringify = function (v) { n++; return native(v); };
  var text;
  try { text = J.fast({ a: 'x', b: [1, 2], c: { d: true } }); } finally { JSON.stringify = native; }
  eq(text, '{"a":"x","b":[1,2],"c":{"d":true}}');
  eq(n, 1);
});
`;

const ENTRY = "import { stringifyJson, stringifyJsonExact } from './src/codec/jsonstringify';\nexport default { fast: stringifyJson, exact: stringifyJsonExact };\n";

describe('stringifyJson fast path = the exact serializer (device)', async () => {
  const module = await buildDeviceModule(join(__dirname, '..', '..'), { text: ENTRY });
  const runners = [
    ...BOARDS.map((board) => ({ name: 'emulator ' + board, run: (src: string) => runDeviceScript(src, { board, timeoutMs: 60000, module: module.minified }) })),
    ...espruinoBinaries().map((bin) => ({ name: 'real ' + bin, run: (src: string) => runOnEspruino(bin, src, { timeoutMs: 120000, module: module.minified }) })),
  ];
  it.each(runners)('$name', async ({ run }) => {
    const r = await run(fullScript(DEVICE_SCRIPT));
    expect(r.error, r.output).toBeUndefined();
    expect(totals(r.output), r.output).toEqual({ passed: 25, failed: 0 });
  }, 180000);
});
