// What a StorageRevocationStore of 200 entries (22-character random jtis,
// as MicroJWT makes) costs: Storage bytes (the log, and the flash the
// StorageFile chunks take) and, after a reboot, RAM (JsVars) for the open
// store, against a MemoryRevocationStore of the same entries. In the
// emulator (every figure but RAM is exact there) and, with ESPRUINO_BIN, on
// the real interpreters.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runDeviceScript } from '../../src/host/emulator';
import { espruinoBinaries, runOnEspruino } from '../../src/host/real';

const fill = `var mj = require('microjwt'); var S = require('Storage'); var f0 = S.getFree();
var s = new mj.StorageRevocationStore('rev'); var now = Date.now() / 1000;
for (var i = 0; i < 200; i++) s.add(mj.base64url.encode(mj.crypto.randomBytes(16)), now + 86400);
print('FILL ' + s.size() + ' ' + (f0 - S.getFree()) + ' ' + S.open('rev' + (s._gen & 1), 'r').getLength());`;
const measure = `var mj = require('microjwt'); new mj.MemoryRevocationStore();
var u0 = process.memory().usage; var t0 = getTime();
var s = new mj.StorageRevocationStore('rev');
var t1 = getTime(); var u1 = process.memory().usage;
print('OPEN ' + s.size() + ' ' + (u1 - u0) + ' ' + Math.round((t1 - t0) * 1000));
var m = new mj.MemoryRevocationStore({ capacity: 200 }); var u2 = process.memory().usage; var now = Date.now() / 1000;
for (var i = 0; i < 200; i++) m.add(mj.base64url.encode(mj.crypto.randomBytes(16)), now + 86400);
print('MEMORY ' + (process.memory().usage - u2));`;

const figures = (fillOut: string, measureOut: string) => {
  const f = /FILL (\d+) (\d+) (\d+)/.exec(fillOut);
  const o = /OPEN (\d+) (\d+) (\d+)/.exec(measureOut);
  const m = /MEMORY (\d+)/.exec(measureOut);
  expect(f && o && m, fillOut + measureOut).toBeTruthy();
  return { entries: Number(o![1]), flashBytes: Number(f![2]), logBytes: Number(f![3]), ramJsVars: Number(o![2]), openMs: Number(o![3]), memoryStoreJsVars: Number(m![1]) };
};

describe('StorageRevocationStore of 200 entries: Storage, not RAM', () => {
  it('emulator (pico): the log takes ~44 bytes per entry in 1 KB chunks', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'microjwt-cost-'));
    try {
      const storageFile = join(dir, 'flash.json');
      const a = await runDeviceScript(fill, { board: 'pico', storageFile, timeoutMs: 60000 });
      const b = await runDeviceScript(measure, { board: 'pico', storageFile, timeoutMs: 60000 });
      const c = figures(a.output, b.output);
      expect(c.entries).toBe(200);
      // 'R' + 10-digit exp + ' ' + 22-char jti + ' ' + 8 hex CRC + '\n' = 44 bytes; a header and a commit line.
      expect(c.logBytes).toBe(200 * 44 + 18 + 14);
      expect(c.flashBytes).toBeLessThanOrEqual(10 * 1024 + 512);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120000);

  const bins = espruinoBinaries();
  if (!bins.length) it.skip('real interpreter: skipped, ESPRUINO_BIN is not set', () => {});
  for (const bin of bins) {
    it('real interpreter ' + bin, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'microjwt-cost-real-'));
      try {
        const a = await runOnEspruino(bin, fill, { cwd: dir, timeoutMs: 600000 });
        const b = await runOnEspruino(bin, measure, { cwd: dir, timeoutMs: 600000 });
        const c = figures(a.output, b.output);
        console.log('StorageRevocationStore, 200 entries, ' + bin + ': ' + JSON.stringify(c));
        expect(c.entries).toBe(200);
        expect(c.logBytes).toBe(200 * 44 + 18 + 14);
        // The open store holds a 3-byte fingerprint per entry: ~100 JsVars, where the RAM store needs well over 1,000.
        expect(c.ramJsVars).toBeLessThan(150);
        expect(c.memoryStoreJsVars).toBeGreaterThan(5 * c.ramJsVars);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }, 1200000);
  }
});
