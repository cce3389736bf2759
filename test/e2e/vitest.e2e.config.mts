import { defineConfig } from 'vitest/config';

// Real-editor suites: one editor at a time (each peaks at ~2 GB), long timeouts.
export default defineConfig({
  test: {
    name: 'e2e',
    root: new URL('../..', import.meta.url).pathname,
    include: ['test/e2e/**/*.e2e.test.ts'],
    // The older editors' smoke journey runs when BYOK_E2E_EDITORS names them (`npm run test:e2e:editors`).
    exclude: process.env.BYOK_E2E_EDITORS ? [] : ['test/e2e/editors.e2e.test.ts'],
    environment: 'node',
    pool: 'forks',
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 240_000,
    hookTimeout: 240_000,
    sequence: { concurrent: false },
  },
});
