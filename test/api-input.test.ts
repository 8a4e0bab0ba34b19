// Every public function, given inputs of the wrong type or shape, must throw a
// microjwt error (instanceof JWTError, with a code), never a raw TypeError or
// RangeError, and never return as if nothing were wrong.
import { describe, expect, it } from 'vitest';
import microjwt from '../src/index';
import { JWTError } from '../src/errors';

const KEY = 'k'.repeat(32);
const TOKEN = microjwt.sign({ sub: 'a' }, KEY, { currentTime: 1700000000 });
const cyclic: Record<string, unknown> = {};
cyclic.self = cyclic;

const WRONG: unknown[] = [
  undefined, null, 0, -1, 1.5, NaN, Infinity, true, '', 'x', '\u0000', '\ud800', 'é'.repeat(3),
  {}, [], [1], { length: 3 }, () => 1, new Date(0), new Uint16Array(2), new ArrayBuffer(4), cyclic,
  Object.create(null), { __proto__: { kty: 'oct' } }, 'a.b.c', '..', 'x'.repeat(10000),
];

/** Calls `fn`; returns the error it threw (undefined if none). */
const thrown = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (e) {
    return e;
  }
  return undefined;
};

const expectTypedOrResult = (what: string, fn: () => unknown) => {
  const e = thrown(fn);
  if (e === undefined) return; // some wrong-looking inputs are legal (e.g. any string to utf8.encode)
  expect(e instanceof JWTError, what + ' threw ' + String(e)).toBe(true);
  expect(typeof (e as JWTError).code, what + ' error has a code').toBe('string');
};

const CALLS: [string, (x: unknown) => unknown][] = [
  ['sign(payload)', (x) => microjwt.sign(x as never, KEY)],
  ['sign(key)', (x) => microjwt.sign({ a: 1 }, x, { currentTime: 1700000000 })],
  ['sign(options)', (x) => microjwt.sign({ a: 1 }, KEY, x as never)],
  ['verify(token)', (x) => microjwt.verify(x as string, KEY, { algorithms: ['HS256'] })],
  ['verify(key)', (x) => microjwt.verify(TOKEN, x, { algorithms: ['HS256'] })],
  ['verify(options)', (x) => microjwt.verify(TOKEN, KEY, x as never)],
  ['verify(algorithms)', (x) => microjwt.verify(TOKEN, KEY, { algorithms: x as string[] })],
  ['decode', (x) => microjwt.decode(x as string)],
  ['getUnverifiedHeader', (x) => microjwt.getUnverifiedHeader(x as string)],
  ['jws.sign(payload)', (x) => microjwt.jws.sign(x as string, KEY)],
  ['jws.verify(token)', (x) => microjwt.jws.verify(x as string, KEY, { algorithms: ['HS256'] })],
  ['importJWK', (x) => microjwt.importJWK(x as never)],
  ['exportJWK', (x) => microjwt.exportJWK(x as never)],
  ['thumbprint', (x) => microjwt.thumbprint(x as never)],
  ['generateSecret', (x) => microjwt.generateSecret(x as never)],
  ['new KeySet', (x) => new microjwt.KeySet(x as never)],
  ['base64url.encode', (x) => microjwt.base64url.encode(x as Uint8Array)],
  ['base64url.decode', (x) => microjwt.base64url.decode(x as string)],
  ['utf8.encode', (x) => microjwt.utf8.encode(x as string)],
  ['utf8.decode', (x) => microjwt.utf8.decode(x as Uint8Array)],
  ['crypto.sha256', (x) => microjwt.crypto.sha256(x as Uint8Array)],
  ['crypto.hmac(hash)', (x) => microjwt.crypto.hmac(x as 'SHA-256', KEY, 'data')],
  ['crypto.hmac(key)', (x) => microjwt.crypto.hmac('SHA-256', x as string, 'data')],
  ['crypto.pbkdf2(iterations)', (x) => microjwt.crypto.pbkdf2('SHA-256', 'p', 's', x as number, 32)],
  ['crypto.pbkdf2(length)', (x) => microjwt.crypto.pbkdf2('SHA-256', 'p', 's', 1, x as number)],
  ['crypto.aesCbcEncrypt(key)', (x) => microjwt.crypto.aesCbcEncrypt(x as Uint8Array, new Uint8Array(16), new Uint8Array(3))],
  ['crypto.aesCbcDecrypt(data)', (x) => microjwt.crypto.aesCbcDecrypt(new Uint8Array(32), new Uint8Array(16), x as Uint8Array)],
  ['crypto.aesEcbEncryptBlock(block)', (x) => microjwt.crypto.aesEcbEncryptBlock(new Uint8Array(16), x as Uint8Array)],
  ['crypto.randomBytes', (x) => microjwt.crypto.randomBytes(x as number)],
  ['crypto.timingSafeEqual', (x) => microjwt.crypto.timingSafeEqual(x as Uint8Array, new Uint8Array(2))],
  ['crypto.useBackend', (x) => microjwt.crypto.useBackend(x as 'auto')],
];

describe('public API under wrong inputs', () => {
  it.each(CALLS)('%s throws only typed errors', (name, call) => {
    for (const x of WRONG) expectTypedOrResult(name + ' with ' + Object.prototype.toString.call(x), () => call(x));
    microjwt.crypto.useBackend('auto');
  });

  it('verify never accepts a token it was not given a matching key for', () => {
    for (const x of WRONG) {
      const e = thrown(() => microjwt.verify(TOKEN, x, { algorithms: ['HS256'], currentTime: 1700000000 }));
      expect(e, 'verify with key ' + Object.prototype.toString.call(x)).toBeInstanceOf(JWTError);
    }
  });

  it('random byte flips in a token are always rejected with a typed error', () => {
    for (let i = 0; i < 2000; i++) {
      const chars = TOKEN.split('');
      const at = Math.floor(Math.random() * chars.length);
      chars[at] = String.fromCharCode(Math.floor(Math.random() * 128));
      const t = chars.join('');
      if (t === TOKEN) continue;
      const e = thrown(() => microjwt.verify(t, KEY, { algorithms: ['HS256'], currentTime: 1700000000 }));
      expect(e instanceof JWTError, 'flip at ' + at + ': ' + String(e)).toBe(true);
    }
  });
});
