// Differential fuzzing in CI: a few thousand mutated tokens, microjwt against
// jose. A disagreement outside differences.ts, an untyped error or a slow
// verify fails, and fast-check shrinks it to a small counterexample. The
// seed is fixed (FUZZ_SEED overrides it) so CI is repeatable; `npm run
// fuzz` runs long campaigns from fresh seeds.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import source from '../../src/index';
import { buildCase, compare, newTally, paramsArb, record } from './fuzz';
import { DIFFERENCES } from './differences';

const RUNS = Number(process.env.FUZZ_RUNS ?? 3000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261130);

describe('differential fuzzing against jose', () => {
  it(`${RUNS} mutated tokens: same accept/reject as jose except the documented differences; only typed errors`, async () => {
    const tally = newTally();
    await fc.assert(
      fc.asyncProperty(paramsArb, async (p) => {
        const c = buildCase(p);
        const o = await compare(source, c);
        record(tally, c, o);
        if (o.kind !== 'agree' && o.kind !== 'documented') {
          throw new Error(o.kind + ': microjwt ' + o.mj + ', jose ' + o.jose + '; made by ' + c.steps.join(', ') + '; token ' + c.token.slice(0, 200));
        }
      }),
      { numRuns: RUNS, seed: SEED },
    );
    // The run means something: many tokens accepted by both, many refused by
    // both, and the documented differences actually exercised.
    expect(tally.bothAccepted, JSON.stringify(tally)).toBeGreaterThan(RUNS * 0.06);
    expect(tally.bothRejected, JSON.stringify(tally)).toBeGreaterThan(RUNS * 0.2);
    expect(Object.keys(tally.documented).length, JSON.stringify(tally.documented)).toBeGreaterThanOrEqual(Math.min(12, DIFFERENCES.length));
  }, 120000);

  it('every documented difference says why, and names microjwt codes when microjwt is the stricter', () => {
    const ids = new Set<string>();
    for (const d of DIFFERENCES) {
      expect(ids.has(d.id), d.id).toBe(false);
      ids.add(d.id);
      expect(d.why.length, d.id).toBeGreaterThan(40);
      if (d.stricter === 'microjwt') expect(d.codes.length, d.id).toBeGreaterThan(0);
    }
  });
});
