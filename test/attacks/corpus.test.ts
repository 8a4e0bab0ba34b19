// The attack corpus on Node, from the sources and from the built module that
// boards load: every case gives its expected verdict (only the library's
// typed errors), and no error message carries a key or a whole token.
import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import source from '../../src/index';
import { corpus, E } from './corpus';
import { forbiddenTexts, runOnNode } from './runner';
import type { Microjwt } from './calls';

const CASES = corpus();
const root = join(__dirname, '..', '..');
const MIN = join(root, 'dist', 'microjwt.min.js');

const modules: [string, Microjwt][] = [['src', source]];
// `npm test` builds first; a bare `vitest run` on a fresh clone has no dist yet.
if (existsSync(MIN)) modules.push(['dist/microjwt.min.js', createRequire(join(root, 'package.json'))(MIN) as Microjwt]);

describe('attack corpus', () => {
  it('is large and covers every group of the issue', () => {
    expect(CASES.length).toBeGreaterThan(400);
    const groups = new Set(CASES.map((c) => c.group));
    for (const g of ['alg', 'key', 'crit', 'kid', 'signature', 'segments', 'shape', 'proto', 'duplicates', 'dates', 'nesting', 'length', 'utf8', 'json',
      'jwe-baseline', 'jwe-segments', 'jwe-lengths', 'jwe-pbes2', 'jwe-zip', 'jwe-key', 'jwe-header', 'jwe-length', 'jwe-jwt', 'jwe-flip', 'session']) {
      expect(groups.has(g), g).toBe(true);
    }
    // Every expectation is 'ok' or one of the typed outcomes listed in E.
    const known = new Set(Object.values(E));
    for (const c of CASES) if (c.call !== 'sessions') expect(c.expect === 'ok' || known.has(c.expect), c.name).toBe(true);
  });

  for (const [label, mj] of modules) {
    describe(label, () => {
      it.for(CASES.map((c) => [c.name, c] as const))('%s', ([, c]) => {
        const started = Date.now();
        const { verdict, error } = runOnNode(mj, c);
        expect(verdict).toBe(c.expect);
        if (c.message !== undefined) expect((error as Error).message).toBe(c.message);
        expect(Date.now() - started, 'bounded work').toBeLessThan(2000);
      });
    });
  }

  it('no error message (or its String form or stack) contains a key, a secret or a whole token', () => {
    let scanned = 0;
    for (const c of CASES) {
      const { error } = runOnNode(source, c);
      if (!error) continue;
      const e = error as Error;
      const texts = [e.message, String(e), e.stack ?? ''];
      for (const bad of forbiddenTexts(c)) {
        for (const t of texts) expect(t.includes(bad), c.name + ': message leaks ' + JSON.stringify(bad.slice(0, 20)) + '...').toBe(false);
      }
      scanned++;
    }
    expect(scanned).toBeGreaterThan(300);
  });

  it('error messages stay short and on one line, whatever the token holds', () => {
    for (const c of CASES) {
      const { error } = runOnNode(source, c);
      if (!error) continue;
      const m = (error as Error).message;
      expect(m.length, c.name + ': ' + m.slice(0, 120)).toBeLessThanOrEqual(200);
      expect(/[\u0000-\u001f\u007f]/.test(m), c.name + ': control character in ' + JSON.stringify(m)).toBe(false);
    }
  });
});

describe('device recipes', () => {
  it('a compressed token expands to the same token', async () => {
    const { compressToken } = await import('./runner');
    const { tokenOf } = await import('./corpus');
    let compressed = 0;
    for (const c of CASES) {
      if (typeof c.token !== 'string') continue;
      const r = compressToken(c.token);
      expect(tokenOf(r), c.name).toBe(c.token);
      if (typeof r !== 'string') compressed++;
    }
    expect(compressed).toBeGreaterThan(5);
  });
});
