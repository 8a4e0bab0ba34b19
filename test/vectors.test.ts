// The tests read the known-answer vectors from the repository's own copy
// (test/vectors/public-vectors.json), so a clone needs nothing beside it. The
// project's shared vectors may keep growing: where they sit beside the
// repository (../shared), this says when the copy has fallen behind.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { vectorsFile } from '../src/host/devicetests';
import { packageRoot } from '../src/host/paths';

const shared = join(packageRoot(), '..', 'shared', 'vectors', 'public-vectors.json');

describe('vectors copy', () => {
  it('lives in the repository and parses', () => {
    expect(vectorsFile().startsWith(packageRoot())).toBe(true);
    const v = JSON.parse(readFileSync(vectorsFile(), 'utf8'));
    expect(v.primitives.sha.length).toBeGreaterThan(0);
  });
  (existsSync(shared) ? it : it.skip)('matches ../shared/vectors/public-vectors.json (copy it again when this fails)', () => {
    expect(JSON.parse(readFileSync(vectorsFile(), 'utf8'))).toEqual(JSON.parse(readFileSync(shared, 'utf8')));
  });
});
