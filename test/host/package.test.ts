// The package as a user gets it: `npm pack`, then `npm install <tarball>` into
// an empty project (offline: microjwt has no runtime dependency; acorn is
// bundled into dist/cli.js and the official Espruino CLI is an optional peer),
// then the library on Node and the CLI from that project: emulate, selftest,
// flash (help, and the message when the official CLI is missing), serve.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const root = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

let dir = '';
let app = '';
let packed: { filename: string; files: { path: string; mode: number }[] };
// Only node and the project's own bin folder: a global `espruino` must not hide a missing peer.
const env = () => ({ ...process.env, PATH: join(app, 'node_modules', '.bin') + ':' + dirname(process.execPath) });
const bin = () => join(app, 'node_modules', '.bin', 'microjwt');
const runBin = (args: string[]) => {
  try {
    return { code: 0, out: execFileSync(bin(), args, { cwd: app, env: env(), encoding: 'utf8', timeout: 120000, stdio: ['ignore', 'pipe', 'pipe'] }) };
  } catch (e) {
    const x = e as { status: number; stdout: string; stderr: string };
    return { code: x.status, out: x.stdout + x.stderr };
  }
};

describe('the packed package, installed into an empty project', () => {
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'microjwt-pack-'));
    // npm test has just built dist/; --ignore-scripts keeps prepack from
    // rebuilding it under the feet of the other test files.
    const out = execFileSync(npm, ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], { cwd: root, encoding: 'utf8', timeout: 120000 });
    packed = JSON.parse(out)[0];
    app = join(dir, 'app');
    mkdirSync(app);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'microjwt-install-test', version: '1.0.0', private: true }));
    execFileSync(npm, ['install', join(dir, packed.filename), '--offline', '--no-audit', '--no-fund'], { cwd: app, encoding: 'utf8', timeout: 120000 });
  }, 240000);
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('prepack builds dist/; the tarball holds the module, the types, the CLI (mode 0755), the board scripts', () => {
    expect(pkg.scripts.prepack).toBe('node build.mjs');
    const files = new Map(packed.files.map((f) => [f.path, f.mode]));
    for (const f of ['dist/microjwt.min.js', 'dist/microjwt.js', 'dist/microjwt.d.ts', 'dist/cli.js', 'board/selftest.js', 'espruino.json', 'package.json']) {
      expect(files.has(f), f).toBe(true);
    }
    expect((files.get('dist/cli.js') ?? 0) & 0o777).toBe(0o755);
    expect(readFileSync(join(root, 'dist', 'cli.js'), 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
  });

  it('has no runtime dependency; the official Espruino CLI is an optional peer, not installed', () => {
    expect(pkg.dependencies ?? {}).toEqual({});
    expect(pkg.peerDependenciesMeta?.espruino?.optional).toBe(true);
    const lock = JSON.parse(readFileSync(join(app, 'package-lock.json'), 'utf8'));
    expect(Object.keys(lock.packages).filter((p) => p.startsWith('node_modules/'))).toEqual(['node_modules/microjwt']);
  });

  it('require("microjwt") works on Node', () => {
    const out = execFileSync(
      process.execPath,
      ['-e', "const mj = require('microjwt'); const k = 'k'.repeat(32); const t = mj.sign({ sub: 'x' }, k, { noTimestamp: true }); console.log(mj.version, mj.verify(t, k, { algorithms: ['HS256'] }).sub, typeof mj.ClockNotSetError)"],
      { cwd: app, encoding: 'utf8' },
    );
    expect(out.trim()).toBe(pkg.version + ' x function');
  });

  it('microjwt emulate runs a device script (the bin is executable)', () => {
    writeFileSync(join(app, 's.js'), "var mj = require('microjwt'); print('on ' + process.env.BOARD + ': ' + mj.base64url.encode(mj.utf8.encode('hi')));\n");
    const r = runBin(['emulate', 's.js', '--board', 'esp32']);
    expect(r.out).toBe('on ESP32: aGk\n');
    expect(r.code).toBe(0);
  });

  it('npx microjwt selftest passes in the emulator: the whole library on an ESP32, the core build on a Pico', () => {
    const out = execFileSync('npx', ['--offline', 'microjwt', 'selftest', '--board', 'esp32'], { cwd: app, env: env(), encoding: 'utf8', timeout: 120000 });
    expect(out).toMatch(/\d+ passed, 0 failed(, \d+ skipped[^\n]*)?\s*$/);
    const core = execFileSync('npx', ['--offline', 'microjwt', 'selftest', '--board', 'pico', '--build', 'core'], { cwd: app, env: env(), encoding: 'utf8', timeout: 120000 });
    expect(core).toMatch(/\d+ passed, 0 failed, \d+ skipped[^\n]*\s*$/);
  });

  it('microjwt flash --help, and flash without the official CLI says how to add it', () => {
    const help = runBin(['flash', '--help']);
    expect(help.code).toBe(0);
    expect(help.out).toContain('microjwt flash --port <p>');
    const r = runBin(['flash', '--port', 'tcp://127.0.0.1:9', '--board', 'pico']);
    expect(r.out).toContain('npm install --save-dev espruino');
    expect(r.code).toBe(2);
  });

  it('microjwt serve answers at its REPL and stops on SIGTERM', async () => {
    const child = spawn(bin(), ['serve', '--board', 'linux', '--port', '0'], { cwd: app, env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      let out = '';
      const port = await new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('serve did not start: ' + out)), 20000);
        child.stdout.on('data', (d) => {
          out += d;
          const m = /REPL on tcp:\/\/127\.0\.0\.1:(\d+)/.exec(out);
          if (m) {
            clearTimeout(timer);
            resolve(Number(m[1]));
          }
        });
      });
      const answer = await new Promise<string>((resolve, reject) => {
        const s = net.connect(port, '127.0.0.1');
        let got = '';
        const timer = setTimeout(() => reject(new Error('no answer: ' + JSON.stringify(got))), 20000);
        s.on('connect', () => s.write('\x10print(require("microjwt").version, process.env.BOARD)\n'));
        s.on('data', (d) => {
          got += d.toString('latin1');
          if (/\r\n/.test(got.replace(/^>/, ''))) {
            clearTimeout(timer);
            s.destroy();
            resolve(got);
          }
        });
      });
      expect(answer).toContain(pkg.version + ' LINUX\r\n');
      const code = await new Promise<number | null>((resolve) => {
        child.on('close', (c) => resolve(c));
        child.kill('SIGTERM');
      });
      expect(code).toBe(0);
    } finally {
      child.kill('SIGKILL');
    }
  }, 60000);
});
