// The emulator commands of the CLI (src/host/cli.ts) give each board its real
// Storage size and refuse a build it could not hold, as `flash` refuses it.
// (`emulate` with the demo: test/board/demo.test.ts; the installed bin:
// ./package.test.ts.)
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { packageRoot, getProfile } from '../../src/host/paths';

const root = packageRoot();
type Run = { code: number; stdout: string; stderr: string };
const cli = (args: string[]): Promise<Run> =>
  promisify(execFile)(process.execPath, [join(root, 'dist/cli.js'), ...args], { cwd: root, timeout: 60000 }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: Run) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );

const withScript = async (text: string, fn: (file: string) => Promise<void>) => {
  const dir = mkdtempSync(join(tmpdir(), 'microjwt-cli-'));
  try {
    writeFileSync(join(dir, 's.js'), text);
    await fn(join(dir, 's.js'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

const STATS = "var s = require('Storage').getStats(); print(s.totalBytes + ' ' + (s.totalBytes - s.freeBytes) + ' ' + require('Storage').read('microjwt').length);\n";

describe('microjwt emulate, selftest, serve: the board\'s real Storage', () => {
  it('emulate reports the board\'s Storage size, with the module in it', async () => {
    await withScript(STATS, async (file) => {
      for (const [board, build] of [['pico', 'core'], ['puck', 'core'], ['esp32', undefined], ['rp2040', undefined]] as const) {
        const r = await cli(['emulate', file, '--board', board, ...(build ? ['--build', build] : [])]);
        expect(r.code, r.stderr).toBe(0);
        const [total, used, size] = r.stdout.trim().split(' ').map(Number);
        expect(total).toBe(getProfile(board).storageBytes);
        expect(used).toBeGreaterThan(size);
        expect(used).toBeLessThan(total);
      }
    });
  }, 120000);

  it('refuses a build larger than the board\'s whole Storage, naming the build that fits', async () => {
    await withScript("print('ran');\n", async (file) => {
      for (const args of [['emulate', file, '--board', 'pico'], ['emulate', file, '--board', 'puck', '--build', 'universal'], ['selftest', '--board', 'puck'], ['serve', '--board', 'pico', '--port', '0']]) {
        const r = await cli(args);
        expect(r.code, args.join(' ')).not.toBe(0);
        expect(r.stdout).not.toContain('ran');
        expect(r.stderr).toMatch(/is too big for this board: it needs \d+ bytes of Storage and the board has (49152|40960) in all/);
        expect(r.stderr).toContain('use --build core');
      }
    });
  }, 120000);

  it('--build names one of the package\'s builds', async () => {
    await withScript("print('ran');\n", async (file) => {
      const r = await cli(['emulate', file, '--build', 'nosuch']);
      expect(r.code).not.toBe(0);
      expect(r.stderr).toContain('--build takes one of: core, pico, esp32, rp2040, puck, universal');
      const ok = await cli(['emulate', file, '--board', 'linux', '--build', 'core']);
      expect(ok.stdout).toBe('ran\n');
    });
  }, 60000);
});
