import { defineConfig } from 'vitest/config';

// Every node process of the run (the test workers, and through testEnv every CLI the tests start)
// would read and parse this certificate bundle at start-up, ~50 ms of CPU each; nothing in the
// tests speaks TLS (docs/decisions/0030-a-fast-test-suite.md).
delete process.env.NODE_EXTRA_CA_CERTS;

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // CLI tests spawn git and node; two cores, so keep the pool small.
    maxWorkers: 2,
    projects: [
      {
        // Unit tests beside the code: pure functions (and a few git calls in their own temporary
        // folders), no module state shared between files, so one worker process runs them all
        // instead of a fresh one per file (isolate: false halves their CPU).
        extends: true,
        test: { name: 'unit', include: ['src/**/*.test.ts'], isolate: false },
      },
      {
        // The CLI through real processes. A worker runs its files one after another in one process
        // (isolate: false), so each file saves a worker start and its imports, and the setup runner
        // (test/helpers.ts `setup`) is started once per worker instead of once per file; the files
        // share no state but the run's fixtures, and test/setup-file.ts removes each file's
        // temporary folders when it ends.
        extends: true,
        test: {
          name: 'cli',
          include: ['test/**/*.test.ts'],
          isolate: false,
          setupFiles: ['test/setup-file.ts'],
          // Fixtures shared by all test files of a run (sharedFixture in test/helpers.ts).
          globalSetup: ['test/global-setup.ts'],
        },
      },
    ],
  },
});
