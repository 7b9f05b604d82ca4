// One folder per `vitest run` for the fixtures test files share (sharedFixture in test/helpers.ts):
// a fixture is built by the first worker that needs it and copied by every test after that.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    fixtureRoot: string;
  }
}

export default async function globalSetup(project: TestProject) {
  const root = await mkdtemp(join(tmpdir(), 'evenhand-fixtures-'));
  project.provide('fixtureRoot', root);
  return async () => {
    await rm(root, { recursive: true, force: true });
  };
}
