import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // The JSON report is what .ci/run reads for its closing `N passed, N failed` line.
    reporters: ['default', ['json', { outputFile: 'test-results.json' }]],
  },
});
