// Device test scripts (test/device/*.js): how a runner builds the text it
// sends to a board (harness + optional VECTORS + script + __done()) and how it
// reads the verdict from the output.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from './paths';

export interface DeviceScript {
  name: string;
  file: string;
  text: string;
  /** Dotted paths into public-vectors.json from `// @vectors a.b c.d`. */
  vectors: string[];
  /** Profiles excluded by `// @boards !rp2040 !puck`. */
  excludedBoards: string[];
  /** Per-board builds excluded by `// @variants !core` (a script that needs more than that build holds). */
  excludedVariants: string[];
  /**
   * `// @module path/to/entry.ts`: the script loads, as `microjwt`, a module
   * built from that entry (package-relative; it must end in one `export
   * default`) by the device pipeline, instead of dist/microjwt.min.js: for
   * code that is not in the public API.
   */
  module?: string;
}

const directive = (text: string, name: string): string[] => {
  const head = text.split('\n').slice(0, 5);
  for (const line of head) {
    const m = new RegExp('^\\s*//\\s*@' + name + '\\s+(.*)$').exec(line);
    if (m) return m[1].trim().split(/\s+/).filter(Boolean);
  }
  return [];
};

export const deviceTestDir = (): string => join(packageRoot(), 'test', 'device');

export const listDeviceScripts = (dir = deviceTestDir()): DeviceScript[] =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.js') && !f.startsWith('_'))
    .sort()
    .map((f) => {
      const text = readFileSync(join(dir, f), 'utf8');
      return {
        name: f,
        file: join(dir, f),
        text,
        vectors: directive(text, 'vectors'),
        excludedBoards: directive(text, 'boards').filter((b) => b.startsWith('!')).map((b) => b.slice(1)),
        excludedVariants: directive(text, 'variants').filter((b) => b.startsWith('!')).map((b) => b.slice(1)),
        module: directive(text, 'module')[0],
      };
    });

/**
 * The repository's copy of the public known-answer vectors (test/vectors/,
 * copied from the project's shared vectors; test/vectors.test.ts says when
 * the copy is stale), so a clone needs nothing outside itself.
 */
export const vectorsFile = (): string => join(packageRoot(), 'test', 'vectors', 'public-vectors.json');

let allVectors: Record<string, unknown> | undefined;

/** The sub-tree of the public vectors named by dotted paths, nested as in the file. */
export const pickVectors = (paths: string[]): Record<string, unknown> => {
  if (!paths.length) return {};
  if (!allVectors) {
    const file = vectorsFile();
    if (!existsSync(file)) throw new Error('vectors file not found: ' + file);
    allVectors = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  }
  const out: Record<string, unknown> = {};
  for (const path of paths) {
    const parts = path.split('.');
    let src: unknown = allVectors;
    let dst = out;
    parts.forEach((p, i) => {
      if (src === null || typeof src !== 'object' || !(p in (src as object))) throw new Error('no vectors at ' + path);
      src = (src as Record<string, unknown>)[p];
      if (i === parts.length - 1) dst[p] = src;
      else dst = (dst[p] ??= {}) as Record<string, unknown>;
    });
  }
  return out;
};

/** The full text a runner sends: harness, VECTORS (if asked for), the script, then __done(). */
export const composeDeviceScript = (script: DeviceScript | string): string => {
  const s = typeof script === 'string' ? { text: script, vectors: directive(script, 'vectors') } : script;
  const harness = readFileSync(join(deviceTestDir(), '_harness.js'), 'utf8');
  const vectors = s.vectors.length ? 'var VECTORS = ' + JSON.stringify(pickVectors(s.vectors)) + ';\n' : '';
  return harness + '\n' + vectors + s.text + '\n__done();\n';
};

export interface Verdict {
  ok: boolean;
  passed: number;
  failed: number;
  /** Why it is not ok (FAIL lines, missing summary, uncaught error). */
  reason?: string;
}

/** Passes only when the last line is `N passed, 0 failed` with N > 0 and nothing went uncaught. */
export const judge = (output: string, error?: string): Verdict => {
  const lines = output.split('\n').map((l) => l.trim()).filter(Boolean);
  const last = lines[lines.length - 1] ?? '';
  // ", N skipped": checks of code that this board's build leaves out (NotSupportedError ERR_NOT_IN_BUILD).
  const m = /^(\d+) passed, (\d+) failed(?:, \d+ skipped[^\n]*)?$/.exec(last);
  const passed = m ? Number(m[1]) : 0;
  const failed = m ? Number(m[2]) : 0;
  const fails = lines.filter((l) => l.startsWith('FAIL '));
  const problems: string[] = [];
  if (error) problems.push('uncaught: ' + error);
  if (!m) problems.push('last line is not "N passed, N failed": ' + JSON.stringify(last));
  else if (passed === 0) problems.push('no test passed');
  if (failed > 0 || fails.length) problems.push(...fails);
  return { ok: problems.length === 0, passed, failed, reason: problems.length ? problems.join('\n') + '\n--- output ---\n' + output : undefined };
};
