import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Fixtures shared by all test files of a run (sharedFixture in test/helpers.ts).
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // CLI tests spawn git and node; two cores, so keep the pool small.
    maxWorkers: 2,
  },
});
