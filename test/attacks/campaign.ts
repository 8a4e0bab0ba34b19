// The long fuzz campaign (`npm run fuzz`, through run-fuzz.mjs): fresh seeds,
// a case count and a time budget, then the results written into SECURITY.md
// between the fuzz-results markers.
import { readFileSync, writeFileSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { join } from 'node:path';
import source from '../../src/index';
import { campaign, newTally, Tally } from './fuzz';
import { DIFFERENCES } from './differences';

const merge = (into: Tally, t: Tally): void => {
  into.cases += t.cases;
  into.bothAccepted += t.bothAccepted;
  into.bothRejected += t.bothRejected;
  into.slow += t.slow;
  for (const [k, v] of Object.entries(t.documented)) into.documented[k] = (into.documented[k] ?? 0) + v;
  for (const [k, v] of Object.entries(t.mjCodes)) into.mjCodes[k] = (into.mjCodes[k] ?? 0) + v;
  into.unexplained.push(...t.unexplained.slice(0, Math.max(0, 20 - into.unexplained.length)));
  into.untyped.push(...t.untyped.slice(0, Math.max(0, 20 - into.untyped.length)));
};

export const runCampaign = async (root: string, opts: { runs: number; seconds: number; seed?: number; write: boolean }): Promise<Tally> => {
  const total = newTally();
  const started = Date.now();
  const seeds: number[] = [];
  const BATCH = 50000;
  while (total.cases < opts.runs && Date.now() - started < opts.seconds * 1000) {
    const seed = opts.seed !== undefined && seeds.length === 0 ? opts.seed : (Math.random() * 2 ** 31) | 0;
    seeds.push(seed);
    const left = (opts.seconds * 1000 - (Date.now() - started)) / 1000;
    const batch = await campaign(source, { runs: Math.min(BATCH, opts.runs - total.cases), seed, seconds: left });
    // A finding carries the seed of its batch: `npm run fuzz -- --seed S` replays it.
    for (const f of [...batch.unexplained, ...batch.untyped]) (f as { seed?: number }).seed = seed;
    merge(total, batch);
    process.stdout.write('\r' + total.cases + ' cases, ' + total.unexplained.length + ' unexplained, ' + total.untyped.length + ' untyped   ');
  }
  process.stdout.write('\n');
  const seconds = Math.round((Date.now() - started) / 1000);
  if (opts.write) writeResults(root, total, seeds, seconds);
  return total;
};

const writeResults = (root: string, t: Tally, seeds: number[], seconds: number): void => {
  const file = join(root, 'SECURITY.md');
  const text = readFileSync(file, 'utf8');
  const start = '<!-- fuzz-results:start -->';
  const end = '<!-- fuzz-results:end -->';
  const a = text.indexOf(start);
  const b = text.indexOf(end);
  if (a < 0 || b < a) throw new Error('SECURITY.md has no fuzz-results markers');
  let commit = 'unknown';
  try {
    commit = execSync('git rev-parse --short HEAD', { cwd: root }).toString().trim();
  } catch {
    // not a git checkout
  }
  const joseVersion = JSON.parse(readFileSync(join(root, 'node_modules', 'jose', 'package.json'), 'utf8')).version;
  const lines = [
    start,
    `Last campaign: ${new Date().toISOString().slice(0, 10)}, commit ${commit}, jose ${joseVersion}, Node ${process.version}:`,
    `**${t.cases.toLocaleString('en')} cases** in ${seconds} s (${seeds.length} batch${seeds.length === 1 ? '' : 'es'} of up to 50,000 from random seeds; a finding lists its seed).`,
    '',
    '| outcome | cases |',
    '|---|---:|',
    `| both accept | ${t.bothAccepted} |`,
    `| both reject | ${t.bothRejected} |`,
    ...DIFFERENCES.map((d) => `| differ, documented: \`${d.id}\` | ${t.documented[d.id] ?? 0} |`),
    `| **differ, not documented** | **${t.unexplained.length}** |`,
    `| **untyped error, or key/token in a message** | **${t.untyped.length}** |`,
    `| **verify slower than 250 ms** | **${t.slow}** |`,
    '',
    ...(t.unexplained.length || t.untyped.length
      ? ['Findings (first ones):', '', ...[...t.unexplained, ...t.untyped].map((u) => '- `' + JSON.stringify(u).slice(0, 400) + '`'), '']
      : ['No finding outside the documented differences.', '']),
    end,
  ];
  writeFileSync(file, text.slice(0, a) + lines.join('\n') + text.slice(b + end.length));
};
