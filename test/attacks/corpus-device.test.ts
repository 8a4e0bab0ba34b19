// The attack corpus on the device: the same cases, as device scripts small
// enough for a 5,100-variable board, in every emulator profile and (when env
// ESPRUINO_BIN names them) on the real interpreters. Each case must give the
// verdict it gives on Node; the interpreter must finish every chunk (no
// crash, no out-of-memory interruption); no case may read Storage (a `kid`
// is never a file name) or hand the device's own JSON.parse anything nested
// deeper than the library's limit.
import { describe, expect, it } from 'vitest';
import { basename } from 'node:path';
import { runDeviceScript } from '../../src/host/emulator';
import { espruinoBinaries } from '../../src/host/real';
import { boardNames } from '../../src/host/paths';
import { corpus } from './corpus';
import { attackStorage, deviceChunks } from './runner';
import { checkChunkRun, runChunkOnEspruino } from './device-check';

const CASES = corpus();
const CHUNKS = deviceChunks(CASES);

describe('attack corpus on the device', () => {
  it('is split into chunks that a 5,100-variable board can hold', () => {
    expect(CHUNKS.length).toBeGreaterThan(5);
    const onDevice = CASES.filter((c) => !c.hostOnly).length;
    expect(CHUNKS.reduce((n, c) => n + c.indexes.length, 0)).toBe(onDevice);
    for (const c of CHUNKS) expect(c.script.length).toBeLessThan(6000);
  });

  for (const board of boardNames()) {
    it(
      'emulator ' + board,
      async () => {
        for (const chunk of CHUNKS) {
          const r = await runDeviceScript(chunk.script, { board, time: 'host', timeoutMs: 60000, filename: 'attack-chunk.js', storage: attackStorage() });
          checkChunkRun(CASES, chunk.indexes, r.output, r.error);
        }
      },
      300000,
    );
  }

  const binaries = espruinoBinaries();
  if (!binaries.length) it.skip('real interpreter: skipped, ESPRUINO_BIN is not set', () => {});
  for (const bin of binaries) {
    describe('real ' + basename(bin) + ' (' + bin + ')', () => {
      it.for(CHUNKS.map((c, n) => [n, c] as const))('chunk %i', { timeout: 300000 }, async ([, chunk]) => {
        const r = await runChunkOnEspruino(bin, chunk);
        checkChunkRun(CASES, chunk.indexes, r.output, r.error);
      });
    });
  }
});
