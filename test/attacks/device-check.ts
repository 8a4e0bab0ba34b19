// The verdict of one device run of attack cases (a chunk from deviceChunks).
import { expect } from 'vitest';
import type { AttackCase } from './corpus';
import { expectedDeviceVerdict, readDeviceOutput } from './runner';

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
    if (got !== want) wrong.push(cases[i].name + ': expected ' + want + ', device gave ' + got);
  }
  expect(wrong, wrong.join('\n')).toEqual([]);
  expect(report.storageCalls, 'Storage was called during the cases').toBe(0);
  expect(report.deepParses, 'the native JSON.parse saw text nested deeper than 32').toBe(0);
};

