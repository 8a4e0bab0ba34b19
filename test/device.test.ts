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

const binaries = espruinoBinaries();

for (const script of listDeviceScripts()) {
  describe('device ' + script.name, () => {
    const text = composeDeviceScript(script);
    for (const board of boardNames()) {
      const run = script.excludedBoards.includes(board) ? it.skip : it;
      run('emulator ' + board, async () => {
        const r = await runDeviceScript(text, { board, filename: script.name, time: 'host' });
        const v = judge(r.output, r.error);
        expect(v.ok, v.reason).toBe(true);
      });
    }
    (script.excludedVariants.includes('core') ? it.skip : it)('emulator pico, core build', async () => {
      const r = await runDeviceScript(text, { board: 'pico', filename: script.name, time: 'host', module: Buffer.from(variantModule('core'), 'latin1').toString('utf8') });
      const v = judge(r.output, r.error);
      expect(v.ok, v.reason).toBe(true);
    });
    if (!binaries.length) {
      it.skip('real interpreter: skipped, ESPRUINO_BIN is not set', () => {});
    }
    for (const bin of binaries) {
      it('real ' + basename(bin) + ' (' + bin + ')', async () => {
        const r = await runOnEspruino(bin, text, { timeoutMs: 120000 });
        const v = judge(r.output, r.error);
        expect(v.ok, v.reason).toBe(true);
      }, 300000);
    }
  });
}
