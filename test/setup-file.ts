// Run before every test file of the CLI project (vitest.config.ts setupFiles): the file's temporary
// folders are removed when it ends. test/helpers.ts is loaded once per worker (isolate: false), so
// it cannot register this itself.
import { afterAll } from 'vitest';
import { removeTempDirs } from './helpers.js';

afterAll(removeTempDirs);
