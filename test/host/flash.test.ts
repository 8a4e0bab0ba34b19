// The flash path end to end: the built CLI (dist/cli.js) drives the official
// Espruino CLI (node_modules/espruino) against `microjwt serve` (always), and
// against the real interpreters' telnet REPL (`espruino --telnet`, port 2323)
// when ESPRUINO_BIN names them. Also each error flash explains, and the
// official CLI's own `--storage` upload and `-e` against serve.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '../../src/host/serve';
import type { Served } from '../../src/host/serve';
import { espruinoBinaries } from '../../src/host/real';

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

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('microjwt flash + selftest against microjwt serve', () => {
  const served: Served[] = [];
  const start = async (board: string) => {
    const s = await serve({ board, port: 0, empty: true });
    served.push(s);
    return 'tcp://127.0.0.1:' + s.port;
  };
  afterAll(async () => {
    for (const s of served) await s.close();
  });

  it('pico: writes, verifies with the native SHA-256, runs the self-test (0 failed)', async () => {
    const port = await start('pico');
    const r = await microjwt(['flash', '--port', port, '--board', 'pico']);
    expect(r.out).toContain('Storage: 262144 bytes free before');
    expect(r.out).toMatch(/100%\s+\d+ \/ \d+ bytes/);
    expect(r.out).toContain('verified: ' + readFileSync(moduleFile).length + ' bytes, SHA-256 ' + sha256(moduleFile) + ' (hashed on the board with crypto.SHA256)');
    expect(r.out).toMatch(/bytes free after/);
    expect(r.out).toMatch(/self-test on tcp:\/\/127\.0\.0\.1:\d+: (\d+) passed, 0 failed/);
    expect(Number(/(\d+) passed, 0 failed \(/.exec(r.out)?.[1])).toBeGreaterThanOrEqual(25);
    expect(r.code, r.out).toBe(0);
  }, 300000);

  it('rp2040 (no crypto module): verifies with microjwt\'s own SHA-256', async () => {
    const port = await start('rp2040');
    const r = await microjwt(['flash', '--port', port, '--board', 'rp2040', '--no-selftest']);
    expect(r.out).toContain('SHA-256 ' + sha256(moduleFile) + ' (hashed on the board with microjwt.crypto.sha256)');
    expect(r.code, r.out).toBe(0);
    const t = await microjwt(['selftest', '--port', port]);
    expect(t.out).toMatch(/: \d+ passed, 0 failed/);
    expect(t.code, t.out).toBe(0);
  }, 300000);

  it('the official CLI itself: --storage upload, then -e runs code that reads it back', async () => {
    const port = await start('esp32');
    const r = await run(
      [officialCli, '--no-ble', '-p', port, '--config', 'SERIAL_THROTTLE_SEND=1', '--config', 'UNICODE=true', '--config', 'STORAGE_UPLOAD_METHOD=1',
        '--storage', 'microjwt:' + moduleFile,
        '-e', 'var d=require("Storage").read("microjwt");print("GOT",d.length,E.getConsole(),require("crypto").SHA256(d).byteLength)'],
      { timeoutMs: 60000 },
    );
    expect(r.out).toContain('GOT ' + readFileSync(moduleFile).length + ' Telnet 32');
  }, 90000);
});

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

  it('not enough free Storage', async () => {
    const s = await serve({ board: 'pico', port: 0, empty: true });
    served.push(s);
    const port = 'tcp://127.0.0.1:' + s.port;
    // Fill Storage through the official CLI: one file of 240,000 bytes.
    const fill = await run([officialCli, '--no-ble', '-p', port, '-e', 'require("Storage").write("big","x",0,240000);print("FREE",require("Storage").getFree())'], { timeoutMs: 60000 });
    expect(fill.out).toMatch(/FREE \d+/);
    const r = await microjwt(['flash', '--port', port, '--board', 'pico']);
    expect(r.out).toMatch(/not enough free Storage: microjwt\.min\.js needs \d+ bytes, the board has \d+ free/);
    expect(r.code).toBe(2);
  }, 90000);

  it('a board lacking the crypto functions a per-board build relies on', async () => {
    const s = await serve({ board: 'pico', port: 0, empty: true });
    served.push(s);
    const dir = mkdtempSync(join(tmpdir(), 'microjwt-variant-'));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    mkdirSync(join(dir, 'variants'));
    copyFileSync(moduleFile, join(dir, 'variants', 'esp32.min.js'));
    const r = await microjwt(['flash', '--port', 'tcp://127.0.0.1:' + s.port, '--board', 'esp32', '--module', join(dir, 'variants', 'esp32.min.js')]);
    expect(r.out).toContain('this board (PICO_R1_3) lacks crypto.SHA384, crypto.SHA512, which the esp32 build (esp32.min.js) relies on');
    expect(r.code).toBe(2);
  }, 60000);

  it('a board with too few JsVars for the build', async () => {
    const s = await serve({ board: 'puck', port: 0, empty: true });
    served.push(s);
    const dir = mkdtempSync(join(tmpdir(), 'microjwt-big-'));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
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

// The real interpreters (Linux builds) serve their REPL with --telnet on port 2323.
describe('microjwt flash + selftest on the real interpreter (telnet REPL)', () => {
  const bins = espruinoBinaries();
  if (bins.length === 0) {
    it.skip('skipped: ESPRUINO_BIN is not set', () => {});
    return;
  }
  const portOpen = () =>
    new Promise<boolean>((resolve) => {
      const s = net.connect(2323, '127.0.0.1');
      s.on('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.on('error', () => resolve(false));
    });
  for (const bin of bins) {
    it(bin + ': flash verifies, self-test 0 failed', async () => {
      expect(await portOpen(), 'port 2323 is already in use').toBe(false);
      const dir = mkdtempSync(join(tmpdir(), 'microjwt-telnet-'));
      // stdin stays an open idle pipe; the server ignores SIGTERM, so SIGKILL by PID.
      const server = spawn(bin, ['--telnet'], { cwd: dir, stdio: ['pipe', 'ignore', 'ignore'] });
      try {
        for (let i = 0; i < 50 && !(await portOpen()); i++) await new Promise((r) => setTimeout(r, 100));
        const r = await microjwt(['flash', '--port', 'tcp://127.0.0.1:2323', '--board', 'pico', '--timeout', '600']);
        expect(r.out).toContain('verified: ' + readFileSync(moduleFile).length + ' bytes, SHA-256 ' + sha256(moduleFile));
        expect(r.out).toMatch(/: (\d+) passed, 0 failed/);
        expect(Number(/(\d+) passed, 0 failed \(/.exec(r.out)?.[1])).toBeGreaterThanOrEqual(25);
        expect(r.code, r.out).toBe(0);
      } finally {
        server.kill('SIGKILL');
        rmSync(dir, { recursive: true, force: true });
      }
    }, 600000);
  }
});
