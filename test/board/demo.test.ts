// board/demo.js, what `npm start` runs: in the emulated ESP32 through the CLI
// (as `npm start` does); on the emulated Espruino Pico, whose 48 KB of
// Storage holds the core build only (the CLI refuses the whole library
// there, as flash does); and with ESPRUINO_BIN on each real interpreter with
// the core and the pico builds in Storage (the Pico-like build is the memory
// reference: 5,100 JsVars for everything).
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { espruinoBinaries, runOnEspruino } from '../../src/host/real';
import { packageRoot } from '../../src/host/paths';

const root = packageRoot();
const JWT_STEPS = ['issue   HS256 JWT', 'verify  HS256 JWT'];
const STEPS = [
  ...JWT_STEPS,
  'encrypt JWE dir/A128CBC-HS256',
  'decrypt JWE',
  'MicroJWT (sessions loaded)',
  'login   token pair',
  'refresh rotation',
  'reuse   spent refresh token',
  'revoke  access token',
];

const NOT_IN_CORE = "JWE and sessions: not in this build (JWS/JWT only, what fits an Espruino Pico's or a Puck.js's Storage); an ESP32 or a Raspberry Pi Pico runs them\n";

/**
 * Every step with its time and JsVars, every verdict as it should be;
 * returns the largest JsVars figure. `core`: the core build's run, JWS/JWT
 * steps and the line that says what the build leaves out.
 */
const checkDemo = (out: string, total?: number, core = false): number => {
  const usages: number[] = [];
  for (const name of core ? JWT_STEPS : STEPS) {
    const m = new RegExp('^\\[' + name.replace(/[()/]/g, '\\$&') + '\\] (\\d+(?:\\.\\d+)?) ms, (\\d+) JsVars in use$', 'm').exec(out);
    expect(m, name + '\n' + out).not.toBeNull();
    usages.push(Number(m![2]));
  }
  expect(out).toMatch(/^ {2}eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9\.[\w-]+\.[\w-]{43}$/m);
  expect(out).toContain('  sub=sensor-7 temp=21.5 name=Café ☺\n');
  expect(out).toContain('  refused: InvalidSignatureError (ERR_JWS_SIGNATURE)\n');
  expect(out).toContain('  refused: InvalidAudienceError (ERR_JWT_AUDIENCE)\n');
  if (core) {
    expect(out).toContain(NOT_IN_CORE);
    expect(out).not.toContain('[encrypt');
  } else {
    expect(out).not.toContain(NOT_IN_CORE);
    expect(out).toMatch(/^ {2}eyJhbGciOiJkaXIiLCJlbmMiOiJBMTI4Q0JDLUhTMjU2IiwidH\.\.\. \(\d+ chars\)$/m);
    expect(out).toContain('  pin=1234\n');
    expect(out).toContain('  new access token: accepted\n');
    expect(out).toContain("  ERR_REFRESH_REUSED; the family's new access token: refused (ERR_TOKEN_REVOKED)\n");
    expect(out).toContain('  after logout: refused (ERR_TOKEN_REVOKED)\n');
  }
  const last = /^memory: (\d+) of (\d+) JsVars in use$/m.exec(out);
  expect(last, out).not.toBeNull();
  if (total !== undefined) expect(Number(last![2])).toBe(total);
  usages.push(Number(last![1]));
  expect(out).not.toMatch(/Uncaught|accepted\?!|OUT OF MEMORY|Not enough memory/);
  return Math.max(...usages);
};

const cli = (args: string[]) => promisify(execFile)(process.execPath, [join(root, 'dist/cli.js'), ...args], { cwd: root });

describe('board/demo.js (npm start)', () => {
  it('npm start runs the demo through the CLI in the emulated ESP32 (the whole library fits its Storage)', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.start).toBe('node build.mjs && node dist/cli.js emulate board/demo.js --board esp32');
  });

  it('emulated ESP32: every step with its time and JsVars', async () => {
    const r = await cli(['emulate', 'board/demo.js', '--board', 'esp32']);
    expect(r.stdout).toMatch(/^microjwt \d+\.\d+\.\d+ on ESP32: \d+ of 16383 JsVars in use$/m);
    checkDemo(r.stdout, 16383);
    expect(r.stdout).not.toContain('clock not set');
  }, 60000);

  it('emulated Pico: its own build is refused as too big for its 48 KB of Storage, with the advice flash gives', async () => {
    const r = await cli(['emulate', 'board/demo.js', '--board', 'pico']).then(
      () => undefined,
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
    expect(r, 'the CLI ran the pico build on an emulated Pico').toBeDefined();
    expect(r!.code).not.toBe(0);
    expect(r!.stdout).toBe('');
    expect(r!.stderr).toMatch(/emulated Espruino Pico \(pico\): pico\.min\.js is too big for this board: it needs \d+ bytes of Storage and the board has 49152 in all/);
    expect(r!.stderr).toContain('use --build core');
  }, 60000);

  it('emulated Pico with --build core: JWS/JWT within 5,100 JsVars, and says what the build leaves out', async () => {
    const r = await cli(['emulate', 'board/demo.js', '--board', 'pico', '--build', 'core']);
    expect(r.stdout).toMatch(/^microjwt \d+\.\d+\.\d+ on PICO_R1_3: \d+ of 5100 JsVars in use$/m);
    expect(checkDemo(r.stdout, 5100, true)).toBeLessThan(5100);
    expect(r.stdout).not.toContain('clock not set');
  }, 60000);

  it('emulated Pico that booted without its clock: says so, then sets it', async () => {
    const r = await cli(['emulate', 'board/demo.js', '--board', 'pico', '--build', 'core', '--time', 'unset']);
    expect(r.stdout).toContain('clock not set: ERR_CLOCK_NOT_SET; setting it\n');
    checkDemo(r.stdout, 5100, true);
  }, 60000);

  const bins = espruinoBinaries();
  if (bins.length === 0) it.skip('real interpreter: skipped, ESPRUINO_BIN is not set', () => {});
  for (const bin of bins) {
    for (const build of ['core', 'pico']) {
      it('real interpreter ' + bin + ' with the ' + build + ' build: runs to the end without running out of memory', async () => {
        const module = readFileSync(join(root, 'dist/variants/' + build + '.min.js'), 'utf8');
        const r = await runOnEspruino(bin, readFileSync(join(root, 'board/demo.js'), 'utf8'), { module, timeoutMs: 300000 });
        expect(r.error, r.output).toBeUndefined();
        // The Unicode build grows its memory as needed: the figure at the end counts.
        const total = Number(/^memory: \d+ of (\d+) JsVars in use$/m.exec(r.output)![1]);
        const peak = checkDemo(r.output, undefined, build === 'core');
        expect(peak).toBeLessThan(total);
        console.log(bin + ': demo (' + build + ' build) peak ' + peak + ' of ' + total + ' JsVars');
      }, 600000);
    }
  }
});
