// The core build (src/lean/index.ts) against the attack corpus: every case
// whose call the core has (verify, decode, getUnverifiedHeader) and whose key
// is a single key must get the verdict the full library gives (the corpus's
// expectations are the full library's, checked on Node by
// test/attacks/corpus.test.ts). The same JWS/JWT code runs in both; this
// holds the core's native-only MAC, its key handling and its build to it, in
// the emulator's pico profile and on the real interpreters of ESPRUINO_BIN.
import { describe, expect, it } from 'vitest';
import { basename } from 'node:path';
import { runDeviceScript } from '../../src/host/emulator';
import { espruinoBinaries, runOnEspruino } from '../../src/host/real';
import { variantModule } from '../../src/host/paths';
import { corpus, tokenOf, AttackCase } from '../attacks/corpus';
import { attackStorage, deviceChunks } from '../attacks/runner';
import { checkChunkRun, runChunkOnEspruino } from '../attacks/device-check';

const CORE_CALLS = ['verify', 'decode', 'getUnverifiedHeader'];
const inCore = (c: AttackCase): boolean => CORE_CALLS.includes(c.call) && !(typeof c.key === 'object' && 'keyset' in c.key);

// Cases the core does not run keep their place (an index is a case), marked host-only.
const CASES = corpus().map((c) => (inCore(c) ? c : { ...c, hostOnly: 'not in the core build' }));
const CHUNKS = deviceChunks(CASES);

// An interpreter without a native SHA-384/512 (the Pico-like build, as an
// Espruino Pico) gets NotSupportedError from the core for HS384/HS512: there
// the cases whose header names those run no MAC (./native.test.ts checks
// that refusal), so they are left out.
const headerAlg = (c: AttackCase): string => {
  const t = tokenOf(c.token);
  if (typeof t !== 'string') return '';
  const m = /"alg"\s*:\s*"([^"]*)"/.exec(Buffer.from(t.split('.')[0], 'base64url').toString('latin1'));
  return m ? m[1] : '';
};
const SHA256_ONLY = CASES.map((c) => (!c.hostOnly && (headerAlg(c) === 'HS384' || headerAlg(c) === 'HS512') ? { ...c, hostOnly: 'HS384/512: no native SHA-512 here' } : c));
const SHA256_ONLY_CHUNKS = deviceChunks(SHA256_ONLY);
const hasSha512 = async (bin: string) => /yes/.test((await runOnEspruino(bin, "print(typeof require('crypto').SHA512 === 'function' ? 'yes' : 'no');", { timeoutMs: 60000 })).output);
const CORE = Buffer.from(variantModule('core'), 'latin1').toString('utf8');

describe('core build: attack corpus', () => {
  it('covers the core calls', () => {
    const n = CASES.filter((c) => !c.hostOnly).length;
    expect(n).toBeGreaterThan(400);
    for (const call of CORE_CALLS) expect(CASES.some((c) => !c.hostOnly && c.call === call), call).toBe(true);
  });

  // Boards with native SHA-384/512 (the core has no pure SHA-2): byte strings
  // (esp32) and Unicode strings (linux). A pico has HS256 only: the test of
  // the NotSupportedError there is in ./native.test.ts.
  for (const board of ['esp32', 'linux']) {
    it('emulator ' + board, async () => {
      for (const chunk of CHUNKS) {
        const r = await runDeviceScript(chunk.script, { board, time: 'host', timeoutMs: 60000, filename: 'attack-chunk.js', storage: attackStorage(), module: CORE });
        checkChunkRun(CASES, chunk.indexes, r.output, r.error);
      }
    }, 300000);
  }

  const binaries = espruinoBinaries();
  if (!binaries.length) it.skip('real interpreter: skipped, ESPRUINO_BIN is not set', () => {});
  for (const bin of binaries) {
    describe('real ' + basename(bin) + ' (' + bin + ')', () => {
      const sha512 = hasSha512(bin);
      it('without a native SHA-512, leaves out only the HS384/512 cases', () => {
        const left = SHA256_ONLY.filter((c) => !c.hostOnly);
        expect(left.length).toBeGreaterThan(CASES.filter((c) => !c.hostOnly).length * 0.8);
        expect(left.some((c) => headerAlg(c) === 'HS384' || headerAlg(c) === 'HS512')).toBe(false);
      });
      it.for(CHUNKS.map((c, n) => [n, c] as const))('chunk %i', { timeout: 300000 }, async ([n]) => {
        const all = await sha512;
        const chunk = (all ? CHUNKS : SHA256_ONLY_CHUNKS)[n];
        if (!chunk) return; // fewer chunks without the HS384/512 cases
        const r = await runChunkOnEspruino(bin, chunk, CORE);
        checkChunkRun(all ? CASES : SHA256_ONLY, chunk.indexes, r.output, r.error);
      });
    });
  }
});
