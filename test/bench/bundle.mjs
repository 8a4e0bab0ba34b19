// Builds a device module from an entry text the way build.mjs builds
// dist/microjwt.min.js (esbuild bundle -> TypeScript ES5 lowering -> esbuild
// minify -> the Espruino checks), so a benchmark can load a module that holds
// only what it measures (e.g. just the crypto layer) in RAM on a 5,100-var board.
import * as esbuild from 'esbuild';
import * as acorn from 'acorn';
import ts from 'typescript';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkDeviceCode } from '../../src/host/es5check.mjs';

export const buildDeviceModule = async (root, entryText) => {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const result = await esbuild.build({
    stdin: { contents: entryText, resolveDir: root, loader: 'ts', sourcefile: 'bench-entry.ts' },
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2017',
    external: ['crypto', 'Storage'],
    write: false,
    charset: 'ascii',
    legalComments: 'none',
    define: { __MICROJWT_VERSION__: JSON.stringify(pkg.version) },
    logLevel: 'silent',
  });
  const text = result.outputFiles[0].text;
  const exportDefault = /export\s*\{\s*([\w$]+) as default\s*\};\s*$/;
  if (!exportDefault.test(text)) throw new Error('bench entry must end with one `export default`');
  const wrapped = '(function () {\nvar hostRequire = typeof require === "function" ? require : undefined;\n' + text.replace(exportDefault, 'module.exports = $1;\n') + '})();\n';
  const es5 = ts.transpileModule(wrapped, { compilerOptions: { target: ts.ScriptTarget.ES5, module: ts.ModuleKind.CommonJS } }).outputText;
  const min = (await esbuild.transform(es5, { minify: true, target: 'es5', charset: 'ascii', legalComments: 'none' })).code;
  const problems = checkDeviceCode(min, acorn);
  if (problems.length) throw new Error('bench module would not run on Espruino:\n  ' + problems.join('\n  '));
  return min;
};
