#!/usr/bin/env node
// `npm run bench`: one run, one results file (test/bench/RESULTS.md):
//   1. Node rows: microjwt against fast-jwt (cache off), jose and
//      jsonwebtoken in the same process (test/bench/node.mjs), ops/s.
//   2. Device rows: the bench scripts test/bench/*.js on every real Espruino
//      interpreter named by env ESPRUINO_BIN (':'-separated paths), side by
//      side. Without ESPRUINO_BIN this part is skipped, and the file says so.
//   3. The budgets of issue #10, each next to its measured value, its floor
//      or peer, and whether it is met; on the Pico-like build, where the
//      core and pico builds' JsVars at load go, per source file
//      (test/bench/loadprofile.mjs); then test/bench/ANALYSIS.md (what
//      dominates where a budget is not met: profiles, what was tried).
//
// Adding a bench: drop a plain ES5 device script into test/bench/. It gets
// test/bench/_bench.js prepended (bench(name, fn) -> median and min-max of
// five batches, benchNote, bytes(n), nativeCrypto) and `require('microjwt')`.
// A first-line comment `// @module X` picks the module it loads:
//   core    dist/variants/core.min.js (the lean JWS/JWT build, native hashes only)
//   rp2040  dist/variants/rp2040.min.js (the Raspberry Pi Pico build)
//   crypto  only the crypto layer;  pure  only the pure SHA-2/HMAC code;
//   gcm     only AES-GCM and the crypto adapter;  otherwise dist/microjwt.min.js.
// Rows are lines `BENCH|name|median|calls|min|max` (or `BENCH|name|value|1`).
//
// Loading: each script is first run with the module in RAM, because on the
// Linux builds a Storage-loaded module runs several times slower than on a
// board (each flash read is a file read). The RAM copy is one flat string
// read from Storage (`E.toFlatString`), the module's functions referring into
// it as a board's refer into memory-mapped flash: a source literal would
// hold the text twice more (the script's and the functions' own copies),
// which left the rp2040 build out of the ESP32-like build's RAM. When RAM is
// still too small it is rerun with the module in Storage and the value is
// marked (S). `// @load storage` in the first lines skips the RAM
// attempt (memory benches: a board loads the module from Storage).
//
// Usage: node test/bench/run.mjs [script-name-filter]   (a filter skips the Node rows unless it is "node")
import * as esbuild from 'esbuild';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem, type } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildDeviceModule } from './bundle.mjs';
import { nodeRows } from './node.mjs';
import { loadProfile } from './loadprofile.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const filter = process.argv[2] || '';
const started = Date.now();

/** Loads a TypeScript host module (src/host/*.ts) by bundling it for Node into node_modules/.cache. */
const loadTs = async (file) => {
  const dir = join(root, 'node_modules', '.cache', 'microjwt-bench');
  mkdirSync(dir, { recursive: true });
  const out = join(dir, basename(file).replace(/\.ts$/, '.mjs'));
  await esbuild.build({ entryPoints: [join(root, file)], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile: out, packages: 'external', logLevel: 'warning' });
  return import(pathToFileURL(out).href);
};

const CRYPTO_ENTRY =
  "import { cryptoApi, createHmac, timingSafeEqualBinary } from './src/crypto/index';\n" +
  'export default { crypto: cryptoApi(), createHmac: createHmac, timingSafeEqualBinary: timingSafeEqualBinary };\n';

// Only the pure hashes: small enough for RAM even on the 5,100-var build.
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

/** The role of an interpreter build, from its directory name (see the brief: /work/espruino-bin/<name>/espruino). */
const ROLES = {
  picolike: 'Pico-like: memory reference (5,100 vars, no SHA-512; 32-bit, under qemu)',
  'esp32like-native64': 'ESP32-like: timing reference (16,383 vars; native 64-bit)',
  esp32like: 'ESP32-like (16,383 vars; 32-bit, under qemu)',
  unicode: 'Unicode (Linux build: Unicode strings, asserting)',
};
const shortLabel = (dir) => (dir === 'picolike' ? 'Pico-like' : dir === 'esp32like-native64' ? 'ESP32-like' : dir === 'unicode' ? 'Unicode' : dir);

const fmtOps = (v) => (v >= 100000 ? Math.round(v / 1000) + 'k' : v >= 10000 ? (v / 1000).toFixed(1) + 'k' : String(Math.round(v)));

/** Node rows as markdown, plus budget lines. */
const nodeSection = async (budgets) => {
  let md = '## Node (' + process.version + ', ' + cpus().length + ' cores; each library in the same process, batches taking turns)\n\n';
  const rows = await nodeRows(root);
  const libs = ['microjwt', 'fast-jwt', 'jose', 'jsonwebtoken'];
  md += '| ops/s, median (min-max of 11 batches) | ' + libs.join(' | ') + ' |\n|---|' + libs.map(() => '---:').join('|') + '|\n';
  for (const r of rows) {
    md += '| ' + r.name + ' | ' + libs.map((l) => (r.values[l] ? fmtOps(r.values[l].median) + ' (' + fmtOps(r.values[l].min) + '-' + fmtOps(r.values[l].max) + ')' : '-')).join(' | ') + ' |\n';
    for (const [peer, want] of r.budget) {
      // The median of the per-round ratios: the two ran back to back in each
      // round, under the same load from other processes on the machine.
      const per = r.values.microjwt.rounds.map((x, i) => x / r.values[peer].rounds[i]).sort((a, b) => a - b);
      const ratio = per[per.length >> 1];
      budgets.push({ what: 'Node: ' + r.name.replace(/, ops\/s$/, ''), budget: '>= ' + want + 'x ' + peer, measured: ratio.toFixed(2) + 'x ' + peer + ' (rounds ' + per[0].toFixed(2) + '-' + per[per.length - 1].toFixed(2) + ')', against: fmtOps(r.values.microjwt.median) + ' vs ' + fmtOps(r.values[peer].median) + ' ops/s', met: ratio >= want });
    }
  }
  return md + '\n';
};

const main = async () => {
  const budgets = [];
  const runNode = !filter || filter === 'node';
  const nodeMd = runNode ? await nodeSection(budgets) : '## Node\n\nNot run (script filter "' + filter + '").\n\n';
  process.stdout.write(nodeMd);

  const modules = {
    full: readFileSync(join(root, 'dist/microjwt.min.js'), 'utf8'),
    core: readFileSync(join(root, 'dist/variants/core.min.js'), 'utf8'),
    pico: readFileSync(join(root, 'dist/variants/pico.min.js'), 'utf8'),
    esp32: readFileSync(join(root, 'dist/variants/esp32.min.js'), 'utf8'),
    rp2040: readFileSync(join(root, 'dist/variants/rp2040.min.js'), 'utf8'),
    puck: readFileSync(join(root, 'dist/variants/puck.min.js'), 'utf8'),
    crypto: await buildDeviceModule(root, CRYPTO_ENTRY),
    pure: await buildDeviceModule(root, PURE_ENTRY),
    gcm: await buildDeviceModule(root, GCM_ENTRY),
  };
  const harness = readFileSync(join(here, '_bench.js'), 'utf8');
  const scripts = readdirSync(here)
    .filter((f) => f.endsWith('.js') && !f.startsWith('_') && (filter === 'node' ? false : f.includes(filter)))
    .sort();

  const bins = (process.env.ESPRUINO_BIN || '').split(':').map((s) => s.trim()).filter(Boolean);
  const targets = [];
  if (bins.length && scripts.length) {
    const real = await loadTs('src/host/real.ts');
    for (const bin of bins) {
      if (!existsSync(bin)) throw new Error('ESPRUINO_BIN names a missing file: ' + bin);
      const dir = basename(dirname(bin));
      targets.push({ label: shortLabel(dir), role: ROLES[dir] || dir, bin, run: (src, module) => real.runOnEspruino(bin, src, { module, timeoutMs: 900000 }) });
    }
  }

  const rows = new Map(); // name -> Map(label -> {text, median})
  const meta = [];
  for (const t of targets) {
    const notes = new Set();
    const t0 = Date.now();
    // A script marked `// @builds a,b,...` runs once per build (module), its rows named per build.
    const runs = [];
    for (const script of scripts) {
      const src = readFileSync(join(here, script), 'utf8');
      const builds = (/^\/\/ @builds ([\w,]+)/m.exec(src) || [])[1];
      if (builds) for (const b of builds.split(',')) runs.push({ script, src, kind: b, prefix: script.replace(/\.js$/, '') + ' (' + b + ' build): ' });
      else runs.push({ script, src, kind: (/^\/\/ @module (\w+)/.exec(src) || [])[1] || 'full', prefix: script.replace(/\.js$/, '') + ': ' });
    }
    for (const { script, src, kind, prefix } of runs) {
      const module = modules[kind];
      const ramSource =
        harness.replace(/\/\/ @peak-start[^]*\/\/ @peak-end\n/, '') +
        '\nvar RAMCOPY = E.toFlatString(require("Storage").read("microjwt"));\n' +
        'if (!RAMCOPY) throw new Error("NO_RAM_COPY");\n' +
        'Modules.addCached("microjwt", RAMCOPY);\nRAMCOPY = undefined;\n' +
        src + '\n';
      const storageOnly = /^\/\/ @load storage$/m.test(src.split('\n').slice(0, 5).join('\n'));
      // Memory scripts keep the peak helpers and drop the timing function; timing scripts the other way round.
      const storageSource = (storageOnly ? harness.replace(/\/\/ @bench-start[^]*\/\/ @bench-end\n/, '') : harness.replace(/\/\/ @peak-start[^]*\/\/ @peak-end\n/, '')) + '\n' + src + '\n';
      let how = storageOnly ? 'Storage' : 'RAM';
      const failed = (x) => x.error || /OUT OF MEMORY|LOW_MEMORY|Execution Interrupted|NO_RAM_COPY/.test(x.output) || !/^BENCH/m.test(x.output);
      const s0 = Date.now();
      let r = await t.run(storageOnly ? storageSource : ramSource, module);
      if (!storageOnly && failed(r)) {
        how = 'Storage';
        r = await t.run(storageSource, module);
      }
      const ok = !failed(r);
      process.stdout.write(t.label + ' ' + script + ' (' + kind + ' module, ' + how + ', ' + ((Date.now() - s0) / 1000).toFixed(0) + ' s' + (ok ? '' : ', FAILED: ' + (r.error || 'no rows')) + ')\n');
      for (const line of r.output.split('\n')) {
        if (line.startsWith('NOTE|')) notes.add(line.slice(5));
        const m = /^BENCH\|([^|]*)\|([^|]*)\|([^|]*)(?:\|([^|]*)\|([^|]*))?/.exec(line);
        if (!m) continue;
        const name = prefix + m[1];
        const mark = how === 'Storage' && !storageOnly ? ' (S)' : '';
        const text = m[4] !== undefined ? m[2] + ' (' + m[4] + '-' + m[5] + ')' + mark : m[2] + mark;
        if (!rows.has(name)) rows.set(name, new Map());
        rows.get(name).set(t.label, { text, median: Number(m[2]), storage: how === 'Storage' });
        process.stdout.write('  ' + m[1] + ' ' + text + '\n');
      }
      if (!ok) process.stdout.write(r.output.split('\n').slice(-8).join('\n') + '\n');
    }
    meta.push({ label: t.label, role: t.role, bin: t.bin, notes: [...notes], seconds: Math.round((Date.now() - t0) / 1000) });
  }

  // Where the JsVars at load go, measured on the memory reference (a full run only: ~1 s per ablation there).
  const memTarget = targets.find((t) => t.label === 'Pico-like');
  let profileMd = '';
  if (memTarget && !filter) {
    for (const variant of ['core', 'pico']) {
      const t0 = Date.now();
      profileMd += (await loadProfile(root, variant, memTarget.run)) + '\n';
      process.stdout.write('Pico-like load profile of the ' + variant + ' build (' + Math.round((Date.now() - t0) / 1000) + ' s)\n');
    }
  }

  // Device budgets (issue #10), from the rows just measured.
  const val = (name, label) => rows.get(name)?.get(label);
  const timing = 'ESP32-like';
  const deviceBudget = (what, name, label, budget, test, against) => {
    const v = val(name, label);
    if (!v) return;
    budgets.push({ what: what + ' [' + label + ']', budget, measured: v.text, against: against || '', met: test(v.median) });
  };
  const floorOf = (n) => { const v = val(n, timing); return v ? 'floor ' + v.text + ' ms' : ''; };
  deviceBudget('Device: HS256 verify / native floor, core build in RAM', 'jwt: ratio: verify HS256 / floor (budget <= 1.3)', timing, '<= 1.3x floor',
    (x) => x <= 1.3, 'verify ' + (val('jwt: verify HS256 (audience + issuer)', timing)?.text ?? '-') + ' ms, ' + floorOf('jwt: floor: verify HS256 (native parts only)'));
  deviceBudget('Device: HS256 sign / native floor, core build in RAM', 'jwt: ratio: sign HS256 / floor (budget <= 1.5)', timing, '<= 1.5x floor',
    (x) => x <= 1.5, 'sign ' + (val('jwt: sign HS256', timing)?.text ?? '-') + ' ms, ' + floorOf('jwt: floor: sign HS256 (native parts only)'));
  deviceBudget('Device: HS256 verify, rp2040 build, all pure (ms)', 'rp2040: verify HS256, pure (budget <= 10 ms on the ESP32-like build)', timing, '<= 10 ms', (x) => x <= 10,
    'with native SHA-256 (core build): ' + (val('jwt: verify HS256 (audience + issuer)', timing)?.text ?? '-') + ' ms');
  // Memory (issue #10): on the Pico-like build, the memory reference.
  const mem = 'Pico-like';
  const memBudget = (build, row, budget) =>
    deviceBudget('Device: ' + build + ' build, ' + row, 'memory (' + build + ' build): ' + row, mem, '<= ' + budget, (x) => x <= budget);
  memBudget('core', 'JsVars after require (Storage)', 450);
  memBudget('core', 'JsVars after first HS256 sign + verify', 650);
  memBudget('pico', 'JsVars after require (Storage)', 900);
  memBudget('esp32', 'JsVars after require (Storage)', 1600);
  memBudget('pico', 'transient: peak JsVars of one HS256 verify beyond what it keeps (sampled)', 120);
  deviceBudget('Device: 300 B JWE dir/A256CBC-HS512 decrypt, peak extra JsVars (lower bound)', 'jwe-memory: decrypt 300 B dir/A256CBC-HS512: peak extra JsVars', mem, '<= 400', (x) => x <= 400);
  budgets.push({ what: 'core build, minified', budget: '<= 8 KB', measured: (modules.core.length / 1024).toFixed(1) + ' KB', against: 'dist/variants/core.min.js', met: modules.core.length <= 8192 });
  for (const label of ['Unicode', timing]) {
    deviceBudget('Device: pure SHA-256 300 B (ms)', 'pure-sha: pure SHA-256 300 B (RAM; budget <= 10 ms on the Linux build)', label, '<= 10 ms', (x) => x <= 10, label === 'Unicode' ? 'the Linux build' : '');
  }

  const date = new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
  let md = '# Benchmarks\n\n';
  md += 'Written by `npm run bench` (`node build.mjs && node test/bench/run.mjs`' + (filter ? ' ' + filter : '') + ') on ' + date + ', in ' + Math.round((Date.now() - started) / 1000) + ' s.\n\n';
  md += '- Machine: ' + (cpus()[0]?.model || 'unknown CPU') + ', ' + cpus().length + ' cores, ' + Math.round(totalmem() / 2 ** 30) + ' GB, ' + type() + ' ' + release() + '; load average at the end ' + loadavg().map((x) => x.toFixed(1)).join(' ') + ' (the machine is shared: ranges show the noise).\n';
  md += '- Command: `' + (bins.length ? 'ESPRUINO_BIN=' + bins.join(':') + ' ' : '') + 'npm run bench`\n';
  md += '- Node ' + process.version + '; modules: dist/microjwt.min.js ' + modules.full.length + ' bytes, core build ' + modules.core.length + ', rp2040 build ' + modules.rp2040.length + ', crypto layer only ' + modules.crypto.length + ', pure SHA-2 only ' + modules.pure.length + '.\n\n';
  md += '## Budgets (issue #10)\n\n| what | budget | measured | next to | met |\n|---|---|---|---|---|\n';
  for (const b of budgets) md += '| ' + b.what + ' | ' + b.budget + ' | ' + b.measured + ' | ' + b.against + ' | ' + (b.met ? 'yes' : '**no**') + ' |\n';
  if (!targets.length) md += '| Device budgets | | skipped: ESPRUINO_BIN not set | | |\n';
  md += '\nWhere a budget is not met, ANALYSIS below says what dominates (measured) and what was tried.\n\n';
  md += nodeMd;
  md += '## Devices\n\n';
  if (!targets.length) {
    md += '**Skipped: ESPRUINO_BIN is not set** (it names real Espruino interpreters, \':\'-separated; nothing here runs in the emulator, whose numbers are V8\'s).\n\n';
  } else {
    md += 'Milliseconds per call unless the row says otherwise: median of five batches (min-max); a call over 100 ms is timed three times. ';
    md += 'Module in RAM (`Modules.addCached`) unless marked (S): then RAM was too small and it ran from Storage, which on the Linux builds reads a file per flash access (slower than a board). ';
    md += 'Scripts marked `@load storage` (memory) always load from Storage, as a board does.\n\n';
    for (const m of meta) md += '- **' + m.label + '** = ' + m.role + ': `' + m.bin + '`' + (m.notes.length ? '; ' + m.notes.join('; ') : '') + ' (' + m.seconds + ' s)\n';
    md += '\n| benchmark | ' + meta.map((m) => m.label).join(' | ') + ' |\n|---|' + meta.map(() => '---:').join('|') + '|\n';
    for (const [name, vals] of rows) md += '| ' + name + ' | ' + meta.map((m) => vals.get(m.label)?.text ?? '-').join(' | ') + ' |\n';
    md += '\n';
  }
  if (profileMd) {
    md += '## Where the JsVars at load go (Pico-like, module in Storage)\n\n';
    md += 'Measured, not modelled (test/bench/loadprofile.mjs): each build loaded whole, then once per source file or lazy part with its top-level functions replaced by `0`; the drop is what they cost. A lazy part\'s row is its loader and its stubs.\n\n';
    md += profileMd;
  }
  const analysis = join(here, 'ANALYSIS.md');
  if (existsSync(analysis)) md += readFileSync(analysis, 'utf8');
  writeFileSync(join(here, 'RESULTS.md'), md);
  console.log('\nwrote test/bench/RESULTS.md in ' + Math.round((Date.now() - started) / 1000) + ' s');
};

main().catch((e) => {
  console.error(e && e.stack ? e.stack : e);
  process.exit(1);
});
