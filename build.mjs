#!/usr/bin/env node
// Builds dist/: the device module (readable + minified ES5 CommonJS, both
// checked for what the Espruino interpreter would choke on: see
// src/host/devicebuild.mjs for the pipeline and why), its type declarations,
// and the host CLI.
import * as esbuild from 'esbuild';
import * as acorn from 'acorn';
import ts from 'typescript';
import { mkdirSync, writeFileSync, existsSync, readFileSync, rmSync, chmodSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildDeviceModule } from './src/host/devicebuild.mjs';
import { estimateLoadCost } from './src/host/loadcost.mjs';
import { VARIANTS } from './src/host/variants.mjs';

const root = dirname(fileURLToPath(import.meta.url));
const dist = join(root, 'dist');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

const fail = (msg) => {
  console.error('build failed: ' + msg);
  process.exit(1);
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
    // Everything the CLI runs (acorn for the emulator's source checks) is
    // bundled, so the installed package needs no runtime dependency. The
    // official `espruino` CLI is not imported: `flash` runs it as a separate
    // process, found in the user's project (see src/host/espruinocli.ts).
    // src/host/paths.ts falls back to __dirname when import.meta.url is empty.
    define: { 'import.meta.url': 'undefined' },
    logLevel: 'warning',
  });
  // npm links bin entries as they are packed: without its run bit `npx microjwt`
  // fails with "Permission denied" wherever npm does not repair the mode.
  chmodSync(join(dist, 'cli.js'), 0o755);
};

const main = async () => {
  rmSync(dist, { recursive: true, force: true });
  mkdirSync(dist, { recursive: true });
  const header = '/* microjwt ' + pkg.version + ' | JWT for Espruino | MIT */\n';
  const { readable, minified } = await buildDeviceModule(root, { file: 'src/index.ts' }, header);
  writeFileSync(join(dist, 'microjwt.js'), readable);
  writeFileSync(join(dist, 'microjwt.min.js'), minified);
  // Per-board builds (src/host/variants.mjs): each leaves out what its board never needs.
  mkdirSync(join(dist, 'variants'), { recursive: true });
  const variants = [];
  for (const name of Object.keys(VARIANTS)) {
    const v = await buildDeviceModule(root, { file: VARIANTS[name].entry, variant: name }, header);
    writeFileSync(join(dist, 'variants', name + '.min.js'), v.minified);
    variants.push([name, v.minified]);
  }
  emitTypes();
  await buildHost();
  // Which boards' whole Storage area (espruino.json, from their board files) could hold the file.
  const boards = JSON.parse(readFileSync(join(root, 'espruino.json'), 'utf8')).boards;
  const fits = (text) => Object.keys(boards).filter((b) => b !== 'linux' && 32 + text.length <= boards[b].storageBytes).join(' ') || 'none';
  const row = (file, text) => console.log(file.padEnd(30) + String(text.length).padStart(6) + ' bytes (ES5 checked), ~' + estimateLoadCost(text, acorn) + ' JsVars at load on a board (estimate), fits the Storage of: ' + fits(text));
  console.log('dist/microjwt.js'.padEnd(30) + String(readable.length).padStart(6) + ' bytes (ES5 checked)');
  row('dist/microjwt.min.js', minified);
  for (const [name, text] of variants) row('dist/variants/' + name + '.min.js', text);
};

main().catch((e) => fail(e && e.stack ? e.stack : String(e)));
