// End-to-end flash path: the official Espruino CLI writes the module into the
// Storage of the Linux build's telnet REPL (`espruino --telnet`, port 2323),
// then `microjwt flash` runs board/selftest.js there. Needs ESPRUINO_BIN.
import { describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { espruinoBinaries } from '../../src/host/real';

const bin = espruinoBinaries()[0];
const root = join(__dirname, '..', '..');

const portOpen = () =>
  new Promise<boolean>((resolve) => {
    const s = connect(2323, '127.0.0.1');
    s.on('connect', () => { s.destroy(); resolve(true); });
    s.on('error', () => resolve(false));
  });

describe('microjwt flash', () => {
  if (!bin) {
    it.skip('flash over telnet: skipped, ESPRUINO_BIN is not set', () => {});
    return;
  }
  it('writes the module with the official CLI and runs the self-test (' + bin + ')', async () => {
    expect(await portOpen(), 'port 2323 is already in use').toBe(false);
    const dir = mkdtempSync(join(tmpdir(), 'microjwt-telnet-'));
    // stdin stays an open idle pipe; the server ignores SIGTERM, so SIGKILL by PID.
    const server = spawn(bin, ['--telnet'], { cwd: dir, stdio: ['pipe', 'ignore', 'ignore'] });
    try {
      for (let i = 0; i < 50 && !(await portOpen()); i++) await new Promise((r) => setTimeout(r, 100));
      const r = spawnSync(process.execPath, [join(root, 'dist', 'cli.js'), 'flash', '--port', 'tcp://127.0.0.1:2323', '--board', 'linux', '--timeout', '150'], { encoding: 'utf8', timeout: 400000 });
      const size = readFileSync(join(root, 'dist', 'microjwt.min.js')).length;
      expect(r.stdout).toContain('stored ' + size);
      expect(r.stdout).toMatch(/\d+ passed, \d+ failed/);
    } finally {
      server.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  }, 420000);
});
