// board/esp32-http-auth.js as a client sees it: Node's fetch against the
// device's HTTP API, every status code of the flow, then a restart of the
// device on the same Storage (the logged-out token must stay refused). In the
// emulator (esp32 profile) and, with ESPRUINO_BIN, on each real interpreter
// (the Linux builds have real `http`; Storage is espruino.flash in its cwd).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as jose from 'jose';
import { espruinoBinaries } from '../../src/host/real';
import { packageRoot } from '../../src/host/paths';
import { boardScript, freePort, realBoardDir, RunningDevice, startEmulated, startReal } from './_device';

const script = boardScript('esp32-http-auth.js');
const withPort = (port: number) => 'var MJ_PORT = ' + port + ';\n' + script;

type Json = Record<string, unknown>;

const client = (port: number) => {
  const base = 'http://127.0.0.1:' + port;
  const call = async (method: string, path: string, opts: { token?: string; body?: unknown } = {}) => {
    const headers: Record<string, string> = {};
    if (opts.token !== undefined) headers.Authorization = 'Bearer ' + opts.token;
    if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
    const r = await fetch(base + path, {
      method,
      headers,
      body: opts.body === undefined ? undefined : typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body),
      signal: AbortSignal.timeout(60000),
    });
    const text = await r.text();
    let json: Json | undefined;
    try {
      json = JSON.parse(text) as Json;
    } catch {
      json = undefined;
    }
    return { status: r.status, headers: r.headers, text, json };
  };
  return {
    login: (username: unknown, password: unknown) => call('POST', '/login', { body: { username, password } }),
    data: (token?: string) => call('GET', '/data', { token }),
    refresh: (refresh_token: unknown) => call('POST', '/refresh', { body: { refresh_token } }),
    logout: (token: string, body?: unknown) => call('POST', '/logout', { token, body }),
    call,
  };
};

interface Session {
  access: string;
  refresh: string;
}

/** The whole flow on a running device; returns the logged-out access token (for the restart check). */
const driveFlow = async (port: number, dev: RunningDevice): Promise<{ loggedOut: string; key?: Json }> => {
  const c = client(port);

  // Login: 200 with a Bearer pair.
  const ok = await c.login('admin', 'microjwt-demo');
  expect(ok.status, ok.text + '\n' + dev.output()).toBe(200);
  expect(ok.headers.get('content-type')).toBe('application/json');
  expect(Object.keys(ok.json!).sort()).toEqual(['access_token', 'expires_in', 'refresh_token', 'token_type']);
  expect(ok.json!.token_type).toBe('Bearer');
  expect(ok.json!.expires_in).toBe(900);
  const s1: Session = { access: ok.json!.access_token as string, refresh: ok.json!.refresh_token as string };
  const claims = jose.decodeJwt(s1.access);
  expect(claims.sub).toBe('admin');
  expect((claims.exp as number) - (claims.iat as number)).toBe(900);
  expect(jose.decodeProtectedHeader(s1.refresh).typ).toBe('refresh+jwt');

  // /data: with the token 200; without, with a bad one or with the refresh token 401 + WWW-Authenticate.
  const d = await c.data(s1.access);
  expect(d.status, d.text).toBe(200);
  expect(d.json!.user).toBe('admin');
  expect(typeof d.json!.free).toBe('number');
  for (const bad of [undefined, 'not-a-token', s1.access.slice(0, -2) + (s1.access.endsWith('AA') ? 'BB' : 'AA'), s1.refresh]) {
    const r = await c.data(bad);
    expect(r.status, String(bad)).toBe(401);
    expect(r.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
  }
  expect((await c.call('GET', '/nothing')).status).toBe(404);
  expect((await c.call('POST', '/login', { body: '{"username":' })).status).toBe(400);
  // A body that could set a prototype on the device is refused before JSON.parse.
  expect((await c.call('POST', '/login', { body: '{"__proto__":1}' })).status).toBe(400);
  expect((await c.call('POST', '/login', { body: '{"\\u005f_proto__":1}' })).status).toBe(400);

  // Refresh: a new pair; the old refresh token is spent.
  const r1 = await c.refresh(s1.refresh);
  expect(r1.status, r1.text).toBe(200);
  const s2: Session = { access: r1.json!.access_token as string, refresh: r1.json!.refresh_token as string };
  expect(s2.access).not.toBe(s1.access);
  expect(s2.refresh).not.toBe(s1.refresh);
  expect((await c.data(s2.access)).status).toBe(200);
  expect((await c.refresh('junk')).status).toBe(401);
  expect((await c.refresh(s2.access)).status).toBe(401); // an access token is not a refresh token

  // Reuse of the spent refresh token: 401, and its whole family is revoked:
  // the new pair's access and refresh tokens are refused too.
  const reuse = await c.refresh(s1.refresh);
  expect(reuse.status).toBe(401);
  expect(reuse.json!.error).toBe('invalid_grant');
  expect((await c.data(s2.access)).status).toBe(401);
  expect((await c.refresh(s2.refresh)).status).toBe(401);
  expect(dev.output()).toContain('its token family is revoked');

  // A second login: a new family, unaffected.
  const ok2 = await c.login('admin', 'microjwt-demo');
  expect(ok2.status).toBe(200);
  const s3: Session = { access: ok2.json!.access_token as string, refresh: ok2.json!.refresh_token as string };
  expect((await c.data(s3.access)).status).toBe(200);

  // Logout: 200; that token (and the refresh token sent along) refused afterwards.
  const out = await c.logout(s3.access, { refresh_token: s3.refresh });
  expect(out.status, out.text).toBe(200);
  expect((await c.data(s3.access)).status).toBe(401);
  expect((await c.logout(s3.access)).status).toBe(401);
  expect((await c.refresh(s3.refresh)).status).toBe(401);

  // Wrong passwords: 401; more than 5 failures within 60 s: 429, even for the right password.
  expect((await c.login('admin', 'wrong')).status).toBe(401);
  expect((await c.login('nobody', 'microjwt-demo')).status).toBe(401);
  expect((await c.login('admin', 12345)).status).toBe(401);
  expect((await c.login('admin', 'microjwt-demo ')).status).toBe(401);
  expect((await c.login('admin', 'wrong')).status).toBe(401);
  const locked = await c.login('admin', 'wrong');
  expect(locked.status).toBe(429);
  expect(locked.headers.get('retry-after')).toBe('60');
  expect((await c.login('admin', 'microjwt-demo')).status).toBe(429);

  expect(dev.output()).not.toContain('Uncaught');
  expect(dev.output()).not.toMatch(/^Error: /m);
  return { loggedOut: s3.access };
};

/** After a restart on the same Storage: the logged-out token is still refused, a new login works. */
const afterRestart = async (port: number, loggedOut: string, dev: RunningDevice) => {
  const c = client(port);
  const r = await c.data(loggedOut);
  expect(r.status, dev.output()).toBe(401);
  expect(r.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
  const ok = await c.login('admin', 'microjwt-demo');
  expect(ok.status).toBe(200);
  expect((await c.data(ok.json!.access_token as string)).status).toBe(200);
  // The same key as before the restart: made once, kept in Storage.
  expect(jose.decodeJwt(loggedOut).sub).toBe('admin');
};

describe('board/esp32-http-auth.js', () => {
  it('emulator (esp32): the whole flow over HTTP, then a restart on the same Storage', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'microjwt-http-auth-'));
    const storageFile = join(dir, 'storage.json');
    try {
      const port = await freePort();
      const dev = await startEmulated(withPort(port), port, { board: 'esp32', storageFile });
      let loggedOut: string;
      try {
        ({ loggedOut } = await driveFlow(port, dev));
      } finally {
        await dev.stop();
      }
      const first = dev.output();
      expect(first).toMatch(/^Made a new secret/m);
      expect(first).toMatch(/^HTTP auth API on port \d+, \d+ JsVars free$/m);

      const port2 = await freePort();
      const dev2 = await startEmulated(withPort(port2), port2, { board: 'esp32', storageFile });
      try {
        await afterRestart(port2, loggedOut, dev2);
      } finally {
        await dev2.stop();
      }
      expect(dev2.output()).not.toContain('Made a new secret');
      expect(dev2.output()).not.toContain('Uncaught');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60000);

  it('emulator: users from Storage replace the demo user; addUser at the REPL', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'microjwt-http-auth-'));
    const storageFile = join(dir, 'storage.json');
    try {
      const port = await freePort();
      const dev = await startEmulated(withPort(port) + "\naddUser('alice', 'correct horse');\n", port, { board: 'esp32', storageFile });
      try {
        const c = client(port);
        expect((await c.login('alice', 'correct horse')).status).toBe(200);
        expect((await c.login('alice', 'correct horsE')).status).toBe(401);
      } finally {
        await dev.stop();
      }
      const port2 = await freePort();
      const dev2 = await startEmulated(withPort(port2), port2, { board: 'esp32', storageFile });
      try {
        const c = client(port2);
        expect((await c.login('alice', 'correct horse')).status).toBe(200);
        expect((await c.login('admin', 'microjwt-demo')).status).toBe(401);
      } finally {
        await dev2.stop();
      }
      expect(dev2.output()).not.toContain('demo user');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60000);

  it('emulator: a board whose clock was never set answers 503, not 1970 tokens', async () => {
    const port = await freePort();
    const dev = await startEmulated(withPort(port), port, { board: 'esp32', time: 'unset' });
    try {
      const r = await client(port).login('admin', 'microjwt-demo');
      expect(r.status).toBe(503);
      expect(r.json!.error).toBe('ERR_CLOCK_NOT_SET');
    } finally {
      await dev.stop();
    }
  }, 60000);

  it('as the README runs it: npx microjwt emulate ... --board esp32 --global MJ_PORT=<port>', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'microjwt-http-auth-'));
    const port = await freePort();
    const cli = spawn(process.execPath, [join(packageRoot(), 'dist/cli.js'), 'emulate', join(packageRoot(), 'board/esp32-http-auth.js'), '--board', 'esp32', '--global', 'MJ_PORT=' + port, '--storage-file', join(dir, 's.json')], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    cli.stdout.on('data', (b: Buffer) => (out += b.toString()));
    try {
      for (let i = 0; i < 200 && !out.includes('HTTP auth API on port ' + port); i++) await new Promise((r) => setTimeout(r, 50));
      expect(out).toContain('HTTP auth API on port ' + port + ', ');
      const ok = await client(port).login('admin', 'microjwt-demo');
      expect(ok.status).toBe(200);
      expect((await client(port).data(ok.json!.access_token as string)).status).toBe(200);
    } finally {
      cli.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30000);

  const bins = espruinoBinaries();
  if (bins.length === 0) it.skip('real interpreter: skipped, ESPRUINO_BIN is not set', () => {});
  for (const bin of bins) {
    it('real interpreter ' + bin + ': the whole flow, then a restart on the same Storage', async () => {
      const dir = await realBoardDir(bin);
      try {
        const port = await freePort();
        const dev = await startReal(bin, dir, withPort(port), port);
        let loggedOut: string;
        try {
          ({ loggedOut } = await driveFlow(port, dev));
        } finally {
          await dev.stop();
        }
        expect(dev.output()).toMatch(/^HTTP auth API on port \d+, \d+ JsVars free$/m);
        const port2 = await freePort();
        const dev2 = await startReal(bin, dir, withPort(port2), port2);
        try {
          await afterRestart(port2, loggedOut, dev2);
        } finally {
          await dev2.stop();
        }
        expect(dev2.output()).not.toContain('Made a new secret');
        expect(dev2.output()).not.toContain('Uncaught');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }, 600000);
  }
});
