// board/provision.js and board/pico-offline.js as a user runs them: provision
// a board, read its key out once over the console (as provision.js tells the
// user to), sign tokens with it on the "server" (jose), hand them to the
// board at its console and read the verdicts. In the emulator (pico, rp2040,
// esp32 profiles) and, with ESPRUINO_BIN, on each real interpreter (Storage is
// espruino.flash in its working directory, kept between runs).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as jose from 'jose';
import { runDeviceScript } from '../../src/host/emulator';
import { variantModule } from '../../src/host/paths';
import { espruinoBinaries } from '../../src/host/real';
import { boardScript, realBoardDir, runReal } from './_device';

const provision = boardScript('provision.js');
const offline = boardScript('pico-offline.js');
const READ_KEY = 'print(require("Storage").read("mj-key"));\n';
const NOW = 1767225600; // 2026-01-01

/** A device: runs a script to its end on a board whose Storage persists across runs. */
type Board = (source: string) => Promise<string>;

const emulatedBoard = (board: string, storageFile: string, time: number | 'unset' | 'host' = 'unset', module?: string): Board => async (source) => {
  const r = await runDeviceScript(source, { board, storageFile, time, module });
  expect(r.error, r.output).toBeUndefined();
  return r.output;
};

/** Provision, twice (the key is kept), and read the key out: returns the JWK. */
const provisionBoard = async (run: Board): Promise<jose.JWK> => {
  const first = await run(provision);
  expect(first).toContain('Made a new 256-bit secret and kept it in Storage as "mj-key".');
  const jwk = JSON.parse((await run(READ_KEY)).trim()) as jose.JWK;
  expect(Object.keys(jwk).sort()).toEqual(['alg', 'k', 'kid', 'kty']);
  expect(jwk.kty).toBe('oct');
  expect(jwk.alg).toBe('HS256');
  expect(Buffer.from(jwk.k!, 'base64url').length).toBe(32);
  const tp = await jose.calculateJwkThumbprint(jwk, 'sha256');
  expect(jwk.kid).toBe(tp);
  expect(first).toContain('Key id (RFC 7638 JWK thumbprint): ' + tp + '\n');
  expect(first).toContain('print(require("Storage").read("mj-key"))');
  // The secret itself never appears in the output.
  expect(first).not.toContain(jwk.k);
  const second = await run(provision);
  expect(second).toContain('This board already has its secret (kept).');
  expect(second).toContain('Key id (RFC 7638 JWK thumbprint): ' + tp + '\n');
  expect(second).not.toContain(jwk.k);
  expect(JSON.parse((await run(READ_KEY)).trim())).toEqual(jwk);
  return jwk;
};

const token = async (key: Awaited<ReturnType<typeof jose.importJWK>>, claims: jose.JWTPayload, exp?: number) => {
  const t = new jose.SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setIssuedAt(NOW);
  if (exp !== undefined) t.setExpirationTime(exp);
  return t.sign(key);
};

/**
 * The tokens a server would hand over, the console lines that check them, and
 * the verdicts expected. `clockUnset`: the board booted in 1970 (emulator);
 * otherwise its clock is the host's (the Linux builds ignore setTime).
 */
const offlineSession = async (jwk: jose.JWK, clockUnset: boolean) => {
  const key = (await jose.importJWK(jwk, 'HS256')) ;
  const good = await token(key, { sub: 'door-3', scope: 'open' }, NOW + 3600);
  const noExp = await token(key, { sub: 'door-3' });
  const expired = await token(key, { sub: 'door-3' }, NOW - 10);
  const otherKey = await token(new Uint8Array(32).fill(7), { sub: 'door-3' }, NOW + 3600);
  const tampered = good.slice(0, -2) + (good.endsWith('AA') ? 'BB' : 'AA');
  const hostExp = Math.floor(Date.now() / 1000) + 3600;
  const current = await token(key, { sub: 'door-3' }, hostExp);
  const goodClaims = 'VALID: {"sub":"door-3","scope":"open","iat":' + NOW + ',"exp":' + (NOW + 3600) + '}';
  const lines: [string, string | RegExp][] = [
    [`check('${good}', ${NOW + 60});`, goodClaims],
    [`check('${noExp}');`, 'VALID: {"sub":"door-3","iat":' + NOW + '}'], // nothing to compare with a clock
    [`check('${expired}', ${NOW + 60});`, 'INVALID: ExpiredSignatureError (ERR_JWT_EXPIRED): the token has expired ("exp")'],
    [`check('${otherKey}', ${NOW + 60});`, /^INVALID: InvalidSignatureError \(ERR_JWS_SIGNATURE\)/],
    [`check('${tampered}', ${NOW + 60});`, /^INVALID: InvalidSignatureError \(ERR_JWS_SIGNATURE\)/],
    [`check('junk', ${NOW + 60});`, /^INVALID: DecodeError \(ERR_JWT_MALFORMED\)/],
  ];
  if (clockUnset) {
    lines.unshift([`check('${good}');`, "NOT CHECKED: the board's clock is not set, so exp cannot be checked."]);
    lines.push([`setTime(${NOW + 60}); check('${good}');`, goodClaims]); // the clock set at the console
  } else {
    lines.push([`check('${current}');`, 'VALID: {"sub":"door-3","iat":' + NOW + ',"exp":' + hostExp + '}']);
    lines.push([`check('${expired}');`, 'INVALID: ExpiredSignatureError (ERR_JWT_EXPIRED): the token has expired ("exp")']);
  }
  const verdicts = (out: string) => out.split('\n').filter((l) => /^(VALID|INVALID|NOT CHECKED)/.test(l));
  return { script: offline + '\n' + lines.map((l) => l[0]).join('\n') + '\n', verdicts, expected: lines.map((l) => l[1]) };
};

const checkVerdicts = (got: string[], expected: (string | RegExp)[]) => {
  expect(got.length, got.join('\n')).toBe(expected.length);
  expected.forEach((e, i) => (typeof e === 'string' ? expect(got[i]).toBe(e) : expect(got[i]).toMatch(e)));
};

describe('board/provision.js and board/pico-offline.js', () => {
  for (const board of ['pico', 'rp2040', 'esp32']) {
    it(board + ' (emulator): provision once, key read out over the console, tokens from jose checked offline', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'microjwt-provision-'));
      try {
        const run = emulatedBoard(board, join(dir, 'storage.json'));
        const jwk = await provisionBoard(run);
        const s = await offlineSession(jwk, true);
        const out = await run(s.script);
        expect(out).toContain('Key ' + jwk.kid + ' loaded from Storage.\n');
        expect(out).toContain('Clock not set (1970-01-01): pass the time as check(token, seconds).\n');
        expect(out).toContain('  Give the time: check(token, seconds), or setTime(seconds) first.\n');
        checkVerdicts(s.verdicts(out), s.expected);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }, 60000);
  }

  // A real Espruino Pico or Puck.js holds only the core build (48 / 40 KB of Storage): the examples run on it.
  for (const board of ['pico', 'puck']) {
    it(board + ' (emulator), core build: provision once, key read out, tokens from jose checked offline', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'microjwt-provision-'));
      try {
        const run = emulatedBoard(board, join(dir, 'storage.json'), 'unset', Buffer.from(variantModule('core'), 'latin1').toString('utf8'));
        const jwk = await provisionBoard(run);
        const s = await offlineSession(jwk, true);
        const out = await run(s.script);
        expect(out).toContain('Key ' + jwk.kid + ' loaded from Storage.\n');
        checkVerdicts(s.verdicts(out), s.expected);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }, 60000);
  }

  it('two boards get different secrets', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'microjwt-provision-'));
    try {
      const a = emulatedBoard('pico', join(dir, 'a.json'));
      const b = emulatedBoard('pico', join(dir, 'b.json'));
      await a(provision);
      await b(provision);
      expect(JSON.parse(await a(READ_KEY)).k).not.toBe(JSON.parse(await b(READ_KEY)).k);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('pico-offline.js without a key says to provision first; with the clock set it says so', async () => {
    const none = await runDeviceScript(offline, { board: 'pico', time: 'unset' });
    expect(none.output).toContain('No key in Storage: run provision.js first.\n');
    const set = await runDeviceScript(offline, { board: 'pico', time: NOW });
    expect(set.output).toContain('Clock set: 2026-01-01T00:00:');
  });

  const bins = espruinoBinaries();
  if (bins.length === 0) it.skip('real interpreter: skipped, ESPRUINO_BIN is not set', () => {});
  for (const bin of bins) {
    it('real interpreter ' + bin + ': provision, read out, check offline', async () => {
      const dir = await realBoardDir(bin);
      try {
        const run: Board = (source) => runReal(bin, dir, source);
        const jwk = await provisionBoard(run);
        // The Linux build's clock is the host's (setTime changes nothing there, measured).
        const s = await offlineSession(jwk, false);
        const out = await run(s.script);
        expect(out).toContain('Key ' + jwk.kid + ' loaded from Storage.\n');
        expect(out).toContain('Clock set: ' + new Date().toISOString().slice(0, 10));
        expect(out).not.toContain('Uncaught');
        checkVerdicts(s.verdicts(out), s.expected);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }, 600000);
  }
});
