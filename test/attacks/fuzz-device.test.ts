// A slice of the differential fuzz on the device: mutated tokens from a
// fixed seed, with the verdict microjwt gives on Node as the expectation,
// run in every emulator profile and (with ESPRUINO_BIN) on the real
// interpreters. Same verdict and code everywhere, only typed errors, every
// chunk finishes.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { basename } from 'node:path';
import source from '../../src/index';
import { runDeviceScript } from '../../src/host/emulator';
import { espruinoBinaries } from '../../src/host/real';
import { boardNames } from '../../src/host/paths';
import { buildCase, microjwtVerdict, paramsArb } from './fuzz';
import { attackStorage, deviceChunks } from './runner';
import { checkChunkRun, runChunkOnEspruino } from './device-check';
import type { AttackCase } from './corpus';

const SLICE = Number(process.env.FUZZ_DEVICE_CASES ?? 160);
const SEED = Number(process.env.FUZZ_SEED ?? 20261130) + 1;

/** Fuzz cases as attack cases whose expectation is Node's verdict. */
export const fuzzSlice = (n: number, seed: number): AttackCase[] =>
  fc.sample(paramsArb, { numRuns: n, seed }).map((p, i) => {
    const c = buildCase(p);
    return {
      name: 'fuzz #' + i + ' (' + (c.steps.join(', ') || 'unmutated') + ')',
      group: 'fuzz',
      call: 'verify',
      token: c.token,
      key: { bytes: Buffer.from(c.key).toString('hex') },
      options: c.options as unknown as Record<string, unknown>,
      expect: microjwtVerdict(source, c),
    };
  });

const CASES = fuzzSlice(SLICE, SEED);
const CHUNKS = deviceChunks(CASES);

describe('fuzz slice on the device', () => {
  it('the slice holds accepted and refused tokens, all with typed verdicts on Node', () => {
    expect(CASES.filter((c) => c.expect === 'ok').length).toBeGreaterThan(SLICE * 0.04);
    expect(new Set(CASES.map((c) => c.expect)).size).toBeGreaterThan(8);
    for (const c of CASES) expect(c.expect.startsWith('UNTYPED') || c.expect.startsWith('MISLABELLED'), c.name).toBe(false);
  });

  for (const board of boardNames()) {
    it('emulator ' + board, async () => {
      for (const chunk of CHUNKS) {
        const r = await runDeviceScript(chunk.script, { board, time: 'host', timeoutMs: 60000, filename: 'fuzz-chunk.js', storage: attackStorage() });
        checkChunkRun(CASES, chunk.indexes, r.output, r.error);
      }
    }, 300000);
  }

  const binaries = espruinoBinaries();
  if (!binaries.length) it.skip('real interpreter: skipped, ESPRUINO_BIN is not set', () => {});
  for (const bin of binaries) {
    it.for(CHUNKS.map((c, n) => [n, c] as const))('real ' + basename(bin) + ' (' + bin + '), chunk %i', { timeout: 300000 }, async ([, chunk]) => {
      const r = await runChunkOnEspruino(bin, chunk);
      checkChunkRun(CASES, chunk.indexes, r.output, r.error);
    });
  }
});
