// board/demo.js, what `npm start` runs: in the emulated Espruino Pico through
// the CLI (as `npm start` does), and with ESPRUINO_BIN on each real
// interpreter with the Pico's own build in Storage (the Pico-like build is
// the memory reference: 5,100 JsVars for everything).
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { espruinoBinaries, runOnEspruino } from '../../src/host/real';
import { packageRoot } from '../../src/host/paths';

const root = packageRoot();
const STEPS = [
  'issue   HS256 JWT',
  'verify  HS256 JWT',
  'encrypt JWE dir/A128CBC-HS256',
  'decrypt JWE',
  'MicroJWT (sessions loaded)',
  'login   token pair',
  'refresh rotation',
  'reuse   spent refresh token',
  'revoke  access token',
];

/** Every step with its time and JsVars, every verdict as it should be; returns the largest JsVars figure. */
const checkDemo = (out: string, total?: number): number => {
  const usages: number[] = [];
  for (const name of STEPS) {
    const m = new RegExp('^\\[' + name.replace(/[()/]/g, '\\$&') + '\\] (\\d+(?:\\.\\d+)?) ms, (\\d+) JsVars in use$', 'm').exec(out);
    expect(m, name + '\n' + out).not.toBeNull();
    usages.push(Number(m![2]));
  }
  expect(out).toMatch(/^ {2}eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9\.[\w-]+\.[\w-]{43}$/m);
  expect(out).toContain('  sub=sensor-7 temp=21.5 name=Café ☺\n');
  expect(out).toContain('  refused: InvalidSignatureError (ERR_JWS_SIGNATURE)\n');
  expect(out).toContain('  refused: InvalidAudienceError (ERR_JWT_AUDIENCE)\n');
  expect(out).toMatch(/^ {2}eyJhbGciOiJkaXIiLCJlbmMiOiJBMTI4Q0JDLUhTMjU2IiwidH\.\.\. \(\d+ chars\)$/m);
  expect(out).toContain('  pin=1234\n');
  expect(out).toContain('  new access token: accepted\n');
  expect(out).toContain("  ERR_REFRESH_REUSED; the family's new access token: refused (ERR_TOKEN_REVOKED)\n");
  expect(out).toContain('  after logout: refused (ERR_TOKEN_REVOKED)\n');
  const last = /^memory: (\d+) of (\d+) JsVars in use$/m.exec(out);
  expect(last, out).not.toBeNull();
  if (total !== undefined) expect(Number(last![2])).toBe(total);
  usages.push(Number(last![1]));
  expect(out).not.toMatch(/Uncaught|accepted\?!|OUT OF MEMORY|Not enough memory/);
  return Math.max(...usages);
};

describe('board/demo.js (npm start)', () => {
  it('npm start runs the demo through the CLI in the emulated Pico', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.start).toBe('node build.mjs && node dist/cli.js emulate board/demo.js --board pico');
  });

  it('emulated Pico: every step with its time and JsVars, within 5,100', async () => {
    const r = await promisify(execFile)(process.execPath, [join(root, 'dist/cli.js'), 'emulate', 'board/demo.js', '--board', 'pico'], { cwd: root });
    expect(r.stdout).toMatch(/^microjwt \d+\.\d+\.\d+ on PICO_R1_3: \d+ of 5100 JsVars in use$/m);
    expect(checkDemo(r.stdout, 5100)).toBeLessThan(5100);
    expect(r.stdout).not.toContain('clock not set');
  }, 60000);

  it('emulated Pico that booted without its clock: says so, then sets it', async () => {
    const r = await promisify(execFile)(process.execPath, [join(root, 'dist/cli.js'), 'emulate', 'board/demo.js', '--board', 'pico', '--time', 'unset'], { cwd: root });
    expect(r.stdout).toContain('clock not set: ERR_CLOCK_NOT_SET; setting it\n');
    checkDemo(r.stdout, 5100);
  }, 60000);

  const bins = espruinoBinaries();
  if (bins.length === 0) it.skip('real interpreter: skipped, ESPRUINO_BIN is not set', () => {});
  for (const bin of bins) {
    it('real interpreter ' + bin + ' with the Pico build: runs to the end without running out of memory', async () => {
      const module = readFileSync(join(root, 'dist/variants/pico.min.js'), 'utf8');
      const r = await runOnEspruino(bin, readFileSync(join(root, 'board/demo.js'), 'utf8'), { module, timeoutMs: 300000 });
      expect(r.error, r.output).toBeUndefined();
      // The Unicode build grows its memory as needed: the figure at the end counts.
      const total = Number(/^memory: \d+ of (\d+) JsVars in use$/m.exec(r.output)![1]);
      const peak = checkDemo(r.output);
      expect(peak).toBeLessThan(total);
      console.log(bin + ': demo peak ' + peak + ' of ' + total + ' JsVars');
    }, 600000);
  }
});
