import { describe, expect, it } from 'vitest';
import * as acorn from 'acorn';
import { ablations } from './loadprofile.mjs';
import { bundleDevice, lowerToEs5 } from '../../src/host/devicebuild.mjs';
import { VARIANTS } from '../../src/host/variants.mjs';

const root = new URL('../..', import.meta.url).pathname;

describe('load profile (npm run bench): ablations per source file', () => {
  it('replaces the top-level functions of one group at a time with 0, and nothing else', () => {
    const wrapped = [
      '(function () {',
      '    var __lazyLink = function (stubs, reals) { };',
      '    // src/a.ts',
      '    var one = function (x) { return x; };',
      '    var K = 3, two = function () { return function () { return 2; }; };',
      '    // lazy part p (src/p.ts)',
      '    var __load_p = function () { __load_p = 0; inner = function () { return 1; }; };',
      '    var inner = function () { return __lazyCall(this, __load_p && __load_p(), inner, arguments); };',
      '    module.exports = { one: one, two: two, inner: inner, K: K };',
      '})();',
    ].join('\n');
    const list = ablations(wrapped);
    expect(list.map((a) => [a.group, a.names])).toEqual([
      ['lazy-part helpers', ['__lazyLink']],
      ['src/a.ts', ['one', 'two']],
      ['lazy part p', ['__load_p', 'inner']],
    ]);
    const a = list[1].code;
    expect(a).toContain('var one = 0;');
    expect(a).toContain('var K = 3, two = 0;');
    expect(a).toContain('var __load_p = function () { __load_p = 0; inner = function');
    expect(a).toContain('module.exports = { one: one, two: two, inner: inner, K: K };');
    for (const x of list) expect(() => acorn.parse(x.code, { ecmaVersion: 5 })).not.toThrow();
  });

  it('covers every top-level function of the core build, each group still ES5', async () => {
    const wrapped = lowerToEs5(await bundleDevice(root, { file: VARIANTS.core.entry, variant: 'core' }));
    const list = ablations(wrapped);
    const groups = list.map((a) => a.group);
    expect(groups).toContain('lazy part errors');
    expect(groups).toContain('src/jws/verify.ts');
    expect(list.find((a) => a.group === 'lazy part errors')!.names).toContain('JWTError');
    for (const x of list) expect(() => acorn.parse(x.code, { ecmaVersion: 5 })).not.toThrow();
  });
});
