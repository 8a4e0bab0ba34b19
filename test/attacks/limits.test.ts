// Limits that bound what one token can cost a device, checked where they
// matter: on the real interpreters (ESPRUINO_BIN), whose memory the emulator
// only estimates. Each test states a budget measured on the Pico-like build
// (5,100 variables) and fails past it:
// - a token at the default maxTokenLength (4,096 chars) verifies, or is
//   refused with a typed error, with 1,750 JsVars free;
// - nothing a token carries stays in RAM after the call: the decoded-header
//   cache keeps only verified headers of at most 256 chars, the MAC cache
//   at most 4 keys.
// (Length and nesting limits at and just past their values are corpus cases:
// see the 'length' and 'nesting' groups in corpus.ts, 'jwe-length',
// 'jwe-pbes2' and the session 'length:' cases; the key-set size is the 'kid'
// group's; the StorageRevocationStore bound is store.test.ts's.) On Node:
// the PBES2 count refused before any work, the session entry points'
// maxTokenLength, the MemoryRevocationStore capacity.
import { describe, expect, it } from 'vitest';
import { basename } from 'node:path';
import { runOnEspruino, espruinoBinaries } from '../../src/host/real';
import { forge } from './forge';
import source from '../../src/index';
import { forgeJwe } from './jweforge';

const caught = (f: () => unknown): Error & { code: string } => {
  try {
    f();
  } catch (e) {
    return e as Error & { code: string };
  }
  throw new Error('no error thrown');
};

const KEY = 'attack-corpus-secret-0123456789-abcdef';
const NOW = 1700000000;

/** An honest token of exactly `n` chars (a padded string claim). */
const tokenOf = (n: number): string => {
  for (let extra = Math.floor(((n - 250) * 3) / 4); extra < n; extra++) {
    for (let hx = 0; hx < 4; hx++) {
      const t = forge('{"alg":"HS256","typ":"JWT","p":"' + 'y'.repeat(hx) + '"}', JSON.stringify({ sub: 'limits', exp: NOW + 3600, pad: 'x'.repeat(extra) }), KEY);
      if (t.length === n) return t;
    }
  }
  throw new Error('no token of ' + n + ' chars');
};
const forged = (t: string): string => t.slice(0, -2) + (t.endsWith('AA') ? 'BA' : 'AA');

describe('limits on Node', () => {
  it('the limit tokens used below are what they claim', () => {
    const t = tokenOf(4096);
    expect(t.length).toBe(4096);
    expect(source.verify(t, KEY, { algorithms: ['HS256'], currentTime: NOW })).toMatchObject({ sub: 'limits' });
    expect(() => source.verify(forged(t), KEY, { algorithms: ['HS256'], currentTime: NOW })).toThrow(source.InvalidSignatureError);
  });
});

describe('limits of JWE, key sets and revocation stores on Node (each at and just past its default and its option)', () => {
  const pb = (p2c: string) => forgeJwe({ alg: 'PBES2-HS256+A128KW', enc: 'A128GCM', key: 'limits password', plaintext: 'x', p2c });
  const popts = { keyManagementAlgorithms: ['PBES2-HS256+A128KW'], contentEncryptionAlgorithms: ['A128GCM'] };

  it('a PBES2 count of 10^9 is refused before any PBKDF2 work', () => {
    // The accepted count at the default limit does the work: 10,000 iterations.
    let t = performance.now();
    expect(source.decrypt(pb('10000'), 'limits password', popts).plaintext).toHaveLength(1);
    const work = performance.now() - t;
    t = performance.now();
    const e = caught(() => source.decrypt(pb('1000000000'), 'limits password', popts));
    const refuse = performance.now() - t;
    expect(e).toBeInstanceOf(source.InvalidTokenError);
    expect(e.code).toBe('ERR_JWE_PBES2_COUNT');
    // 10^9 iterations would take hours; the refusal costs less than a tenth of 10,000 iterations.
    expect(refuse, 'refusal ' + refuse + ' ms, 10,000 iterations ' + work + ' ms').toBeLessThan(Math.max(work / 10, 5));
    expect(caught(() => source.decrypt(pb('10001'), 'limits password', popts)).code).toBe('ERR_JWE_PBES2_COUNT');
    expect(source.decrypt(pb('50'), 'limits password', { ...popts, maxPBES2Count: 50 }).plaintext).toHaveLength(1);
    expect(caught(() => source.decrypt(pb('51'), 'limits password', { ...popts, maxPBES2Count: 50 })).code).toBe('ERR_JWE_PBES2_COUNT');
  });

  it('session entry points: maxTokenLength 1,536 by default (MicroJWT, introspect, guard), an option of each', () => {
    const clock = () => NOW;
    const mj = new source.MicroJWT(KEY, { clock, silent: true });
    const at = (n: number) => {
      // A MicroJWT token padded to exactly n chars.
      for (let pad = 0; pad < n; pad++) {
        const t = mj.createToken('u', 'r', { p: 'x'.repeat(pad) });
        if (t.length >= n) return t.length === n ? t : undefined;
      }
    };
    let t1536: string | undefined;
    let t1537: string | undefined;
    for (let i = 0; i < 20 && !(t1536 && t1537); i++) {
      t1536 = t1536 ?? at(1536);
      t1537 = t1537 ?? at(1537);
    }
    expect(t1536?.length).toBe(1536);
    expect(t1537?.length).toBe(1537);
    expect(mj.verifyToken(t1536!)).not.toBeNull();
    expect(mj.verifyToken(t1537!)).toBeNull();
    expect(mj.lastError?.code).toBe('ERR_JWT_TOO_LONG');
    expect(new source.MicroJWT(KEY, { clock, silent: true, maxTokenLength: 1537 }).verifyToken(t1537!)).not.toBeNull();
    const vo = { algorithms: ['HS256'], currentTime: NOW };
    expect(source.introspect(t1536!, KEY, vo).active).toBe(true);
    expect(source.introspect(t1537!, KEY, vo).active).toBe(false);
    expect(source.introspect(t1537!, KEY, { ...vo, maxTokenLength: 1537 }).active).toBe(true);
    const status = (g: (req: unknown, res: never) => void, t: string) => {
      let s = 0;
      g({ headers: { authorization: 'Bearer ' + t } }, { writeHead: (x: number) => (s = x), end: () => {} } as never);
      return s;
    };
    const ok = (_q: unknown, res: { writeHead(s: number): void; end(): void }) => {
      res.writeHead(200);
      res.end();
    };
    expect(status(source.guard({ key: KEY, ...vo }, ok as never), t1536!)).toBe(200);
    expect(status(source.guard({ key: KEY, ...vo }, ok as never), t1537!)).toBe(401);
    expect(status(source.guard({ key: KEY, ...vo, maxTokenLength: 1537 }, ok as never), t1537!)).toBe(200);
    expect(status(source.guard({ jwt: mj }, ok as never), t1537!)).toBe(401);
    for (const bad of [0, 1.5, '1536']) expect(caught(() => new source.MicroJWT(KEY, { maxTokenLength: bad as never })).code).toBe('ERR_OPTIONS_INVALID');
  });

  it('MemoryRevocationStore: 100 entries by default, the capacity option, at most 100,000', () => {
    const fill = (s: { add(j: string, e: number): boolean }, n: number) => {
      for (let i = 0; i < n; i++) expect(s.add('j' + i, NOW + 60)).toBe(true);
    };
    const clock = () => NOW;
    const d = new source.MemoryRevocationStore({ clock });
    fill(d, 100);
    expect(caught(() => d.add('one more', NOW + 60)).code).toBe('ERR_STORE_FULL');
    expect(d.size()).toBe(100);
    const c = new source.MemoryRevocationStore({ capacity: 3, clock });
    fill(c, 3);
    expect(caught(() => c.add('one more', NOW + 60)).code).toBe('ERR_STORE_FULL');
    expect(new source.MemoryRevocationStore({ capacity: 100000 }).size()).toBe(0);
    expect(caught(() => new source.MemoryRevocationStore({ capacity: 100001 })).code).toBe('ERR_OPTIONS_INVALID');
    // A session's default store is one of these: a flood of refreshes cannot grow it past its capacity.
    const mj = new source.MicroJWT(KEY, { clock, silent: true, revocationStore: new source.MemoryRevocationStore({ capacity: 2, clock }) });
    let t = mj.createToken('u', 'r');
    t = mj.refreshToken(t);
    t = mj.refreshToken(t);
    expect(() => mj.refreshToken(t)).toThrow(source.JWTError);
    expect(mj.lastError?.code).toBe('ERR_STORE_FULL');
  });
});

const binaries = espruinoBinaries();
describe('limits on the real interpreter', () => {
  if (!binaries.length) it.skip('skipped: ESPRUINO_BIN is not set', () => {});
  for (const bin of binaries) {
    const name = basename(bin) + ' (' + bin + ')';

    it('a 4,096-char token, honest or forged, fits in 1,750 free JsVars: ' + name, async () => {
      const honest = tokenOf(4096);
      // The token arrives as the application holds it (a string in RAM), then
      // the rest of memory is filled until 1,750 JsVars are free.
      const script = `var mj = require('microjwt');
var S = require('Storage'), K = ${JSON.stringify(KEY)};
var T = [S.read('honest') + '', S.read('forged') + ''];
var want = ['ok', 'InvalidSignatureError'];
for (var i = 0; i < 2; i++) {
  var F = [], free = process.memory().free, got;
  while (free > 1780) { var step = free - 1750 > 400 ? 100 : 5, A = []; for (var j = 0; j < step; j++) A.push(j); F.push(A); free = process.memory().free; }
  try { mj.verify(T[i], K, { algorithms: ['HS256'], currentTime: ${NOW} }); got = 'ok'; } catch (e) { got = e.name; }
  print('RESULT ' + i + ' ' + got + ' free ' + free + ' total ' + process.memory().total);
  F = undefined;
}
`;
      const r = await runOnEspruino(bin, script, { timeoutMs: 120000, storage: { honest, forged: forged(honest) } });
      expect(r.error, r.output).toBeUndefined();
      const lines = [...r.output.matchAll(/RESULT (\d) (\w+) free (\d+) total (\d+)/g)];
      expect(lines.length, r.output).toBe(2);
      expect(lines[0][2], 'honest token: ' + r.output).toBe('ok');
      expect(lines[1][2], 'forged token: ' + r.output).toBe('InvalidSignatureError');
      // Meaningful only where the fill worked (fixed-size builds).
      if (Number(lines[0][4]) <= 20000) for (const l of lines) expect(Number(l[3]), r.output).toBeLessThanOrEqual(1800);
    }, 300000);

    it('nothing a token carries stays in RAM: long headers, many headers, many keys: ' + name, async () => {
      const bigKid = (c: string, sig: 'honest' | 'forged') => {
        const t = forge('{"alg":"HS256","kid":"' + c.repeat(2500) + '"}', '{"a":1}', KEY);
        return sig === 'honest' ? t : forged(t);
      };
      // Tokens are read or made one at a time: the board holds one 3.4 KB token beside the module.
      const script = `var mj = require('microjwt');
var S = require('Storage'), K = ${JSON.stringify(KEY)}, O = { algorithms: ['HS256'] };
var v = function (t, k) { try { mj.verify(t, k, O); return 'ok'; } catch (e) { return e.name; } };
var small = function (i) { return mj.sign({ a: 1 }, K, { kid: 'k' + i, noTimestamp: true }); };
var keyed = function (i) { return mj.sign({ a: 1 }, K + i, { noTimestamp: true }); };
var use = function () { return process.memory().usage; };
// Warm up: the module's first-use parts (errors are one: thrown once here), both header slots, the four MAC slots.
v(small(0), K); v(small(1), K); for (var i = 0; i < 4; i++) v(keyed(i), K + i);
v(small(0).slice(0, -2) + 'AA', K);
var m0 = use();
var r = [v(S.read('b1') + '', K), v(S.read('b2') + '', K), v(S.read('b3') + '', K), v(S.read('b4') + '', K)].join(',');
print('BIG ' + r + ' kept ' + (use() - m0));
var m1 = use();
for (var i = 2; i < 30; i++) v(small(i), K);
print('HEADERS kept ' + (use() - m1));
var m2 = use();
for (var i = 4; i < 30; i++) v(keyed(i), K + i);
print('KEYS kept ' + (use() - m2));
`;
      const r = await runOnEspruino(bin, script, {
        timeoutMs: 120000,
        storage: { b1: bigKid('k', 'honest'), b2: bigKid('j', 'honest'), b3: bigKid('m', 'forged'), b4: bigKid('n', 'forged') },
      });
      expect(r.error, r.output).toBeUndefined();
      const big = /BIG (\S+) kept (-?\d+)/.exec(r.output);
      expect(big?.[1], r.output).toBe('ok,ok,InvalidSignatureError,InvalidSignatureError');
      // A 2.5 KB header kept in the cache would hold hundreds of JsVars.
      expect(Number(big?.[2]), r.output).toBeLessThan(60);
      expect(Number(/HEADERS kept (-?\d+)/.exec(r.output)?.[1]), r.output).toBeLessThan(30);
      expect(Number(/KEYS kept (-?\d+)/.exec(r.output)?.[1]), r.output).toBeLessThan(30);
    }, 300000);

    it('a 1,536-char token (the session default), honest or forged, through every session entry point with the session part loaded: ' + name, async () => {
      // A MicroJWT access token of exactly 1,536 chars, and its forgery.
      const claims = (pad: number) => JSON.stringify({ sub: 'limits', role: 'r', iat: NOW - 10, exp: NOW + 3600, jti: 'limits-jti', pad: 'x'.repeat(pad) });
      let honest = '';
      for (let pad = 900; pad < 1536 && honest.length !== 1536; pad++) {
        for (let hx = 0; hx < 4 && honest.length !== 1536; hx++) honest = forge('{"alg":"HS256","typ":"JWT","p":"' + 'y'.repeat(hx) + '"}', claims(pad), KEY);
      }
      expect(honest.length).toBe(1536);
      // The token arrives as an HTTP server holds it: the Authorization header value.
      const script = `var mj = require('microjwt');
var S = require('Storage'), K = ${JSON.stringify(KEY)}, min = 1e9;
var f = function () { var x = process.memory().free; if (x < min) min = x; return x; };
var j = new mj.MicroJWT(K, { clock: function () { return ${NOW}; }, silent: true });
var ok = function (q, r) { r.writeHead(200); r.end(); };
var gj = mj.guard({ jwt: j }, ok), gk = mj.guard({ key: K, algorithms: ['HS256'], currentTime: ${NOW} }, ok);
try { mj.verify('x', K, { algorithms: ['HS256'] }); } catch (e) {}
var names = ['honest', 'forged'];
for (var i = 0; i < 2; i++) {
  var h = 'Bearer ' + S.read(names[i]);
  var free0 = f();
  var out = [];
  out.push(j.verifyToken(h.substr(7)) ? 'claims' : 'null');
  f();
  out.push(mj.introspect(h.substr(7), K, { algorithms: ['HS256'], currentTime: ${NOW} }).active);
  f();
  var res = { s: 0, writeHead: function (s) { this.s = s; }, end: function () {} };
  gj({ headers: { Authorization: h } }, res); out.push(res.s); f();
  gk({ headers: { Authorization: h } }, res); out.push(res.s); f();
  print('RESULT ' + names[i] + ' ' + out.join(',') + ' free before ' + free0 + ' min ' + min);
  h = undefined;
}
`;
      const r = await runOnEspruino(bin, script, { timeoutMs: 120000, storage: { honest, forged: forged(honest) } });
      expect(r.error, r.output).toBeUndefined();
      if (process.env.SHOW_LIMITS) console.log(r.output);
      expect(r.output, r.output).toMatch(/RESULT honest claims,true,200,200 free before \d+ min \d+/);
      expect(r.output, r.output).toMatch(/RESULT forged null,false,401,401 free before \d+ min \d+/);
    }, 300000);

    it('encrypted session tokens (session and JWE parts, A256CBC-HS512): honest, tampered, zip, with the error classes loaded: ' + name, async () => {
      const mj = new source.MicroJWT(KEY, { clock: () => NOW, silent: true });
      const honest = mj.createToken('limits', 'r', { n: 1 }, null, true);
      const p = honest.split('.');
      p[3] = p[3].slice(0, -2) + (p[3].endsWith('AA') ? 'BA' : 'AA');
      const script = `var mj = require('microjwt');
var S = require('Storage'), K = ${JSON.stringify(KEY)}, min = 1e9;
var f = function () { var x = process.memory().free; if (x < min) min = x; return x; };
var j = new mj.MicroJWT(K, { clock: function () { return ${NOW}; }, silent: true });
var names = ['honest', 'tampered', 'honest', 'plain'];
var out = [];
for (var i = 0; i < names.length; i++) {
  var r = j.verifyToken(S.read(names[i]) + '', null, true);
  out.push(r ? 'claims' : 'null ' + (j.lastError && j.lastError.code));
  f();
}
print('RESULT ' + out.join(',') + ' min ' + min);
`;
      const r = await runOnEspruino(bin, script, { timeoutMs: 120000, storage: { honest, tampered: p.join('.'), plain: mj.createToken('limits', 'r') } });
      if (process.env.SHOW_LIMITS) console.log(r.output);
      expect(r.error, r.output).toBeUndefined();
      expect(r.output, r.output).toMatch(/RESULT claims,null ERR_JWE_DECRYPTION,claims,null ERR_JWT_MALFORMED min \d+/);
    }, 300000);
  }
});
