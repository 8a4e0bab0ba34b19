#!/usr/bin/env node
// `npm run fuzz [-- --runs N] [--seconds S] [--seed X] [--no-write]`: a long
// differential fuzz campaign against jose (default 200,000 cases or 15
// minutes, whichever comes first), recorded in SECURITY.md. The TypeScript
// campaign is bundled with esbuild first (the tests themselves run it under
// vitest).
import { build } from 'esbuild';
import { createRequire } from 'node:module';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf('--' + name);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const runs = Number(arg('runs', process.env.FUZZ_RUNS ?? 200000));
const seconds = Number(arg('seconds', process.env.FUZZ_SECONDS ?? 900));
const seed = arg('seed', undefined);
const write = !process.argv.includes('--no-write');

const out = join(root, 'node_modules', '.cache', 'microjwt-fuzz', 'campaign.mjs');
mkdirSync(dirname(out), { recursive: true });
await build({
  entryPoints: [join(root, 'test', 'attacks', 'campaign.ts')],
  bundle: true,
  platform: 'node',
  format: 'esm',
  outfile: out,
  external: ['fast-check', 'jose'],
  logLevel: 'error',
});
// The sources reach Node's crypto through `hostRequire`, as the build banner and test/setup.ts provide.
globalThis.hostRequire = createRequire(join(root, 'package.json'));
const { runCampaign } = await import(pathToFileURL(out).href);
const t = await runCampaign(root, { runs, seconds, seed: seed === undefined ? undefined : Number(seed), write });
console.log(JSON.stringify({ cases: t.cases, bothAccepted: t.bothAccepted, bothRejected: t.bothRejected, documented: t.documented, unexplained: t.unexplained, untyped: t.untyped, slow: t.slow }, null, 1));
if (write) console.log('results written to SECURITY.md');
process.exit(t.unexplained.length || t.untyped.length || t.slow ? 1 : 0);
