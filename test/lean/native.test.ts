// The core build's native-only backend (src/lean/native.ts) and what the core
// exports, run as a device would run them (the emulator's board profiles).
// Signing is held to the full library byte for byte: the same calls in the
// same profile, once with the core build and once with the universal module,
// must print the same tokens and the same error verdicts.
import { describe, expect, it } from 'vitest';
import { basename } from 'node:path';
import { runDeviceScript } from '../../src/host/emulator';
import { runOnEspruino, espruinoBinaries } from '../../src/host/real';
import { variantModule, builtModule } from '../../src/host/paths';

const utf8 = (latin1: string) => Buffer.from(latin1, 'latin1').toString('utf8');
const CORE = utf8(variantModule('core'));
const UNIVERSAL = utf8(builtModule());

const run = async (script: string, board: string, module: string): Promise<string[]> => {
  const r = await runDeviceScript(script, { board, time: 'host', filename: 'lean.js', module });
  expect(r.error, r.output).toBeUndefined();
  return r.output.split('\n').filter((l) => l.startsWith('@ '));
};

// Each call prints '@ ' + its token, or its error's class and code.
const calls = (lines: string[]) =>
  "var mj = require('microjwt');\n" +
  'var out = function (f) { try { print("@ " + f()); } catch (e) { print("@ " + (e instanceof mj.JWTError ? e.name + " " + e.code : "UNTYPED " + e)); } };\n' +
  lines.map((l) => 'out(function () { return ' + l + '; });').join('\n') + '\n';

const K = "'lean-core-secret-0123456789abcdefghij'";
const T = 'currentTime: 1700000000';
// Keys longer than a hash block (64 bytes for HS256, 128 for HS384/512) are hashed first (RFC 2104).
const LONG = "'" + 'k'.repeat(200) + "'";
const SIGN = [
  `mj.sign({ sub: 'a' }, ${K}, { ${T} })`,
  `mj.sign({ sub: 'a', n: 1.5, list: [1, 'x', null, true], o: { p: {} } }, ${K}, { noTimestamp: true })`,
  `mj.sign({ a: 1 }, ${K}, { ${T}, expiresIn: 60, notBefore: -5, issuer: 'i', subject: 's', audience: ['x', 'y'], jwtid: 'j1' })`,
  `mj.sign({ a: 1 }, ${K}, { ${T}, algorithm: 'HS384', minKeyLength: 16 })`,
  `mj.sign({ a: 1 }, ${K}, { ${T}, algorithm: 'HS512', minKeyLength: 16 })`,
  `mj.sign({ a: 1 }, ${LONG}, { ${T} })`,
  `mj.sign({ a: 1 }, ${LONG}, { ${T}, algorithm: 'HS512' })`,
  `mj.sign({ a: 1 }, ${K}, { ${T}, kid: 'k1', typ: 'at+jwt', header: { x5: 'y', cty: 'c' } })`,
  `mj.sign({ a: 1 }, ${K}, { ${T}, header: { crit: ['exp1'], exp1: 1 } })`,
  `mj.sign({ name: 'Jos\\xc3\\xa9 \\xe2\\x98\\xba' }, ${K}, { ${T} })`,
  `mj.sign({ a: 1 }, { kty: 'oct', k: mj.base64url.encode(E.toUint8Array(${K})), alg: 'HS384' }, { ${T}, minKeyLength: 16 })`,
  `mj.sign({ a: 1 }, E.toUint8Array(${K}), { ${T} })`,
  // refusals
  `mj.sign({ a: 1 }, 'short', { ${T} })`,
  `mj.sign({ a: 1 }, ${K}, { ${T}, algorithm: 'none' })`,
  `mj.sign({ a: 1 }, ${K}, { ${T}, algorithm: 'RS256' })`,
  `mj.sign({ a: 1 }, ${K}, { ${T}, bogus: 1 })`,
  `mj.sign({ exp: 'x' }, ${K}, { ${T} })`,
  `mj.sign({ iss: 'a' }, ${K}, { ${T}, issuer: 'b' })`,
  `mj.sign([1], ${K}, { ${T} })`,
  `mj.sign({ a: 1 }, { kty: 'RSA', n: 'x' }, { ${T} })`,
  `mj.sign({ a: 1 }, { kty: 'oct', k: mj.base64url.encode(E.toUint8Array(${K})), use: 'enc' }, { ${T} })`,
  `mj.sign({ a: 1 }, '-----BEGIN PUBLIC KEY----- 0123456789abcdef0123456789', { ${T} })`,
  `mj.sign({ a: 1 }, ${K}, { ${T}, header: { alg: 'HS384' } })`,
  `mj.sign({ a: 1 }, ${K}, { ${T}, header: { crit: ['alg'] } })`,
  `mj.sign({ a: 1 }, ${K}, { clock: function () { return 5; } })`,
];
// Tokens signed above, verified back: the same claims or the same refusal;
// and the JWK functions (thumbprint: RFC 7638 over the native SHA-256).
const VERIFY = [
  `mj.thumbprint(mj.exportJWK(${K}))`,
  `mj.thumbprint({ kty: 'oct', k: 'AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow' })`,
  `mj.thumbprint({ kty: 'oct', k: 'AyM1' }, 'sha512')`,
  `mj.thumbprint({ kty: 'RSA', n: 'x' })`,
  `mj.base64url.encode(mj.importJWK({ kty: 'oct', k: 'AyM1SysP', alg: 'HS256' }, 'HS256'))`,
  `mj.importJWK({ kty: 'oct', k: 'AyM1SysP', alg: 'HS256' }, 'HS512')`,
  `JSON.stringify(mj.exportJWK(E.toUint8Array('abc')))`,
  `mj.generateSecret('HS512').length`,
  `mj.generateSecret('none')`,
  `JSON.stringify(mj.verify(mj.sign({ a: 1, aud: 'x' }, ${K}, { ${T}, expiresIn: 10 }), ${K}, { algorithms: ['HS256'], audience: 'x', ${T}, complete: true }))`,
  `JSON.stringify(mj.verify(mj.sign({ a: 1 }, ${LONG}, { ${T}, algorithm: 'HS512' }), ${LONG}, { algorithms: ['HS512'], ${T} }))`,
  `JSON.stringify(mj.verify(mj.sign({ a: 1 }, ${K}, { ${T}, jwtid: 'z' }), ${K}, { algorithms: ['HS256'], ${T}, revocationStore: { has: function (j) { return j === 'z'; } } }))`,
  `JSON.stringify(mj.verify(mj.sign({ a: 1 }, ${K}, { ${T} }), ${K}, { algorithms: ['HS384'], ${T} }))`,
  `JSON.stringify(mj.decode(mj.sign({ a: 1 }, ${K}, { ${T}, kid: 'k' })))`,
  `JSON.stringify(mj.getUnverifiedHeader(mj.sign({ a: 1 }, ${K}, { ${T}, kid: 'k' })))`,
];

describe('core build', () => {
  it('exports the JWS/JWT API and the error classes, and nothing of the full library beyond them', async () => {
    const [line] = await run("var mj = require('microjwt'); print('@ ' + Object.keys(mj).sort().join(','));", 'esp32', CORE);
    const names = line.slice(2).split(',');
    expect(names).toEqual(expect.arrayContaining(['sign', 'verify', 'decode', 'getUnverifiedHeader', 'importJWK', 'exportJWK', 'thumbprint', 'generateSecret', 'base64url', 'utf8', 'version', 'errors', 'JWTError', 'ExpiredSignatureError', 'NotSupportedError']));
    for (const absent of ['jws', 'KeySet', 'crypto', 'encrypt', 'MicroJWT']) expect(names).not.toContain(absent);
    expect(names.length).toBe(12 + 18); // 11 functions and codecs, `errors`, 18 classes
  });

  for (const board of ['esp32', 'linux']) {
    it('signs and verifies as the full library does (emulator ' + board + ')', async () => {
      const script = calls([...SIGN, ...VERIFY]);
      const core = await run(script, board, CORE);
      expect(core.length).toBe(SIGN.length + VERIFY.length);
      expect(core).toEqual(await run(script, board, UNIVERSAL));
      // The table holds both: tokens and typed refusals, no untyped error.
      expect(core.filter((l) => l.startsWith('@ ey')).length).toBeGreaterThan(10);
      expect(core.filter((l) => / ERR_/.test(l)).length).toBeGreaterThan(10);
      expect(core.some((l) => l.includes('UNTYPED'))).toBe(false);
    });
  }

  // The same table on the real interpreters: their crypto module, their byte
  // or Unicode strings (each build of ESPRUINO_BIN has SHA-384/512).
  const binaries = espruinoBinaries();
  if (!binaries.length) it.skip('real interpreter: skipped, ESPRUINO_BIN is not set', () => {});
  for (const bin of binaries) {
    it('signs and verifies as the full library does (real ' + basename(bin) + ', ' + bin + ')', async () => {
      const script = calls([...SIGN, ...VERIFY]);
      const real = async (module: string) => {
        const r = await runOnEspruino(bin, script, { module, timeoutMs: 120000 });
        expect(r.error, r.output).toBeUndefined();
        return r.output.split('\n').filter((l) => l.startsWith('@ '));
      };
      const core = await real(CORE);
      expect(core.length).toBe(SIGN.length + VERIFY.length);
      // Without a native SHA-512 (the Pico-like build, as an Espruino Pico)
      // the core refuses HS384/512 where the full library runs pure code.
      const sha512 = /yes/.test((await runOnEspruino(bin, "print(typeof require('crypto').SHA512 === 'function' ? 'yes' : 'no');", { timeoutMs: 60000 })).output);
      const rows = [...SIGN, ...VERIFY];
      const needs512 = (row: string) => /algorithm: 'HS(384|512)'|k: mj\.base64url.*alg: 'HS384'/.test(row);
      expect(rows.filter(needs512).length).toBe(5);
      const universal = await real(UNIVERSAL);
      expect(core).toEqual(universal.map((line, i) => (!sha512 && needs512(rows[i]) ? '@ NotSupportedError ERR_NOT_IN_BUILD' : line)));
      expect(core.some((l) => l.includes('UNTYPED'))).toBe(false);
    }, 300000);
  }

  it('makes a random jti for jwtid: true', async () => {
    const script = calls([0, 1].map(() => `JSON.stringify(mj.decode(mj.sign({ a: 1 }, ${K}, { ${T}, jwtid: true })).payload.jti)`));
    const [a, b] = await run(script, 'esp32', CORE);
    expect(a).toMatch(/^@ "[A-Za-z0-9_-]{22}"$/);
    expect(b).toMatch(/^@ "[A-Za-z0-9_-]{22}"$/);
    expect(a).not.toBe(b);
  });

  it('refuses a hash the board lacks with NotSupportedError, naming the build to use', async () => {
    // An Espruino Pico has no native SHA-384/512; a Raspberry Pi Pico no crypto module at all.
    const script = calls([
      `mj.sign({ a: 1 }, ${K}, { ${T}, algorithm: 'HS512', minKeyLength: 16 })`,
      `mj.verify('eyJhbGciOiJIUzM4NCJ9.e30.' + 'A'.repeat(64), ${K}, { algorithms: ['HS384'], minKeyLength: 16 })`,
      `mj.sign({ a: 1 }, ${K}, { ${T} }).split('.').length`,
    ]);
    expect(await run(script, 'pico', CORE)).toEqual(['@ NotSupportedError ERR_NOT_IN_BUILD', '@ NotSupportedError ERR_NOT_IN_BUILD', '@ 3']);
    const none = await run(script, 'rp2040', CORE);
    expect(none).toEqual(['@ NotSupportedError ERR_NOT_IN_BUILD', '@ NotSupportedError ERR_NOT_IN_BUILD', '@ NotSupportedError ERR_NOT_IN_BUILD']);
  });
});
