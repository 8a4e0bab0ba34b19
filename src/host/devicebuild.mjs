// The device-module pipeline, shared by build.mjs (dist/microjwt*.js) and the
// benchmarks (modules holding only what they measure). Why each step:
//   1. esbuild bundles the entry as one scope-hoisted ES module (no module
//      wrappers, tree-shaken); its `export default` becomes `module.exports`.
//      Device code reaches `require` only through `hostRequire`, defined in a
//      banner, because esbuild rewrites every `require` it sees into a shim
//      that needs Proxy. One function scope wraps it all, so the minifier may
//      rename top-level names (in a plain script they would be globals).
//      Files that declare `// @part NAME` become lazy parts (lazyparts.mjs):
//      their code runs on first use, so a board pays RAM only for what a
//      script calls.
//   2. TypeScript lowers that one file to ES5 (esbuild cannot lower
//      let/const/classes to ES5; tsc can).
//   3. esbuild minifies the ES5 text with target es5.
//   4. checkDeviceCode parses the result as ES5 and rejects what the Espruino
//      interpreter would choke on.
import * as esbuild from 'esbuild';
import * as acorn from 'acorn';
import ts from 'typescript';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkDeviceCode } from './es5check.mjs';
import { applyLazyParts } from './lazyparts.mjs';
import { leaveOutPlugin, VARIANTS } from './variants.mjs';

const EXPORT_DEFAULT = /export\s*\{\s*([\w$]+) as default\s*\};\s*$/;

/**
 * Step 1: bundle `entry` ({file} or {text}, and optionally {variant}: a name
 * in variants.mjs, whose left-out modules are swapped) from package `root`
 * into one wrapped CommonJS module (ES2017).
 */
export const bundleDevice = async (root, entry) => {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const source = entry.file
    ? { entryPoints: [join(root, entry.file)] }
    : { stdin: { contents: entry.text, resolveDir: root, loader: 'ts', sourcefile: 'entry.ts' } };
  const result = await esbuild.build({
    ...source,
    // File markers in the output (`// src/x.ts`) are relative to this: lazy parts read them.
    absWorkingDir: root,
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2017',
    external: ['crypto', 'Storage'],
    write: false,
    charset: 'ascii',
    legalComments: 'none',
    treeShaking: true,
    define: { __MICROJWT_VERSION__: JSON.stringify(pkg.version) },
    plugins: entry.variant ? [leaveOutPlugin(root, entry.variant)] : [],
    logLevel: 'silent',
  });
  const text = result.outputFiles[0].text;
  if (!EXPORT_DEFAULT.test(text)) throw new Error('a device entry must end the bundle with a single `export default`');
  const { code } = applyLazyParts(root, text.replace(EXPORT_DEFAULT, 'module.exports = $1;\n'), acorn.parse, (entry.variant && VARIANTS[entry.variant].eager) || []);
  return '(function () {\nvar hostRequire = typeof require === "function" ? require : undefined;\n' + code + '})();\n';
};

/** Step 2: lower to ES5. */
export const lowerToEs5 = (code) => {
  const out = ts.transpileModule(code, {
    compilerOptions: { target: ts.ScriptTarget.ES5, module: ts.ModuleKind.CommonJS, downlevelIteration: false, importHelpers: false },
    reportDiagnostics: true,
  });
  if (out.diagnostics && out.diagnostics.length) throw new Error(out.diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')).join('\n'));
  return out.outputText;
};

/** Step 3: minify, staying ES5. */
export const minify = async (code) => (await esbuild.transform(code, { minify: true, target: 'es5', charset: 'ascii', legalComments: 'none' })).code;

/** Step 4: throws, listing the problems, unless `code` can run on Espruino. */
export const assertDeviceCode = (code, name) => {
  const problems = checkDeviceCode(code, acorn);
  if (problems.length) throw new Error(name + ' would not run on Espruino:\n  ' + problems.join('\n  '));
};

/**
 * Step 3b: drop the function wrapped around the module once the minifier has
 * renamed its names. Why: `require` already runs a module in a scope of its
 * own (on Espruino, Node and the emulator), and on Espruino a function made
 * one scope deeper than the module's costs 3 JsVars more for as long as it
 * lives (each copies the scope chain into an array of its own; a function
 * made directly in the module's scope just points to that scope).
 */
export const unwrapModuleScope = (code) => {
  const m = /^(\s*(?:\/\*[^]*?\*\/\s*)?)\(function\s*\(\)\s*\{([^]*)\}\)\(\);\s*$/.exec(code);
  if (!m) throw new Error('the device module is not one wrapped function: cannot unwrap it');
  return m[1] + m[2].replace(/^\n/, '') + '\n';
};

/** All four steps: { readable, minified }, both checked. */
export const buildDeviceModule = async (root, entry, header = '') => {
  const wrapped = header + lowerToEs5(await bundleDevice(root, entry));
  const minified = unwrapModuleScope(await minify(wrapped));
  const readable = unwrapModuleScope(wrapped);
  assertDeviceCode(readable, 'the readable module');
  assertDeviceCode(minified, 'the minified module');
  return { readable, minified };
};
