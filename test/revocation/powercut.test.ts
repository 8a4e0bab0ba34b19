// StorageRevocationStore against power cuts: a scenario with appends, a fleet
// update, a compaction when full, a clear (a second compaction) and another
// update runs once to count its flash writes W; then, for every N in 1..W,
// it runs again on a fresh Storage with the power cut during write N (not
// done, and torn: half done), the board "reboots" (a new run on the same
// Storage) and checks that nothing the scenario had reported committed is
// lost, that a committed clear stays cleared, that the last applied update
// seq is kept, and that the recovered store works across one more reboot.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { boot, marks, signUpdate, UPDATE_KEY } from './storagerun';

const T0 = 1700000000;
const IDS = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'z'];

const scenario = (u1: string, u2: string) => `
var mj = require('microjwt');
var T = ${T0};
var K = ${JSON.stringify(UPDATE_KEY)};
var s = new mj.StorageRevocationStore('rv', { capacity: 7, clock: function () { return T; } });
var add = function (id, exp) { s.add(id, exp); print('C ' + id + ' ' + exp); };
add('a', T + 1000); add('b', T + 10); add('c', T + 1000);
s.applyUpdate(${JSON.stringify(u1)}, K, { algorithms: ['HS256'] });
print('C d ${T0 + 1000}'); print('C e ${T0 + 5}'); print('S 1');
T += 20;
add('f', T + 1000); add('g', T + 1000);
add('h', T + 50);
print('B h'); s.clear(T + 100); print('X h');
s.applyUpdate(${JSON.stringify(u2)}, K, { algorithms: ['HS256'] });
print('C i ${T0 + 2000}'); print('S 2');
add('j', T + 1000);
print('END ' + s.size());
`;

const check = `
var mj = require('microjwt');
var s = new mj.StorageRevocationStore('rv', { capacity: 20, clock: function () { return ${T0 + 20}; } });
var ids = ${JSON.stringify(IDS)};
var h = [];
for (var i = 0; i < ids.length; i++) h.push(s.has(ids[i]) ? 1 : 0);
print('H ' + h.join(' '));
print('Q ' + s._seq + ' ' + s.size());
`;

/** What must hold after a reboot, given what the cut run printed before the cut. */
const expectSurvived = (runOutput: string, checkOutput: string, extra: string[] = []) => {
  const held = marks(checkOutput, 'H')[0];
  expect(held, checkOutput).toBeDefined();
  const has = (id: string) => held[IDS.indexOf(id)] === '1';
  const cleared = marks(runOutput, 'X').map((m) => m[0]);
  // A clear the cut interrupted ('B' printed before it, 'X' after) may have taken effect or not.
  const clearing = marks(runOutput, 'B').map((m) => m[0]);
  for (const [id, exp] of marks(runOutput, 'C')) {
    // Entries dead at the scenario's later clock may go with a compaction.
    if (Number(exp) <= T0 + 20 || clearing.includes(id)) continue;
    expect(has(id), 'committed entry ' + id + ' lost\n' + runOutput + checkOutput).toBe(true);
  }
  for (const id of cleared) expect(has(id), 'cleared entry ' + id + ' came back').toBe(false);
  for (const id of extra) expect(has(id), 'entry ' + id + ' added after the reboot lost').toBe(true);
  const seqs = marks(runOutput, 'S').map((m) => Number(m[0]));
  const q = marks(checkOutput, 'Q')[0];
  expect(Number(q[0]), 'seq').toBeGreaterThanOrEqual(seqs.length ? Math.max(...seqs) : 0);
};

describe('StorageRevocationStore and power cuts', () => {
  it('loses nothing committed when the power fails during any flash write, whole or torn', async () => {
    const u1 = await signUpdate(1, [['d', T0 + 1000], ['e', T0 + 5]]);
    const u2 = await signUpdate(2, [['i', T0 + 2000], ['a', T0 + 1000]]);
    const dir = mkdtempSync(join(tmpdir(), 'microjwt-powercut-'));
    try {
      const full = await boot(scenario(u1, u2), join(dir, 'full.json'));
      expect(full.error, full.output).toBeUndefined();
      expect(full.output).toContain('END 7');
      const writes = full.flashWrites;
      // The new log (1), 3 appends, an update (1), 2 appends, a compaction
      // (new log + erase of the old: 2), an append, a clear (2), an update, an append.
      expect(writes).toBe(14);
      const clean = await boot(check, join(dir, 'full.json'));
      expectSurvived(full.output, clean.output);

      let runs = 0;
      for (let n = 1; n <= writes; n++) {
        for (const tornWrite of [false, true]) {
          const file = join(dir, 'cut-' + n + (tornWrite ? 't' : '') + '.json');
          const cut = await boot(scenario(u1, u2), file, { powerCut: { atWrite: n, torn: tornWrite } });
          expect(cut.error).toBe('FATAL: power cut during flash write ' + n);
          const first = await boot(check + "s.add('z', " + (T0 + 5000) + ');', file);
          expect(first.error, 'reboot after a cut at write ' + n + '\n' + first.output).toBeUndefined();
          expectSurvived(cut.output, first.output);
          const second = await boot(check, file);
          expect(second.error, second.output).toBeUndefined();
          expectSurvived(cut.output, second.output, ['z']);
          runs++;
        }
      }
      expect(runs).toBe(2 * writes);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 600000);
});
