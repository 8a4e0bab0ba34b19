// Lazy parts (src/host/lazyparts.mjs): files marked `// @part NAME` run on
// first use. Built here from a tiny package with the real device pipeline and
// run in the emulator (Espruino's rules: no hoisting, no prototype methods).
import { describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as acorn from 'acorn';
import { buildDeviceModule } from '../../src/host/devicebuild.mjs';
import { applyLazyParts } from '../../src/host/lazyparts.mjs';
import { loadFeatures } from '../../src/host/loadcost.mjs';
import { runDeviceScript } from '../../src/host/emulator';
import { espruinoBinaries, runOnEspruino } from '../../src/host/real';

const makePackage = (files: Record<string, string>): string => {
  const root = mkdtempSync(join(tmpdir(), 'mj-parts-'));
  writeFileSync(join(root, 'package.json'), '{"version":"0.0.0"}');
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(root, name, '..'), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  return root;
};

/** The device module of a tiny package (entry src/index.ts), built with the real pipeline; the package is removed. */
const buildPackage = async (files: Record<string, string>): Promise<{ readable: string; minified: string }> => {
  const root = makePackage(files);
  try {
    return await buildDeviceModule(root, { file: 'src/index.ts' });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
};

/** How each device script starts: the module, and the global object where a part's code counts its runs. */
const SCRIPT_HEAD = ["var m = require('microjwt');", "var G = Function('return this')();"];

/** `script` prints `want` with `module` in Storage: in the emulator, and on each real interpreter ESPRUINO_BIN names. */
const expectOnDevices = async (script: string, module: string, want: string[]): Promise<void> => {
  const r = await runDeviceScript(script, { board: 'pico', module });
  expect(r.error).toBeUndefined();
  expect(r.output.trim().split('\n')).toEqual(want);
  for (const bin of espruinoBinaries()) {
    const real = await runOnEspruino(bin, script, { module, timeoutMs: 60000 });
    expect(real.output.trim().split('\n').filter((l) => l && !l.startsWith('>')), bin).toEqual(want);
  }
};

const PART_FILES = {
  'src/extra/calc.ts': [
    '// @part extra',
    "import { core } from '../core';",
    'export const loads = { count: 0 };',
    'loads.count++;',
    'const secret = 41;',
    'export const add = function (a: number, b: number): number { return core(a) + b + secret - 41; };',
    'export class Box { v: number; constructor(v: number) { this.v = v; } twice(): number { return this.v * 2; } }',
    'export const makeBox = function (v: number): Box { return new Box(v); };',
  ].join('\n'),
  'src/core.ts': 'export const core = function (x: number): number { return x * 10; };',
  'src/index.ts': [
    "import { add, Box, makeBox, loads } from './extra/calc';",
    "import { core } from './core';",
    'const api = { core: core, add: add, Box: Box, makeBox: makeBox, loaded: function () { return typeof loads === "object" ? loads.count : -1; } };',
    'export default api;',
  ].join('\n'),
};

describe('lazy parts', () => {
  it('runs a part on first use; calls, new and instanceof work through the stubs on the device', async () => {
    // `loads` is a value used outside the part: refused. Without it, the package builds.
    const bad = makePackage(PART_FILES);
    await expect(buildDeviceModule(bad, { file: 'src/index.ts' })).rejects.toThrow(/"loads" is used outside the part but is not a function/);
    rmSync(bad, { recursive: true, force: true });

    const files = { ...PART_FILES, 'src/index.ts': PART_FILES['src/index.ts'].replace('loaded: function () { return typeof loads === "object" ? loads.count : -1; }', 'loaded: function () { return 0; }').replace(', loads }', ' }') };
    files['src/extra/calc.ts'] = files['src/extra/calc.ts'].replace('export const loads = { count: 0 };\nloads.count++;', 'var G = Function("return this")(); G.partRuns = (G.partRuns || 0) + 1;');
    const { minified } = await buildPackage(files);
    const script = [
      ...SCRIPT_HEAD,
      "print('before', G.partRuns === undefined);",
      "print('add', m.add(1, 2));",
      "print('runs', G.partRuns);",
      'var b = new m.Box(4);',
      "print('box', b.twice(), b instanceof m.Box);",
      "print('made', m.makeBox(5) instanceof m.Box, m.makeBox(6).twice());",
      "print('again', m.add(2, 0), G.partRuns);",
    ].join('\n');
    const want = ['before true', 'add 12', 'runs 1', 'box 8 true', 'made true 12', 'again 20 1'];
    for (const board of ['pico', 'linux']) {
      const r = await runDeviceScript(script, { board, module: minified });
      expect(r.error).toBeUndefined();
      expect(r.output.trim().split('\n')).toEqual(want);
    }
    // The real interpreter, module loaded from Storage, when ESPRUINO_BIN names one.
    for (const bin of espruinoBinaries()) {
      const r = await runOnEspruino(bin, script, { module: minified, timeoutMs: 60000 });
      expect(r.output.trim().split('\n').filter((l) => l && !l.startsWith('>')), bin).toEqual(want);
    }
  }, 120000);

  it('makes only stubs at load: the part\'s functions are created inside its loader', () => {
    const code = [
      '// src/a.ts',
      'var one = function () { return 1; };',
      'var two = function () { return 2; };',
      'var three = function () { return 3; };',
      '// src/index.ts',
      'module.exports = { one: one };',
    ].join('\n');
    const root = makePackage({ 'src/a.ts': '// @part a\n' });
    const { code: out, parts } = applyLazyParts(root, code, acorn.parse);
    rmSync(root, { recursive: true, force: true });
    expect(parts.a.exported).toEqual(['one']);
    // At load: the two shared helpers, the loader and one stub; not the three functions.
    expect(loadFeatures(out, acorn).fn).toBe(4);
    expect(loadFeatures(code, acorn).fn).toBe(3);
  });

  it('leaves a part named in `eager` as ordinary code (a build whose board always needs it)', () => {
    const code = ['// src/a.ts', 'var one = function () { return 1; };', 'var two = function () { return 2; };', '// src/index.ts', 'module.exports = { one: one };'].join('\n');
    const root = makePackage({ 'src/a.ts': '// @part a\n' });
    const lazy = applyLazyParts(root, code, acorn.parse);
    const eager = applyLazyParts(root, code, acorn.parse, ['a']);
    rmSync(root, { recursive: true, force: true });
    expect(Object.keys(lazy.parts)).toEqual(['a']);
    expect(eager.parts).toEqual({});
    expect(eager.code).toBe(code);
  });

  it('a part that needs another loads it first; that part\'s names only it uses get no stub (on the device too)', async () => {
    const files = {
      'src/base.ts': ['// @part base', 'var G = Function("return this")(); G.baseRuns = (G.baseRuns || 0) + 1;', 'export const inner = function (x: number): number { return x + 1; };', 'export const shared = function (x: number): number { return x * 2; };'].join('\n'),
      'src/top.ts': ['// @part top needs base', "import { inner } from './base';", 'export const outer = function (x: number): number { return inner(x) * 100; };'].join('\n'),
      'src/index.ts': ["import { outer } from './top';", "import { shared } from './base';", 'const api = { outer: outer, shared: shared };', 'export default api;'].join('\n'),
    };
    const { readable, minified } = await buildPackage(files);
    // `inner` is used only by `top`, which loads `base` first: no stub. `shared` is API: a stub.
    expect(readable).not.toMatch(/var inner = function \(\) \{ return __lazyCall/);
    expect(readable).toMatch(/var shared = function \(\) \{ return __lazyCall/);
    expect(readable).toMatch(/var __load_top = function \(\) \{\s*(var __stubs = __load_top\.s \|\| \(__load_top\.s = \[outer\]\);\s*)?__load_base && __load_base\(\);/);
    // Once linked, the loader drops its array of stubs (the part's functions keep the loader's scope, and
    // so whatever it still holds: +31 JsVars kept after a first JWE use when it did not), then marks itself loaded.
    expect(readable).toMatch(/__lazyLink\(__stubs, \[outer\]\);\s*__stubs = undefined;\s*__load_top = 0;\s*\};/);
    const script = [...SCRIPT_HEAD, "print('outer', m.outer(1), G.baseRuns);", "print('shared', m.shared(3), G.baseRuns);"].join('\n');
    await expectOnDevices(script, minified, ['outer 200 1', 'shared 6 1']);
  }, 120000);

  it('a first use that constructs inside a constructor call (`new Stub(new Stub())`) still constructs, on the device', async () => {
    // Espruino makes the outer object before it evaluates the arguments, whose
    // stub loads the part: the outer call must still see that it was a `new`.
    const files = {
      'src/pair.ts': ['// @part pair', 'export class Pair { a: unknown; b: unknown; constructor(a: unknown, b: unknown) { this.a = a; this.b = b; } }'].join('\n'),
      'src/index.ts': ["import { Pair } from './pair';", 'const api = { Pair: Pair };', 'export default api;'].join('\n'),
    };
    const { minified } = await buildPackage(files);
    const script = ["var m = require('microjwt');", 'var p = new m.Pair(new m.Pair(1, 2), 3);', "print('pair', p instanceof m.Pair, p.a instanceof m.Pair, p.a.b, p.b);", "print('again', new m.Pair(4, 5) instanceof m.Pair);"].join('\n');
    await expectOnDevices(script, minified, ['pair true true 2 3', 'again true']);
  }, 120000);

  it('a load that fails part way runs again on the next call, and its classes still work through the API (on the device)', async () => {
    // On a board, running out of memory while a part loads interrupts the
    // script (no catch runs) with some of the part's names already real. Here
    // the part's code throws on its first run, after its first class is made.
    const files = {
      'src/shapes.ts': [
        '// @part shapes',
        'export class Square { side: number; constructor(side: number) { this.side = side; } area(): number { return this.side * this.side; } }',
        'var G = Function("return this")(); G.shapeLoads = (G.shapeLoads || 0) + 1;',
        'if (G.shapeLoads === 1) throw new Error("first load fails");',
        'export const perimeter = function (s: Square): number { return 4 * s.side; };',
        'export class Circle { r: number; constructor(r: number) { this.r = r; } }',
      ].join('\n'),
      'src/index.ts': ["import { Square, Circle, perimeter } from './shapes';", 'const api = { Square: Square, Circle: Circle, perimeter: perimeter };', 'export default api;'].join('\n'),
    };
    const { minified } = await buildPackage(files);
    const script = [
      ...SCRIPT_HEAD,
      "try { new m.Square(2); print('first: no error'); } catch (e) { print('first', e.message); }",
      'var s = new m.Square(3);',
      "print('again', s instanceof m.Square, s.area(), m.perimeter(s), new m.Circle(1) instanceof m.Circle, G.shapeLoads);",
      "print('later', new m.Square(5).area(), G.shapeLoads);",
    ].join('\n');
    await expectOnDevices(script, minified, ['first first load fails', 'again true 9 12 true 2', 'later 25 2']);
  }, 120000);
});
