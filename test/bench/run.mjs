#!/usr/bin/env node
// `npm run bench`: runs the device bench scripts test/bench/*.js on the real
// Espruino interpreter(s) named by env ESPRUINO_BIN (':'-separated paths),
// side by side in one run, and writes the table to test/bench/RESULTS.md.
// Without ESPRUINO_BIN it runs them in the host emulator and says loudly that
// those numbers are not device numbers.
//
// Adding a bench: drop a plain ES5 device script into test/bench/. It gets
// test/bench/_bench.js prepended (bench(name, fn), benchNote, bytes(n),
// nativeCrypto) and `require('microjwt')`. A first-line comment
// `// @module crypto` loads a module holding only the crypto layer,
// `// @module pure` only the pure SHA-2/HMAC code (small enough for RAM on a
// 5,100-var board), `// @module gcm` only AES-GCM and the crypto adapter; otherwise the full dist/microjwt.min.js. Rows are lines `BENCH|name|ms|calls` (or
// `BENCH name value [calls]`).
//
// Loading: each script is first run with the module in RAM
// (Modules.addCached), because on the Linux builds a Storage-loaded module
// runs several times slower than on a board (each flash read is a file
// read); when RAM is too small, it is rerun with the module in Storage and
// the column says so. A first-lines comment `// @load storage` skips the
// RAM attempt (memory benches: a board loads the module from Storage).
//
// Usage: node test/bench/run.mjs [name-filter]
import * as esbuild from 'esbuild';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildDeviceModule } from './bundle.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const filter = process.argv[2] || '';

/**
 * Loads a TypeScript host module (src/host/*.ts) by bundling it for Node,
 * into node_modules/.cache inside the package (the host code finds the
 * package by walking up from its own file).
 */
const loadTs = async (file) => {
  const dir = join(root, 'node_modules', '.cache', 'microjwt-bench');
  mkdirSync(dir, { recursive: true });
  const out = join(dir, basename(file).replace(/\.ts$/, '.mjs'));
  await esbuild.build({ entryPoints: [join(root, file)], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile: out, packages: 'external', logLevel: 'warning' });
  return import(pathToFileURL(out).href);
};

const CRYPTO_ENTRY =
  "import { cryptoApi, createHmac, timingSafeEqualBinary } from './src/crypto/index';\n" +
  'export default { crypto: cryptoApi, createHmac: createHmac, timingSafeEqualBinary: timingSafeEqualBinary };\n';

// Only the pure hashes: small enough to load into RAM even on the 5,100-var
// board-like build, so the interpreter's speed on pure SHA-2 is measured
// without the Storage (file read) slowdown.
const PURE_ENTRY =
  "import { pureSha256 } from './src/crypto/pure/sha256';\n" +
  "import { pureSha512 } from './src/crypto/pure/sha512';\n" +
  "import { pureHmacKey, PureMac } from './src/crypto/pure/hmac';\n" +
  'export default {\n' +
  '  sha256: function (d: Uint8Array) { const h = pureSha256(); return h.finish(h.init(), d, 0, new Uint8Array(32)); },\n' +
  '  sha512: function (d: Uint8Array) { const h = pureSha512(false); return h.finish(h.init(), d, 0, new Uint8Array(64)); },\n' +
  '  hmac256Key: function (k: Uint8Array) { return pureHmacKey(pureSha256(), k); },\n' +
  '  hmac256: function (mac: PureMac, d: Uint8Array) { return mac(d, new Uint8Array(32)); },\n' +
  '};\n';

// AES-GCM, which is not in the public API (it belongs to the lazily loaded JWE part).
const GCM_ENTRY =
  "import { aesGcmEncrypt, aesGcmDecrypt } from './src/crypto/gcm';\n" +
  "import { useBackend, backend } from './src/crypto/index';\n" +
  'export default { aesGcmEncrypt: aesGcmEncrypt, aesGcmDecrypt: aesGcmDecrypt, useBackend: useBackend, backend: backend };\n';

const main = async () => {
  const fullModule = readFileSync(join(root, 'dist/microjwt.min.js'), 'utf8');
  const cryptoModule = await buildDeviceModule(root, CRYPTO_ENTRY);
  const pureModule = await buildDeviceModule(root, PURE_ENTRY);
  const gcmModule = await buildDeviceModule(root, GCM_ENTRY);
  const harness = readFileSync(join(here, '_bench.js'), 'utf8');
  const scripts = readdirSync(here)
    .filter((f) => f.endsWith('.js') && !f.startsWith('_') && f.includes(filter))
    .sort();

  const bins = (process.env.ESPRUINO_BIN || '').split(':').map((s) => s.trim()).filter(Boolean);
  const targets = [];
  if (bins.length) {
    const real = await loadTs('src/host/real.ts');
    for (const bin of bins) {
      if (!existsSync(bin)) throw new Error('ESPRUINO_BIN names a missing file: ' + bin);
      targets.push({ label: basename(dirname(bin)), bin, run: (src, module, ram) => real.runOnEspruino(bin, src, { module, timeoutMs: 600000 }) });
    }
  } else {
    console.log('\n!!! ESPRUINO_BIN is not set: running in the host EMULATOR.');
    console.log('!!! Emulator numbers are NOT device numbers (V8 runs the code); set ESPRUINO_BIN=/path/espruino[:...].\n');
    const emu = await loadTs('src/host/emulator.ts');
    targets.push({ label: 'emulator (NOT device numbers)', bin: 'emulator', run: (src, module) => emu.runDeviceScript(src, { board: 'linux', module, timeoutMs: 600000 }) });
  }

  const rows = new Map(); // name -> Map(label -> value)
  const meta = [];
  for (const t of targets) {
    const notes = new Set();
    for (const script of scripts) {
      const src = readFileSync(join(here, script), 'utf8');
      const kind = (/^\/\/ @module (\w+)/.exec(src) || [])[1];
      const module = kind === 'crypto' ? cryptoModule : kind === 'pure' ? pureModule : kind === 'gcm' ? gcmModule : fullModule;
      const ramSource = harness + '\nModules.addCached("microjwt", ' + JSON.stringify(module) + ');\n' + src + '\n';
      const storageSource = harness + '\n' + src + '\n';
      const storageOnly = /^\/\/ @load storage$/m.test(src.split('\n').slice(0, 5).join('\n'));
      let how = storageOnly ? 'Storage' : 'RAM';
      let r = t.bin === 'emulator' || storageOnly ? await t.run(storageSource, module) : await t.run(ramSource, module);
      const failed = (x) => x.error || /OUT OF MEMORY|LOW_MEMORY|Execution Interrupted/.test(x.output) || !/^BENCH/m.test(x.output);
      if (t.bin === 'emulator') how = 'emulated';
      else if (failed(r)) {
        how = 'Storage';
        r = await t.run(storageSource, module);
      }
      const ok = !failed(r);
      process.stdout.write(t.label + ' ' + script + ' (' + how + (ok ? '' : ', FAILED: ' + (r.error || 'no rows')) + ')\n');
      for (const line of r.output.split('\n')) {
        if (line.startsWith('NOTE|')) notes.add(line.slice(5));
        let m = /^BENCH\|([^|]*)\|([^|]*)\|/.exec(line) || /^BENCH (\S+) (\S+)/.exec(line);
        if (!m) continue;
        const name = script.replace(/\.js$/, '') + ': ' + m[1];
        if (!rows.has(name)) rows.set(name, new Map());
        rows.get(name).set(t.label, m[2] + (how === 'Storage' && !storageOnly ? ' (S)' : ''));
        process.stdout.write('  ' + m[1] + ' ' + m[2] + '\n');
      }
      if (!ok) process.stdout.write(r.output.split('\n').slice(-8).join('\n') + '\n');
    }
    meta.push({ label: t.label, bin: t.bin, notes: [...notes] });
  }

  const date = new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
  let md = '# Benchmarks\n\n';
  md += 'Written by `npm run bench` (test/bench/run.mjs) on ' + date + '. Milliseconds per call unless the row says otherwise; best of three batches.\n';
  md += 'Scripts marked `@module crypto` load a module with only the crypto layer (' + cryptoModule.length + ' bytes minified), `@module pure` one with only the pure SHA-2 and HMAC code (' + pureModule.length + ' bytes); the others load dist/microjwt.min.js (' + fullModule.length + ' bytes).\n';
  md += 'Values marked (S) ran with the module in Storage because RAM was too small: on the Linux builds every flash read is a file read, so those are slower than a board would be.\n\n';
  if (!bins.length) md += '**ESPRUINO_BIN was not set: these are EMULATOR numbers (V8), NOT device numbers.**\n\n';
  for (const m of meta) md += '- `' + m.label + '`: ' + m.bin + (m.bin !== 'emulator' ? ' (' + new Date(statSync(m.bin).mtimeMs).toISOString().slice(0, 10) + ')' : '') + (m.notes.length ? '; ' + m.notes.join('; ') : '') + '\n';
  md += '\n| benchmark | ' + meta.map((m) => m.label).join(' | ') + ' |\n|---|' + meta.map(() => '---:').join('|') + '|\n';
  for (const [name, vals] of rows) md += '| ' + name + ' | ' + meta.map((m) => vals.get(m.label) ?? '-').join(' | ') + ' |\n';
  writeFileSync(join(here, 'RESULTS.md'), md);
  console.log('\nwrote test/bench/RESULTS.md');
};

main().catch((e) => {
  console.error(e && e.stack ? e.stack : e);
  process.exit(1);
});
