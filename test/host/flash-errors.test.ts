// Each error `microjwt flash` explains (exit code 2 and the message), with the
// built CLI (dist/cli.js) and the official Espruino CLI against `microjwt
// serve` and stand-ins: no such port, a silent board, full Storage, a board
// lacking what the build needs, no official CLI installed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '../../src/host/serve';
import type { Served } from '../../src/host/serve';

const root = join(__dirname, '..', '..');
const cliJs = join(root, 'dist', 'cli.js');
const officialCli = join(root, 'node_modules', 'espruino', 'bin', 'espruino-cli.js');
const moduleFile = join(root, 'dist', 'microjwt.min.js');

/** Runs a command without blocking this process (serve runs in it). */
const run = (args: string[], opts: { env?: Record<string, string>; timeoutMs?: number } = {}) =>
  new Promise<{ code: number | null; out: string }>((resolve) => {
    const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 120000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });

const microjwt = (args: string[], env?: Record<string, string>) => run([cliJs, ...args], { env, timeoutMs: 300000 });

describe('microjwt flash errors', () => {
  const served: Served[] = [];
  const cleanup: (() => void)[] = [];
  let silent: net.Server;
  let silentPort = 0;
  beforeAll(async () => {
    // Accepts connections and never says anything: a port that is not an Espruino.
    silent = net.createServer((s) => s.on('error', () => {}));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
    silentPort = (silent.address() as net.AddressInfo).port;
  });
  afterAll(async () => {
    silent.close();
    for (const s of served) await s.close();
    for (const f of cleanup) f();
  });

  it('no such serial port', async () => {
    const r = await microjwt(['flash', '--port', '/dev/ttyNOPE-microjwt', '--board', 'pico']);
    expect(r.out).toContain('no such port: /dev/ttyNOPE-microjwt does not exist');
    expect(r.code).toBe(2);
  });

  it('no such network port', async () => {
    const closed = net.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', () => r()));
    const port = (closed.address() as net.AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const r = await microjwt(['flash', '--port', 'tcp://127.0.0.1:' + port, '--board', 'pico']);
    expect(r.out).toContain('no such port: nothing listens at tcp://127.0.0.1:' + port + ' (ECONNREFUSED)');
    expect(r.code).toBe(2);
  });

  it('a board that does not answer', async () => {
    const r = await microjwt(['flash', '--port', 'tcp://127.0.0.1:' + silentPort, '--board', 'pico']);
    expect(r.out).toContain('does not answer: no Espruino prompt after Enter and Ctrl-C');
    expect(r.code).toBe(2);
  }, 60000);

  /** An emulated board (empty Storage) and a scratch directory, both cleaned up after the tests. */
  const boardAndDir = async (board: string, prefix: string): Promise<{ s: Served; dir: string }> => {
    const s = await serve({ board, port: 0, empty: true });
    served.push(s);
    const dir = mkdtempSync(join(tmpdir(), prefix));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    return { s, dir };
  };

  it('not enough free Storage', async () => {
    const s = await serve({ board: 'pico', port: 0, empty: true });
    served.push(s);
    const port = 'tcp://127.0.0.1:' + s.port;
    // Fill Storage through the official CLI: one file of 240,000 bytes.
    const fill = await run([officialCli, '--no-ble', '-p', port, '-e', 'require("Storage").write("big","x",0,240000);print("FREE",require("Storage").getFree())'], { timeoutMs: 60000 });
    expect(fill.out).toMatch(/FREE \d+/);
    const r = await microjwt(['flash', '--port', port, '--board', 'pico']);
    expect(r.out).toMatch(/not enough free Storage: \w+\.min\.js needs \d+ bytes, the board has \d+ free/);
    expect(r.code).toBe(2);
  }, 90000);

  it('a build larger than the whole Storage area: told so, not told to erase files', async () => {
    const { s, dir } = await boardAndDir('pico', 'microjwt-big-');
    // Valid module text, longer than the emulated Storage (262,144 bytes, as the Linux builds have).
    const big = join(dir, 'big.min.js');
    writeFileSync(big, '/*' + 'x'.repeat(300000) + '*/exports.version="0";\n');
    const r = await microjwt(['flash', '--port', 'tcp://127.0.0.1:' + s.port, '--board', 'pico', '--module', big]);
    expect(r.out).toMatch(/big\.min\.js is too big for this board: it needs \d+ bytes of Storage and the board has 262144 in all, so erasing files cannot make room/);
    expect(r.out).not.toContain('not enough free Storage');
    // The core build (~36 KB) fits this Storage and the board has a native SHA-256: it is offered.
    expect(r.out).toMatch(/The core build fits \(\d+ bytes: JWS\/JWT/);
    expect(r.out).toContain('use --build core');
    expect(r.code).toBe(2);
  }, 60000);

  it('a board lacking the crypto functions a per-board build relies on', async () => {
    const { s, dir } = await boardAndDir('pico', 'microjwt-variant-');
    mkdirSync(join(dir, 'variants'));
    copyFileSync(moduleFile, join(dir, 'variants', 'esp32.min.js'));
    const r = await microjwt(['flash', '--port', 'tcp://127.0.0.1:' + s.port, '--board', 'esp32', '--module', join(dir, 'variants', 'esp32.min.js')]);
    expect(r.out).toContain('this board (PICO_R1_3) lacks crypto.SHA384, crypto.SHA512, which the esp32 build (esp32.min.js) relies on');
    expect(r.code).toBe(2);
  }, 60000);

  it('the core build on a board without a native SHA-256 (it has no pure one)', async () => {
    const { s, dir } = await boardAndDir('rp2040', 'microjwt-core-');
    mkdirSync(join(dir, 'variants'));
    const core = join(dir, 'variants', 'core.min.js');
    copyFileSync(join(root, 'dist', 'variants', 'core.min.js'), core);
    const r = await microjwt(['flash', '--port', 'tcp://127.0.0.1:' + s.port, '--board', 'rp2040', '--module', core]);
    expect(r.out).toContain('lacks crypto.SHA256, which the core build (core.min.js) relies on');
    expect(r.code).toBe(2);
  }, 60000);

  it('a board with too few JsVars for the build', async () => {
    const { s, dir } = await boardAndDir('puck', 'microjwt-big-');
    const big = join(dir, 'big.min.js');
    writeFileSync(big, '(function(){' + Array.from({ length: 400 }, (_, i) => 'exports.f' + i + '=function(){return ' + i + '};').join('') + '})();');
    const r = await microjwt(['flash', '--port', 'tcp://127.0.0.1:' + s.port, '--board', 'puck', '--module', big]);
    expect(r.out).toMatch(/this board has 2630 JsVars in all; big\.min\.js takes about \d+ at load/);
    expect(r.code).toBe(2);
  }, 60000);

  it('without the official CLI installed: says how to add it', async () => {
    const r = await microjwt(['flash', '--port', 'tcp://127.0.0.1:' + silentPort, '--board', 'pico'], { MICROJWT_ESPRUINO_CLI: '' });
    expect(r.out).toContain('npm install --save-dev espruino');
    expect(r.code).toBe(2);
  });
});
