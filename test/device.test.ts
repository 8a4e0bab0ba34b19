// Runs every test/device/*.js (files starting with `_` excluded) under every
// emulator profile of espruino.json (each with its board's own build, see
// src/host/variants.mjs), with the `core` build on the pico profile, and, for
// each interpreter named in env ESPRUINO_BIN (paths separated by ':'), on the
// real Espruino interpreter (universal module).
import { describe, expect, it } from 'vitest';
import { basename } from 'node:path';
import { runDeviceScript } from '../src/host/emulator';
import { runOnEspruino, espruinoBinaries } from '../src/host/real';
import { boardNames, variantModule } from '../src/host/paths';
import { composeDeviceScript, judge, listDeviceScripts } from '../src/host/devicetests';
import { packageRoot } from '../src/host/paths';
import { buildDeviceModule } from '../src/host/devicebuild.mjs';

const binaries = espruinoBinaries();

/** Modules named by `// @module entry.ts`, built once each (minified, as dist/microjwt.min.js is). */
const built = new Map<string, Promise<string>>();
const moduleFor = (entry: string | undefined): Promise<string | undefined> => {
  if (!entry) return Promise.resolve(undefined);
  if (!built.has(entry)) built.set(entry, buildDeviceModule(packageRoot(), { file: entry }).then((m) => m.minified));
  return built.get(entry)!;
};

for (const script of listDeviceScripts()) {
  describe('device ' + script.name, () => {
    const text = composeDeviceScript(script);
    for (const board of boardNames()) {
      const run = script.excludedBoards.includes(board) ? it.skip : it;
      run('emulator ' + board, async () => {
        const r = await runDeviceScript(text, { board, filename: script.name, time: 'host', module: await moduleFor(script.module) });
        const v = judge(r.output, r.error);
        expect(v.ok, v.reason).toBe(true);
      });
    }
    (script.excludedVariants.includes('core') || script.module ? it.skip : it)('emulator pico, core build', async () => {
      const r = await runDeviceScript(text, { board: 'pico', filename: script.name, time: 'host', module: Buffer.from(variantModule('core'), 'latin1').toString('utf8') });
      const v = judge(r.output, r.error);
      expect(v.ok, v.reason).toBe(true);
    });
    if (!binaries.length) {
      it.skip('real interpreter: skipped, ESPRUINO_BIN is not set', () => {});
    }
    for (const bin of binaries) {
      it('real ' + basename(bin) + ' (' + bin + ')', async () => {
        const r = await runOnEspruino(bin, text, { timeoutMs: 120000, module: await moduleFor(script.module) });
        const v = judge(r.output, r.error);
        expect(v.ok, v.reason).toBe(true);
      }, 300000);
    }
  });
}
