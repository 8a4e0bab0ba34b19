// Where a build's JsVars at load go, measured on a real interpreter rather
// than modelled: the build is loaded once whole, then once per source file
// (and lazy part) with that file's top-level functions replaced by `0`. The
// drop is what those functions cost at load (the function objects, their
// parameters, their code's flash references); what no ablation removes is
// the rest: the module's variable names, the API object's properties, the
// values made at load. The module still loads with a function replaced by
// `0` because a build's top level only defines functions, apart from the
// few it calls at load (an ablation that breaks the load is reported).
import * as acorn from 'acorn';
import { bundleDevice, lowerToEs5, minify, unwrapModuleScope } from '../../src/host/devicebuild.mjs';
import { VARIANTS } from '../../src/host/variants.mjs';

// The bundle's comments before each source file's code and each lazy part's loader.
const GROUP = /^\s*\/\/ (src\/\S+\.ts|lazy part \w+)/gm;

/**
 * The ablations of a wrapped (not yet minified) device module: per group (a
 * source file, or a lazy part's loader and stubs), the names of its
 * top-level functions and the module text with them replaced by `0`.
 */
export const ablations = (wrapped) => {
  const ast = acorn.parse(wrapped, { ecmaVersion: 5 });
  const wrapper = ast.body.find((s) => s.type === 'ExpressionStatement' && s.expression.type === 'CallExpression' && s.expression.callee.type === 'FunctionExpression');
  if (!wrapper) throw new Error('the module is not one wrapped function');
  const starts = [];
  for (let m; (m = GROUP.exec(wrapped)); ) starts.push([m.index, m[1]]);
  const groupAt = (pos) => {
    let g = 'lazy-part helpers';
    for (const [at, name] of starts) if (at <= pos) g = name;
    return g;
  };
  const groups = new Map();
  for (const s of wrapper.expression.callee.body.body) {
    if (s.type !== 'VariableDeclaration') continue;
    for (const d of s.declarations) {
      if (!d.init || d.init.type !== 'FunctionExpression') continue;
      const g = groupAt(s.start);
      if (!groups.has(g)) groups.set(g, []);
      groups.get(g).push({ name: d.id.name, start: d.init.start, end: d.init.end });
    }
  }
  return [...groups].map(([group, fns]) => {
    let code = wrapped;
    for (const f of [...fns].sort((a, b) => b.start - a.start)) code = code.slice(0, f.start) + '0' + code.slice(f.end);
    return { group, names: fns.map((f) => f.name), code };
  });
};

/**
 * Markdown: the JsVars at load of build `variant` on interpreter `run`
 * ((script, module) -> {output}), whole and per group, largest first.
 */
export const loadProfile = async (root, variant, run) => {
  const wrapped = lowerToEs5(await bundleDevice(root, { file: VARIANTS[variant].entry, variant }));
  const measure = async (code) => {
    const r = await run("var u0 = process.memory().usage; var m = require('microjwt'); print('LOAD', process.memory().usage - u0);", unwrapModuleScope(await minify(code)));
    const m = /LOAD (\d+)/.exec(r.output);
    return m ? Number(m[1]) : null;
  };
  const whole = await measure(wrapped);
  if (whole === null) return '(the ' + variant + ' build did not load)\n';
  const rows = [];
  let functions = 0;
  for (const a of ablations(wrapped)) {
    const left = await measure(a.code);
    const cost = left === null ? null : whole - left;
    if (cost !== null) functions += cost;
    rows.push({ group: a.group, count: a.names.length, cost, names: a.names });
  }
  rows.sort((a, b) => (b.cost ?? -1) - (a.cost ?? -1));
  let md = '| ' + variant + ' build: what the functions of each source file cost at load | functions | JsVars |\n|---|---:|---:|\n';
  for (const r of rows) md += '| ' + r.group + ' (' + r.names.slice(0, 6).join(', ') + (r.names.length > 6 ? ', ...' : '') + ') | ' + r.count + ' | ' + (r.cost === null ? 'did not load without them' : r.cost) + ' |\n';
  md += '| every function above | ' + rows.reduce((n, r) => n + r.count, 0) + ' | ' + functions + ' |\n';
  md += '| the rest: variable names, the API object\'s properties, values made at load | | ' + (whole - functions) + ' |\n';
  md += '| **whole build after `require`** | | **' + whole + '** |\n';
  return md;
};
