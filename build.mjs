#!/usr/bin/env node
// Builds dist/: the device module (readable + minified ES5 CommonJS), its type
// declarations, and the host CLI. Fails the build on anything the Espruino
// interpreter would choke on that a parser can see (see checkDeviceCode).
//
// Pipeline for the device module, and why:
//   1. esbuild bundles src/index.ts as one scope-hoisted ES module (no module
//      wrappers, tree-shaken); its `export default` becomes `module.exports`.
//      Device code reaches `require` only through `hostRequire`, defined in a
//      banner, because esbuild rewrites every `require` it sees into a shim
//      that needs Proxy.
//   2. TypeScript lowers that single file to ES5 (esbuild cannot lower
//      let/const/classes to ES5; tsc can).
//   3. esbuild minifies the ES5 text with target es5.
//   4. Both files are parsed as ES5 with acorn and checked for Espruino hazards.
import * as esbuild from 'esbuild';
import * as acorn from 'acorn';
import ts from 'typescript';
import { mkdirSync, writeFileSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkDeviceCode } from './src/host/es5check.mjs';
import { estimateLoadCost } from './src/host/loadcost.mjs';

const root = dirname(fileURLToPath(import.meta.url));
const dist = join(root, 'dist');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

const fail = (msg) => {
  console.error('build failed: ' + msg);
  process.exit(1);
};

const bundleDevice = async () => {
  const result = await esbuild.build({
    entryPoints: [join(root, 'src/index.ts')],
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
    logLevel: 'silent',
  });
  const text = result.outputFiles[0].text;
  const exportDefault = /export\s*\{\s*([\w$]+) as default\s*\};\s*$/;
  if (!exportDefault.test(text)) fail('src/index.ts must end the bundle with a single `export default`');
  // One function scope around everything, so the minifier may rename the
  // top-level names (in a plain script they would be globals).
  return (
    '(function () {\nvar hostRequire = typeof require === "function" ? require : undefined;\n' +
    text.replace(exportDefault, 'module.exports = $1;\n') +
    '})();\n'
  );
};

const lowerToEs5 = (code) => {
  const out = ts.transpileModule(code, {
    compilerOptions: {
      target: ts.ScriptTarget.ES5,
      module: ts.ModuleKind.CommonJS,
      removeComments: false,
      downlevelIteration: false,
      importHelpers: false,
    },
    reportDiagnostics: true,
  });
  if (out.diagnostics && out.diagnostics.length) fail(out.diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')).join('\n'));
  return out.outputText;
};

const minify = async (code) => {
  const out = await esbuild.transform(code, { minify: true, target: 'es5', charset: 'ascii', legalComments: 'none' });
  return out.code;
};

const emitTypes = () => {
  const configPath = join(root, 'tsconfig.json');
  const config = ts.readConfigFile(configPath, ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
  const program = ts.createProgram({
    rootNames: parsed.fileNames,
    options: { ...parsed.options, emitDeclarationOnly: true, declaration: true, noEmit: false, outDir: join(dist, 'types') },
  });
  const diagnostics = ts.getPreEmitDiagnostics(program);
  if (diagnostics.length) {
    fail('type errors:\n' + ts.formatDiagnostics(diagnostics, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => root, getNewLine: () => '\n' }));
  }
  program.emit();
  writeFileSync(join(dist, 'microjwt.d.ts'), "import microjwt from './types/index';\nexport = microjwt;\n");
};

const buildHost = async () => {
  const entry = join(root, 'src/host/cli.ts');
  if (!existsSync(entry)) return;
  await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile: join(dist, 'cli.js'),
    banner: { js: '#!/usr/bin/env node' },
    packages: 'external',
    // src/host/paths.ts falls back to __dirname when import.meta.url is empty.
    define: { 'import.meta.url': 'undefined' },
    logLevel: 'warning',
  });
};

const main = async () => {
  rmSync(dist, { recursive: true, force: true });
  mkdirSync(dist, { recursive: true });
  const header = '/* microjwt ' + pkg.version + ' | JWT for Espruino | MIT */\n';
  const readable = header + lowerToEs5(await bundleDevice());
  const minified = await minify(readable);
  for (const [name, code] of [['microjwt.js', readable], ['microjwt.min.js', minified]]) {
    const problems = checkDeviceCode(code, acorn);
    if (problems.length) fail(name + ' would not run on Espruino:\n  ' + problems.join('\n  '));
    writeFileSync(join(dist, name), code);
  }
  emitTypes();
  await buildHost();
  console.log('dist/microjwt.js      ' + readable.length + ' bytes (ES5 checked)');
  console.log('dist/microjwt.min.js  ' + minified.length + ' bytes (ES5 checked), ~' + estimateLoadCost(minified, acorn) + ' JsVars at load on a board (estimate)');
};

main().catch((e) => fail(e && e.stack ? e.stack : String(e)));
