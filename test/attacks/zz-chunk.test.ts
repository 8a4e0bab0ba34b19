import { it } from 'vitest';
import { runOnEspruino } from '../../src/host/real';
import { corpus } from './corpus';
import { attackStorage, deviceChunks, readDeviceOutput } from './runner';
it('chunks', async () => {
  const cases = corpus();
  const chunks = deviceChunks(cases);
  const fails = [115,117,165,166,168,199,201,209,171,172,173,174,184,203,204,206,265,270,321,322,324,325,326,327,328,329,330,341,357,359,361,362,364,367,424,268,335,397,398,399,400,401,402,403,404,405,406,355,365,396,356,407,425,422];
  for (const n of fails) console.log('CH', n, ch(n));
  function ch(n: number) { const c = chunks[n]; return c.indexes.length + ' ' + cases[c.indexes[0]].name.slice(0, 70) + ' | ' + c.script.length; }
  for (const n of (process.env.CH ?? '').split(',').filter(Boolean).map(Number)) {
    const c = chunks[n];
    const r = await runOnEspruino('/work/espruino-bin/picolike/espruino', c.script, { timeoutMs: 120000, storage: attackStorage() });
    const rep = readDeviceOutput(r.output);
    console.log('RUN', n, [...rep.verdicts.keys()].length, '/', c.indexes.length, r.output.slice(0, 2500));
  }
}, 400000);
