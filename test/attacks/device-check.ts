// The verdict of one device run of attack cases (a chunk from deviceChunks).
import { expect } from 'vitest';
import type { AttackCase } from './corpus';
import { attackStorage, DeviceChunk, expectedDeviceVerdict, inlineRunner, readDeviceOutput } from './runner';
import { runOnEspruino, RealResult } from '../../src/host/real';

const totals = new Map<string, Promise<number>>();

/** Runs a chunk on a real interpreter, in the form its RAM suits (see inlineRunner); `module`: another build than the universal one. */
export const runChunkOnEspruino = async (bin: string, chunk: DeviceChunk, module?: string): Promise<RealResult> => {
  let total = totals.get(bin);
  if (!total) {
    total = runOnEspruino(bin, "print('TOTAL ' + process.memory().total);", { timeoutMs: 60000 }).then((r) => Number(/TOTAL (\d+)/.exec(r.output)?.[1] ?? 0));
    totals.set(bin, total);
  }
  return inlineRunner(await total) ? runOnEspruino(bin, chunk.inline, { timeoutMs: 120000, module }) : runOnEspruino(bin, chunk.script, { timeoutMs: 120000, storage: attackStorage(), module });
};

/** Checks one chunk's run: every case's verdict, the spies, a clean finish. */
export const checkChunkRun = (cases: AttackCase[], indexes: number[], output: string, error: string | undefined): void => {
  const report = readDeviceOutput(output);
  const tail = output.split('\n').slice(-15).join('\n');
  expect(error, 'interpreter error; output tail:\n' + tail).toBeUndefined();
  expect(report.done, 'the chunk did not finish; output tail:\n' + tail).toBe(true);
  const wrong: string[] = [];
  for (const i of indexes) {
    const got = report.verdicts.get(i);
    const want = expectedDeviceVerdict(cases[i]);
    // A case that needs more JsVars than the board has is skipped there (see AttackCase.needs).
    if (got === 'SKIP' && cases[i].needs) continue;
    if (got !== want) wrong.push(cases[i].name + ': expected ' + want + ', device gave ' + got);
  }
  expect(wrong, wrong.join('\n')).toEqual([]);
  expect(report.storageCalls, 'Storage was called during the cases').toBe(0);
  expect(report.deepParses, 'the native JSON.parse saw text nested deeper than 32').toBe(0);
};

