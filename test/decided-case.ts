// Shared by the containment and attachment tests: a register with one decided case, built once per
// run (sharedFixture) and copied (with its git history) into a fresh folder for each test.
import { join } from 'node:path';
import { buildRegister, caseDir, copyFixture, setupId, sharedFixture } from './helpers.js';

export interface DecidedCase {
  /** The template's folder (holding register/): copy it, never write into it. */
  dir: string;
  alex: string;
  caseId: string;
}

export async function registerWithDecidedCase(): Promise<DecidedCase> {
  const f = await sharedFixture('decided case', async (dir) => {
    const { alex } = await buildRegister(dir);
    const reg = join(dir, 'register');
    const caseId = await setupId(['-r', reg, 'request', '--json', '--candidate', alex, '--received', '2024-04-15', '--channel', 'email', '--category', 'budget', '--subject', 'Overtime', '--text', 'How much overtime?']);
    await setupId(['-r', reg, 'decide', caseId, '--outcome', 'provide', '--by', 'chief-executive', '--on', '2024-04-16', '--json']);
    return { alex, caseId };
  });
  return { dir: f.dir, ...f.data };
}

/** A fresh copy of the base register: its folder, the register inside it and the case's folder. */
export async function copyOf(base: DecidedCase) {
  const dir = await copyFixture({ dir: base.dir, data: undefined });
  return { dir, reg: join(dir, 'register'), caseId: base.caseId, folder: caseDir(base.caseId) };
}
