// board/selftest.js: ASCII only, its fixed tokens still what jose makes, and
// 0 failed (at least 25 checks) on every emulated board, run statement by
// statement as `selftest --port` sends it (flash.test.ts runs it on the real
// interpreters' telnet REPL).
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as jose from 'jose';
import { boardNames, variantModule } from '../../src/host/paths';
import { runStatements } from '../../src/host/statements';

const file = join(__dirname, '..', '..', 'board', 'selftest.js');
const source = readFileSync(file, 'utf8');
const MIN_CHECKS = 25;

const summary = (output: string) => {
  const m = /(\d+) passed, (\d+) failed(?:, \d+ skipped[^\n]*)?\s*$/.exec(output);
  return m ? { passed: Number(m[1]), failed: Number(m[2]) } : undefined;
};

describe('board/selftest.js', () => {
  it('is ASCII only (upload tools change other bytes in transit)', () => {
    const bad = [...source].map((c, i) => ({ c, i })).filter(({ c }) => c.charCodeAt(0) > 0x7e || (c.charCodeAt(0) < 0x20 && c !== '\n'));
    expect(bad.map(({ c, i }) => 'offset ' + i + ': U+' + c.charCodeAt(0).toString(16))).toEqual([]);
  });

  it('its fixed tokens and thumbprint are what jose makes', async () => {
    const key = /var KEY = '([^']*)';/.exec(source)?.[1];
    expect(key).toBeDefined();
    const secret = new TextEncoder().encode(key);
    expect(secret.length).toBe(64);
    // The payload of the self-test's CLAIMS, with TEXT decoded from its base64url.
    const payload = { sub: 'sensor-7', iss: 'microjwt-selftest', aud: 'hub', iat: 1700000000, exp: 1700000600, name: 'Jos\u00e9 \u263a \u{1d11e}' };
    expect(Buffer.from('Sm9zw6kg4pi6IPCdhJ4', 'base64url').toString('utf8')).toBe(payload.name);
    for (const alg of ['HS256', 'HS384', 'HS512']) {
      const token = new RegExp(alg + ": '([^']*)'").exec(source)?.[1];
      expect(token, alg).toBe(await new jose.SignJWT(payload).setProtectedHeader({ alg, typ: 'JWT' }).sign(secret));
    }
    const thumbprint = /var THUMBPRINT = '([^']*)';/.exec(source)?.[1];
    expect(thumbprint).toBe(await jose.calculateJwkThumbprint({ kty: 'oct', k: Buffer.from(secret).toString('base64url') }));
  });

  it('its fixed JWE decrypts with jose to the same claims', async () => {
    const key = /var KEY = '([^']*)';/.exec(source)?.[1];
    const token = /var JWE_JOSE = '([^']*)';/.exec(source)?.[1];
    expect(token).toBeDefined();
    // JWE_KEY: the first 32 bytes of KEY.
    const jweKey = new TextEncoder().encode(key!.slice(0, 32));
    expect(/var JWE_KEY = mj\.utf8\.encode\(KEY\.substr\(0, 32\)\);/.test(source)).toBe(true);
    expect(jose.decodeProtectedHeader(token!)).toEqual({ alg: 'dir', enc: 'A256GCM', typ: 'JWT' });
    const { payload } = await jose.jwtDecrypt(token!, jweKey, { currentDate: new Date(1700000100 * 1000), audience: 'hub', issuer: 'microjwt-selftest' });
    expect(payload).toEqual({ sub: 'sensor-7', iss: 'microjwt-selftest', aud: 'hub', iat: 1700000000, exp: 1700000600, name: 'Jos\u00e9 \u263a \u{1d11e}' });
    await expect(jose.jwtDecrypt(token!, new Uint8Array(32), { currentDate: new Date(1700000100 * 1000) })).rejects.toThrow();
  });

  it('leaves no revocation log behind, also after a run that was cut short', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'microjwt-selftest-'));
    const storageFile = join(dir, 'storage.json');
    try {
      // A run cut short in the revocation check (a reset, out of memory) leaves its log.
      const cut = source.replace('    var again = new mj.StorageRevocationStore(name);', '    throw new Error("cut");');
      expect(cut).not.toBe(source);
      await runStatements(cut.replace('  } finally {\n    wipe();\n  }', '  } finally {\n  }'), { board: 'pico', filename: 'selftest.js', storageFile });
      expect(Object.keys(JSON.parse(readFileSync(storageFile, 'utf8'))).filter((n) => n.startsWith('mjselftest')).length).toBeGreaterThan(0);
      const r = await runStatements(source, { board: 'pico', filename: 'selftest.js', storageFile });
      expect(summary(r.output)?.failed, r.output).toBe(0);
      expect(Object.keys(JSON.parse(readFileSync(storageFile, 'utf8'))).filter((n) => n.startsWith('mjselftest'))).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('counts a check that was cut short (the interpreter interrupted its statement) as failed', async () => {
    // A statement that runs past the emulator's time limit is interrupted as
    // out-of-memory interrupts one on a board: no catch sees it.
    const hung = source.replace("check('randomBytes', function () {", "check('randomBytes', function () {\n  while (true) {}");
    expect(hung).not.toBe(source);
    // 8 s per statement: loading the module must not hit the limit on a loaded machine.
    const r = await runStatements(hung, { board: 'linux', filename: 'selftest.js', timeoutMs: 8000 });
    expect(r.output).toContain('FAIL 1 check(s) cut short (out of memory?)');
    expect(summary(r.output)?.failed, r.output).toBe(1);
  }, 90000);

  it('fails when a JWE or revocation check fails', async () => {
    const broken = source.replace("=== 'microjwt';\n", "=== 'microjwT';\n").replace("again.size() === 1", "again.size() === 2");
    expect(broken).not.toBe(source);
    const r = await runStatements(broken, { board: 'linux', filename: 'selftest.js' });
    expect(r.output).toMatch(/FAIL jwe: A128KW A128GCM round trip/);
    expect(r.output).toMatch(/FAIL revocation: write a revocation, read it back from Storage/);
    expect(summary(r.output)?.failed).toBe(2);
  });

  for (const board of boardNames()) {
    it('passes in the emulated ' + board + ', sent statement by statement', async () => {
      const r = await runStatements(source, { board, filename: 'selftest.js' });
      const s = summary(r.output);
      expect(r.error, r.output).toBeUndefined();
      expect(s, r.output).toBeDefined();
      expect(s?.failed, r.output).toBe(0);
      expect(s?.passed, r.output).toBeGreaterThanOrEqual(MIN_CHECKS);
    });
  }

  it('passes with the core build, skipping what it leaves out (microjwt.crypto, KeySet, JWE, sessions)', async () => {
    const core = Buffer.from(variantModule('core'), 'latin1').toString('utf8');
    const r = await runStatements(source, { board: 'pico', filename: 'selftest.js', module: core });
    const s = summary(r.output);
    expect(r.error, r.output).toBeUndefined();
    expect(s?.failed, r.output).toBe(0);
    expect(r.output).toMatch(/backends: none here/);
    expect(r.output).not.toMatch(/Uncaught/); // a statement that failed outside any check
    // The JWT checks run (HS384/512 skipped: no native SHA-512 on a pico); the rest is skipped.
    expect(r.output).toMatch(/jwt: \d+ ok/);
    expect(s?.passed, r.output).toBeGreaterThanOrEqual(20);
    expect(Number((/(\d+) skipped/.exec(r.output) || [])[1])).toBeGreaterThan(10);
  });

  it('fails when a check fails (a wrong known answer is caught)', async () => {
    const broken = source.replace("=== 'ba7816bf", "=== 'ca7816bf");
    expect(broken).not.toBe(source);
    // The universal module (linux profile) holds both the native and the pure backend.
    const r = await runStatements(broken, { board: 'linux', filename: 'selftest.js' });
    expect(r.output).toMatch(/FAIL crypto: sha256 abc/);
    expect(summary(r.output)?.failed).toBe(2); // native and pure
  });

  it('reports ClockNotSetError as the clock state on a board booted in 1970', async () => {
    const r = await runStatements(source, { board: 'rp2040', time: 'unset', filename: 'selftest.js' });
    expect(r.output).toMatch(/clock: NOT SET/);
    expect(summary(r.output)?.failed, r.output).toBe(0);
  });

  // On the real interpreters it runs through their telnet REPL, as on a board: test/host/flash.test.ts.
});
