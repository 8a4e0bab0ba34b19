// Facts about the real Espruino interpreter that the build and the library
// rely on, checked on every build named by ESPRUINO_BIN, so a new Espruino
// release that changes one is noticed here first, not on a board. Each says
// which code depends on it. (The emulator models the language ones: see
// test/host/emulator.test.ts, "language quirks".)
import { describe, expect, it } from 'vitest';
import { espruinoBinaries, runOnEspruino } from '../../src/host/real';

const bins = espruinoBinaries();

/** Runs `script` with `module` stored as the `microjwt` module; returns the printed lines. */
const run = async (bin: string, module: string, script: string): Promise<string[]> => {
  const r = await runOnEspruino(bin, script, { module, timeoutMs: 60000 });
  expect(r.error, r.output).toBeUndefined();
  return r.output.split('\n').filter((l) => l.length > 0);
};

describe('interpreter facts the library relies on', () => {
  if (bins.length === 0) it.skip('real interpreter: skipped, ESPRUINO_BIN is not set', () => {});
  for (const bin of bins) {
    it(bin + ': a module\'s top-level `var` stays in the module (the device module is not wrapped in a function: src/host/devicebuild.mjs)', async () => {
      const out = await run(bin, 'var zzqLeak = 1; exports.f = function () { return zzqLeak; };', 'var m = require("microjwt"); print(typeof zzqLeak, m.f());');
      expect(out).toEqual(['undefined 1']);
    });

    it(bin + ': a function made one scope deeper than the module costs 3 JsVars more (why the module is unwrapped, and why lazy parts cost more once loaded)', async () => {
      const n = 50;
      const fns = (prefix: string) => Array.from({ length: n }, (_, i) => prefix + i + ' = function (a) { return a + ' + i + '; };').join('\n');
      const top = fns('exports.f');
      const nested = '(function () {\n' + fns('exports.f') + '\n})();';
      const script = 'var u0 = process.memory().usage; var m = require("microjwt"); print(process.memory().usage - u0);';
      const a = Number((await run(bin, top, script))[0]);
      const b = Number((await run(bin, nested, script))[0]);
      expect(a).toBeGreaterThan(0);
      expect((b - a) / n).toBeGreaterThanOrEqual(2.5);
      expect((b - a) / n).toBeLessThanOrEqual(3.5);
    });

    it(bin + ': `new F(args)` makes the object (with F.prototype as it is then) before it evaluates args (the lazy-part stubs check this.constructor)', async () => {
      const out = await run(bin, 'exports.x = 1;', 'var F = function () {}; var P0 = F.prototype; var o = new F((F.prototype = {}, 1)); print(Object.getPrototypeOf(o) === P0);');
      expect(out).toEqual(['true']);
    });

    it(bin + ': `new` on a function that returns a primitive gives the primitive (the lazy-part stubs construct by hand)', async () => {
      const out = await run(bin, 'exports.x = 1;', 'var G = function () { return 5; }; print(typeof new G());');
      expect(out).toEqual(['number']);
    });

    it(bin + ': a string of 64 or more characters throws when made a number, and an integer of 20 digits wraps around 64 bits, in Number(), JSON.parse and literals alike (src/codec/json.ts refuses integers beyond 2^53 before the device parses them)', async () => {
      const big = '1'.repeat(20);
      const out = await run(bin, 'exports.x = 1;', 'try { print(Number("' + '1'.repeat(64) + '")); } catch (e) { print("throws"); } print(Number("' + big + '") < 0, JSON.parse("[' + big + ']")[0] < 0, ' + big + ' < 0);');
      expect(out).toEqual(['throws', 'true true true']);
    });

    it(bin + ': a parameter holds its argument until the call returns (unless reassigned), so a copy cut inside an expression is freed sooner (src/jws/verify.ts, decodeBinary: segments are cut inside expressions, not passed in)', async () => {
      const script =
        'var big = ""; for (var i = 0; i < 60; i++) big += "abcdefghij"; var base;' +
        'var kept = function (s) { return process.memory().usage - base; };' +
        'var dropped = function (s) { s = undefined; return process.memory().usage - base; };' +
        'var inside = function (t) { var n = t.substr(1).length; return process.memory().usage - base + n * 0; };' +
        'base = process.memory().usage; var a = kept(big.substr(1));' +
        'base = process.memory().usage; var b = dropped(big.substr(1));' +
        'base = process.memory().usage; var c = inside(big);' +
        'print(a - c > 15, a - b > 15, a, b, c);';
      const out = await run(bin, 'exports.x = 1;', script);
      expect(out[0].split(' ').slice(0, 2), out.join('|')).toEqual(['true', 'true']);
    });

    it(bin + ': String#indexOf with a multi-character needle matches a needle cut off at the end (device code confirms with substr)', async () => {
      const out = await run(bin, 'exports.x = 1;', 'print("abc".indexOf("cd"), "abc".substr(2, 2) === "cd");');
      expect(out).toEqual(['2 false']);
    });

    it(bin + ': running out of memory interrupts the running code: no catch or finally runs, the next event does (why a lazy part marks itself loaded only at its end: src/host/lazyparts.mjs)', async () => {
      // Bounded: a Linux build that grows its variable store never runs out.
      const script =
        'var a = [];' +
        "setTimeout(function () { try { while (a.length < 30000) a.push('xxxxxxxxxxxxxxxx' + a.length); print('FILLED'); } catch (e) { print('CAUGHT'); } finally { print('FINALLY'); } }, 10);" +
        "setTimeout(function () { a = undefined; print('NEXT'); }, 50);";
      const r = await runOnEspruino(bin, script, { module: 'exports.x = 1;', timeoutMs: 120000 });
      const lines = r.output.split('\n').filter((l) => /^(FILLED|CAUGHT|FINALLY|NEXT)$|OUT OF MEMORY/.test(l)).map((l) => l.replace(/OUT OF MEMORY.*/, 'OOM'));
      if (lines[0] === 'FILLED') expect(lines).toEqual(['FILLED', 'FINALLY', 'NEXT']);
      else expect(lines).toEqual(['OOM', 'NEXT']);
    }, 180000);
  }
});
