// JWE interop through the device: jose (Node) makes tokens that microjwt
// decrypts inside the emulator (every board profile) and on the real
// interpreter(s) in env ESPRUINO_BIN, and jose decrypts tokens the device
// made. Every alg x enc pair, plaintexts of 0, 1, 15, 16, 17 bytes, 2 KB and
// Unicode text; RFC 7520 5.7 in full; nested sign-then-encrypt both ways.
//
// Scripts stay small, because the script's text sits in RAM beside the
// module (5,100 variables on the Pico-like build, 4,096 on the Unicode one):
// one script per alg and enc (seven tokens, about 6 KB), each token an
// inline literal (a literal assigned to a variable would be a second copy).
// A 25 KB script of 36 tokens brought the Unicode build to an interpreter
// assertion (jsvIsFlatString, src/jsvar.c:1746) near its memory limit. PBES2
// runs at a count of 1 here (its cost at the cap is in the benchmarks).
import { describe, expect, it } from 'vitest';
import * as jose from 'jose';
import { readFileSync } from 'node:fs';
import { runDeviceScript } from '../../src/host/emulator';
import { runOnEspruino, espruinoBinaries } from '../../src/host/real';
import { fullScript, totals, BOARDS } from '../jwt/devicerun';
import { ALGS, ENCS, PLAINTEXTS, keyBytes, rfc7520_5_7 } from './helpers';

const MODULE = process.env.MICROJWT_MODULE ? readFileSync(process.env.MICROJWT_MODULE, 'utf8') : undefined;
type Runner = { name: string; real: boolean; run: (src: string) => Promise<{ output: string; error?: string }> };
const runners: Runner[] = [
  ...BOARDS.map((board) => ({ name: 'emulator ' + board, real: false, run: (src: string) => runDeviceScript(src, { board, timeoutMs: 120000, module: MODULE }) })),
  ...espruinoBinaries().map((bin) => ({ name: 'real ' + bin, real: true, run: (src: string) => runOnEspruino(bin, src, { timeoutMs: 900000, module: MODULE }) })),
];

const P2C = 1;
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
/** A JS string literal of these bytes, as \xHH escapes (byte-exact on every string model). */
const bytesLiteral = (b: Uint8Array) => "'" + Array.from(b, (x) => '\\x' + x.toString(16).padStart(2, '0')).join('') + "'";

/** The key of a pair: bytes on both sides (a pattern), or for PBES2 a UTF-8 password. */
const keyOf = (alg: string, enc: string): Uint8Array => {
  const n = keyBytes(alg, enc);
  if (!n) return new TextEncoder().encode('pässwörd ☺ ' + alg);
  return new Uint8Array(n).map((_, i) => (i * 29 + n + alg.length) & 255);
};
/** The same key in a device script: a password string literal, or fromHex (from the harness). */
const keyExpr = (alg: string, enc: string) => (keyBytes(alg, enc) ? 'fromHex(' + JSON.stringify(hex(keyOf(alg, enc))) + ')' : bytesLiteral(keyOf(alg, enc)));

/** Device-side plaintext makers, matching PLAINTEXTS in ./helpers (the 2 KB and Unicode ones without literals of their size). */
const PT_DEVICE = `
var PT = {
  empty: function () { return new Uint8Array(0); },
  one: function () { return new Uint8Array([0x80]); },
  fifteen: function () { var u = new Uint8Array(15); for (var i = 0; i < 15; i++) u[i] = i * 17; return u; },
  sixteen: function () { var u = new Uint8Array(16); for (var i = 0; i < 16; i++) u[i] = 255 - i; return u; },
  seventeen: function () { var u = new Uint8Array(17); for (var i = 0; i < 17; i++) u[i] = i; return u; },
  twoKB: function () { var u = new Uint8Array(2048); for (var i = 0; i < 2048; i++) u[i] = (i * 131 + 7) & 255; return u; },
  unicode: function () { return E.toUint8Array(${bytesLiteral(PLAINTEXTS.unicode)}); }
};
var sameBytes = function (a, b) { return a.length === b.length && E.toString(a) === E.toString(b); };
`;

const joseEncrypt = async (pt: Uint8Array, alg: string, enc: string) => {
  const e = new jose.CompactEncrypt(pt).setProtectedHeader({ alg, enc });
  if (alg.startsWith('PBES2')) e.setKeyManagementParameters({ p2c: P2C });
  return e.encrypt(keyOf(alg, enc));
};

const decryptTest = (name: string, token: string, alg: string, enc: string, pt: string) =>
  `test(${JSON.stringify(name)}, function () {
  var r = mj.decrypt(${JSON.stringify(token)}, ${keyExpr(alg, enc)}, { keyManagementAlgorithms: [${JSON.stringify(alg)}], contentEncryptionAlgorithms: [${JSON.stringify(enc)}] });
  assert(sameBytes(r.plaintext, PT.${pt}()), 'plaintext differs');
});\n`;

const runScript = async (run: Runner['run'], body: string, expected: number) => {
  const r = await run(fullScript("var mj = require('microjwt');\n" + PT_DEVICE + body));
  expect(r.error, r.output.slice(-2000)).toBeUndefined();
  expect(totals(r.output), r.output.slice(-2000)).toEqual({ passed: expected, failed: 0 });
  return r.output;
};

describe.each(runners)('JWE device interop: $name', ({ run, real }) => {
  const timeout = real ? 1800000 : 120000;

  it.for([...ALGS])('jose -> device decrypt, %s, every enc and plaintext', { timeout }, async (alg) => {
    for (const enc of ENCS) {
      let body = '';
      for (const name of Object.keys(PLAINTEXTS)) body += decryptTest(enc + ' ' + name, await joseEncrypt(PLAINTEXTS[name], alg, enc), alg, enc, name);
      await runScript(run, body, Object.keys(PLAINTEXTS).length);
    }
  });

  it.for([...ALGS])('device encrypt -> jose decrypt, %s, every enc and plaintext', { timeout }, async (alg) => {
    let body = '';
    for (const enc of ENCS) {
      for (const name of Object.keys(PLAINTEXTS)) {
        body += `test('encrypt', function () { print('TOKEN ${enc} ${name} ' + mj.encrypt(PT.${name}(), ${keyExpr(alg, enc)}, { alg: ${JSON.stringify(alg)}, enc: ${JSON.stringify(enc)}${alg.startsWith('PBES2') ? ', p2c: ' + P2C : ''} })); });\n`;
      }
    }
    const output = await runScript(run, body, ENCS.length * Object.keys(PLAINTEXTS).length);
    const lines = output.split('\n').filter((l) => l.startsWith('TOKEN '));
    expect(lines.length).toBe(ENCS.length * Object.keys(PLAINTEXTS).length);
    for (const line of lines) {
      const [, enc, name, token] = line.trim().split(' ');
      const r = await jose.compactDecrypt(token, keyOf(alg, enc), { keyManagementAlgorithms: [alg], contentEncryptionAlgorithms: [enc] });
      expect(hex(r.plaintext), alg + ' ' + enc + ' ' + name).toBe(hex(PLAINTEXTS[name]));
      expect(r.protectedHeader.alg).toBe(alg);
      expect(r.protectedHeader.enc).toBe(enc);
    }
  });

  it('RFC 7520 5.7 in full (A256GCMKW, A128CBC-HS256; the RFC CEK, IVs and tags)', async () => {
    const { compact, kek, plaintext } = rfc7520_5_7();
    const body = `test('RFC 7520 5.7', function () {
  var r = mj.decrypt(${JSON.stringify(compact)}, fromHex(${JSON.stringify(hex(kek))}), { keyManagementAlgorithms: ['A256GCMKW'], contentEncryptionAlgorithms: ['A128CBC-HS256'] });
  eq(E.toString(r.plaintext), ${bytesLiteral(plaintext)});
  eq(r.header.kid, '18ec08e1-bfa9-4d95-b205-2b4dd1d4321d');
});\n`;
    await runScript(run, body, 1);
  }, timeout);

  it('nested JWT both ways: jose sign + encrypt -> device decryptJWT; device encryptJWT -> jose decrypt + verify', async () => {
    const signKey = 'nested-signing-secret-0123456789abcdef';
    const encKey = keyOf('A128KW', 'A256GCM');
    const now = 1700000000;
    const claims = { sub: 'device-3', n: 7, u: 'é☺' };
    const jws = await new jose.SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).setIssuedAt(now).setExpirationTime(now + 60).sign(new TextEncoder().encode(signKey));
    const token = await new jose.CompactEncrypt(new TextEncoder().encode(jws)).setProtectedHeader({ alg: 'A128KW', enc: 'A256GCM', cty: 'JWT' }).encrypt(encKey);
    const body = `test('jose nested -> device', function () {
  var p = mj.decryptJWT(${JSON.stringify(token)}, ${keyExpr('A128KW', 'A256GCM')}, { keyManagementAlgorithms: ['A128KW'], contentEncryptionAlgorithms: ['A256GCM'], currentTime: ${now + 1}, verify: { key: ${JSON.stringify(signKey)}, algorithms: ['HS256'] } });
  eq(p.sub, 'device-3');
  eq(E.toString(mj.utf8.encode(p.u)), ${bytesLiteral(new TextEncoder().encode(claims.u))});
  throws(function () { mj.decryptJWT(${JSON.stringify(token)}, ${keyExpr('A128KW', 'A256GCM')}, { keyManagementAlgorithms: ['A128KW'], contentEncryptionAlgorithms: ['A256GCM'], currentTime: ${now + 1} }); }, mj.InvalidTokenError, 'ERR_JWT_NESTED');
});
test('device nested -> jose', function () {
  print('NESTED ' + mj.encryptJWT({ sub: 'device-4', u: mj.utf8.decode(E.toUint8Array(${bytesLiteral(new TextEncoder().encode('é☺'))})) }, ${keyExpr('A128KW', 'A256GCM')}, { alg: 'A128KW', enc: 'A256GCM', currentTime: ${now}, expiresIn: 60, sign: { key: ${JSON.stringify(signKey)}, algorithm: 'HS256', kid: 'dev' } }));
});\n`;
    const output = await runScript(run, body, 2);
    const nested = /NESTED (\S+)/.exec(output)![1];
    const outer = await jose.compactDecrypt(nested, encKey);
    expect(outer.protectedHeader).toEqual({ alg: 'A128KW', enc: 'A256GCM', typ: 'JWT', cty: 'JWT' });
    const inner = await jose.jwtVerify(new TextDecoder().decode(outer.plaintext), new TextEncoder().encode(signKey), { algorithms: ['HS256'], currentDate: new Date((now + 1) * 1000) });
    expect(inner.payload).toEqual({ sub: 'device-4', u: 'é☺', iat: now, exp: now + 60 });
    expect(inner.protectedHeader).toEqual({ alg: 'HS256', typ: 'JWT', kid: 'dev' });
  }, timeout);
});

if (espruinoBinaries().length === 0) {
  it.skip('real interpreter: set ESPRUINO_BIN to run the JWE device interop on it', () => {});
}
