// The module's RAM cost on a board, the scarcest resource there, per build.
// CI has no real interpreter, so it checks the estimate (src/host/loadcost.mjs,
// a model of what the interpreter makes at load); with ESPRUINO_BIN set, the
// real figures are measured too (at load from Storage, and after a first
// HS256 sign + verify), held to the same ceilings, and used to check that the
// estimate still tracks the device.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as acorn from 'acorn';
import { estimateLoadCost } from '../../src/host/loadcost.mjs';
import { builtModule, variantModule } from '../../src/host/paths';
import { espruinoBinaries, runOnEspruino } from '../../src/host/real';

/**
 * Per build: issue #10's budget for JsVars after `require` on the Pico-like
 * build, and the ceiling this suite holds it to today. Where the budget is
 * not met yet the ceiling is the measured figure with a few percent of room,
 * so any regression fails; test/bench/RESULTS.md shows the gap and why.
 * Measured on the Pico-like build (2v29, module in Storage), 2026-11-30,
 * fourth session: core 702 (the core build, src/lean/), pico 881 (within its
 * budget: the ceiling is the budget), esp32 881, rp2040 946, puck 881,
 * universal 882 (after a first HS256 sign + verify: core 939, the full
 * builds 1,206; rp2040 1,648, pure SHA-256).
 */
const BUILDS: { name: string; budget: number | null; ceiling: number; firstUse: number }[] = [
  { name: 'core', budget: 450, ceiling: 725, firstUse: 965 },
  { name: 'pico', budget: 900, ceiling: 900, firstUse: 1240 },
  { name: 'esp32', budget: 1600, ceiling: 900, firstUse: 1240 },
  // The rp2040 build never uses a board's native SHA-256: its first use makes the pure SHA-256 code (+360).
  { name: 'rp2040', budget: null, ceiling: 975, firstUse: 1700 },
  { name: 'puck', budget: null, ceiling: 900, firstUse: 1240 },
  { name: 'universal', budget: null, ceiling: 900, firstUse: 1240 },
];

const moduleOf = (name: string): string => (name === 'universal' ? builtModule() : variantModule(name));

/**
 * Issue #10's transient budget: an HS256 verify needs at most this many
 * JsVars beyond what it keeps (its result), on the Pico-like build. Sampled
 * as the benchmark samples it (test/bench/_bench.js, the peak helpers:
 * usage read around every native call the library makes).
 */
const TRANSIENT_VERIFY_BUDGET = 120;
const peakHelpers = (): string => {
  const harness = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../bench/_bench.js'), 'utf8');
  const m = /\/\/ @peak-start[^]*\/\/ @peak-end\n/.exec(harness);
  if (!m) throw new Error('test/bench/_bench.js has no @peak-start/@peak-end region');
  return m[0];
};

describe('memory at load, per build', () => {
  for (const b of BUILDS) {
    it(b.name + ': the estimated cost at load is within its ceiling' + (b.budget !== null && b.budget >= b.ceiling ? ' and budget' : ''), () => {
      expect(estimateLoadCost(moduleOf(b.name), acorn), 'estimated JsVars at load').toBeLessThanOrEqual(b.ceiling);
    });
  }

  it('the estimate reacts to what costs RAM on the device, not to code size', () => {
    const body = 'var a=0;' + 'a=a+1;'.repeat(2000);
    const oneBigFunction = 'exports.f=function(){' + body + '};';
    const manyFunctions = Array.from({ length: 100 }, (_, i) => 'exports.f' + i + '=function(a,b){return ' + i + '};').join('');
    // 100 functions with two parameters made in the module's scope: 6 each
    // plus a property (measured: 714 on the Pico-like build).
    expect(estimateLoadCost(oneBigFunction, acorn)).toBeLessThan(30);
    expect(estimateLoadCost(manyFunctions, acorn)).toBeGreaterThan(600);
    expect(estimateLoadCost(manyFunctions, acorn)).toBeLessThan(850);
    // A conditional makes one branch at load (the V8-only functions are never made on a board): the costlier counts.
    const v8OrBoard = (pick: string) => 'exports.f=V8?function(a,b,c){return 1}:' + pick + ';';
    expect(estimateLoadCost(v8OrBoard('function(a){return 2}'), acorn)).toBe(estimateLoadCost('exports.f=function(a,b,c){return 1};', acorn));
    expect(estimateLoadCost(v8OrBoard('undefined'), acorn)).toBe(estimateLoadCost('exports.f=function(a,b,c){return 1};', acorn));
    expect(estimateLoadCost('exports.f=V8?undefined:function(a,b,c,d,e){return 2};', acorn)).toBe(estimateLoadCost('exports.f=function(a,b,c,d,e){return 2};', acorn));
    // The same made one scope deeper (inside a function run at load) cost 3 more each.
    expect(estimateLoadCost('(function(){' + manyFunctions + '})();', acorn)).toBeGreaterThan(estimateLoadCost(manyFunctions, acorn) + 250);
  });

  const bins = espruinoBinaries();
  if (bins.length === 0) it.skip('real interpreter: skipped, ESPRUINO_BIN is not set', () => {});
  for (const bin of bins) {
    for (const b of BUILDS) {
      it('real interpreter ' + bin + ', ' + b.name + ': at load and after a first HS256 sign + verify, within ceilings and near the estimate', async () => {
        const script =
          'var u0 = process.memory().usage; var mj = require("microjwt"); var u1 = process.memory().usage;' +
          'var K = "memory-test-secret-0123456789abcdef"; var t = mj.sign({sub: "x", exp: 1900000000}, K);' +
          'mj.verify(t, K, {algorithms: ["HS256"], currentTime: 1700000000}); t = undefined;' +
          'print("LOAD " + (u1 - u0) + " FIRST " + (process.memory().usage - u0) + " TOTAL " + process.memory().total);';
        const r = await runOnEspruino(bin, script, { module: Buffer.from(moduleOf(b.name), 'latin1').toString('utf8'), timeoutMs: 60000 });
        const m = /LOAD (\d+) FIRST (\d+) TOTAL (\d+)/.exec(r.output);
        expect(m, r.output + (r.error || '')).not.toBeNull();
        const [load, first] = [Number(m![1]), Number(m![2])];
        console.log(b.name + ' on ' + bin + ': ' + load + ' JsVars at load, ' + first + ' after a first sign + verify');
        const estimate = estimateLoadCost(moduleOf(b.name), acorn);
        expect(Math.abs(load - estimate) / load, 'estimate ' + estimate + ' vs measured ' + load).toBeLessThan(0.2);
        // The ceilings are Pico-like figures; other builds lay out JsVars differently (the Unicode one is 64-bit).
        if (Number(m![3]) === 5100) {
          expect(load, 'measured JsVars at load').toBeLessThanOrEqual(b.ceiling);
          expect(first, 'measured JsVars after first use').toBeLessThanOrEqual(b.firstUse);
        }
      }, 120000);
    }
    it('real interpreter ' + bin + ': a script that only verifies never makes the signing code (core, pico)', async () => {
      // A token made on the host: the script itself never signs before the check.
      const b64 = (s: string) => Buffer.from(s).toString('base64url');
      const input = b64('{"alg":"HS256","typ":"JWT"}') + '.' + b64('{"sub":"x","exp":1900000000}');
      const token = input + '.' + createHmac('sha256', 'memory-test-secret-0123456789abcdef').update(input).digest('base64url');
      const script =
        'var u0 = process.memory().usage; var mj = require("microjwt"); var u1 = process.memory().usage; var K = "memory-test-secret-0123456789abcdef";' +
        'var c = mj.verify("' + token + '", K, {algorithms: ["HS256"], currentTime: 1700000000}); var u2 = process.memory().usage;' +
        'var t = mj.sign({sub: "x", exp: 1900000000}, K); t = undefined; var u3 = process.memory().usage;' +
        'print("VERIFY " + (u2 - u1) + " SIGN " + (u3 - u2) + " SUB " + c.sub);';
      for (const name of ['core', 'pico']) {
        const r = await runOnEspruino(bin, script, { module: Buffer.from(moduleOf(name), 'latin1').toString('utf8'), timeoutMs: 60000 });
        const m = /VERIFY (\d+) SIGN (\d+) SUB x/.exec(r.output);
        expect(m, r.output + (r.error || '')).not.toBeNull();
        console.log(name + ' on ' + bin + ': a first verify keeps ' + m![1] + ' JsVars, a sign after it ' + m![2]);
        // The sign part is made only by the sign: then ~100 JsVars (on the Pico-like build; the
        // header segment cache alone, had the part been made before, is ~20).
        expect(Number(m![2]), name).toBeGreaterThan(60);
      }
    }, 120000);
    it('real interpreter ' + bin + ': a first sign that runs out of memory while its part loads leaves signing working once memory is free (core, pico)', async () => {
      // Out of memory interrupts the script on Espruino (no catch runs), here
      // inside the sign part's loader: the next call must load it again, not
      // find a half-loaded part (src/host/lazyparts.mjs).
      const script =
        'var mj = require("microjwt"); var K = "memory-test-secret-0123456789abcdef"; var fill = []; print("TOTAL " + process.memory().total);' +
        'setTimeout(function () { while (process.memory().free > 60) fill.push("xxxxxxxxxxxx" + fill.length); print("FILLED"); var t = mj.sign({sub: "x"}, K); print("NO OOM " + t.length); }, 10);' +
        'setTimeout(function () { fill = undefined; var t = mj.sign({sub: "x"}, K); print("SIGN " + t.length + " SUB " + mj.verify(t, K, {algorithms: ["HS256"]}).sub); }, 50);';
      for (const name of ['core', 'pico']) {
        const r = await runOnEspruino(bin, script, { module: Buffer.from(moduleOf(name), 'latin1').toString('utf8'), timeoutMs: 120000 });
        expect(r.output, name).toMatch(/^FILLED/m);
        // On the Pico-like build (the memory reference) the part cannot load
        // in what is left; other builds lay out JsVars differently.
        if (/TOTAL 5100/.test(r.output)) expect(r.output, name).toMatch(/OUT OF MEMORY/);
        if (/OUT OF MEMORY/.test(r.output)) expect(r.output, name).not.toMatch(/^NO OOM \d/m);
        expect(r.output, name + ': ' + r.output.slice(-400)).toMatch(/^SIGN \d+ SUB x/m);
      }
    }, 240000);
    it('real interpreter ' + bin + ': an HS256 verify needs at most ' + TRANSIENT_VERIFY_BUDGET + ' JsVars beyond what it keeps (Pico-like build)', async () => {
      const script =
        peakHelpers() +
        'var C; try { C = require("crypto"); } catch (e) {} if (C) wrap(C, "SHA256");' +
        'wrap(E, "toString"); wrap(E, "toUint8Array"); wrap(E, "toArrayBuffer"); wrap(JSON, "parse"); wrap(JSON, "stringify");' +
        'wrap(this, "atob"); wrap(this, "btoa");' +
        'var mj = require("microjwt"); var K = "memory-test-secret-0123456789abcdef"; var T0 = 1700000000;' +
        'var t = mj.sign({ iss: "urn:example:issuer", sub: "device-0042", aud: "urn:example:api", iat: T0, exp: T0 + 3600, jti: "a1b2c3d4e5f6", scope: "read write", n: 42 }, K);' +
        'var O = { algorithms: ["HS256"], audience: "urn:example:api", issuer: "urn:example:issuer", currentTime: T0 + 10 };' +
        'var c = mj.verify(t, K, O); c = undefined; PEAK[0] = 0; c = mj.verify(t, K, O);' +
        'print("TRANSIENT " + (PEAK[0] - process.memory().usage) + " TOTAL " + process.memory().total + " SUB " + c.sub);';
      const r = await runOnEspruino(bin, script, { module: Buffer.from(variantModule('pico'), 'latin1').toString('utf8'), timeoutMs: 60000 });
      const m = /TRANSIENT (-?\d+) TOTAL (\d+) SUB device-0042/.exec(r.output);
      expect(m, r.output + (r.error || '')).not.toBeNull();
      console.log('transient HS256 verify on ' + bin + ': ' + m![1] + ' JsVars beyond what it keeps');
      // A peak is sampled, so it cannot be below zero; the budget is a Pico-like figure.
      expect(Number(m![1])).toBeGreaterThan(0);
      if (Number(m![2]) === 5100) expect(Number(m![1])).toBeLessThanOrEqual(TRANSIENT_VERIFY_BUDGET);
    }, 120000);
  }
});
