// Shared by the containment and attachment tests: a register with one decided case, built once per
// test file and copied (with its git history) into a fresh folder for each test.
import { cp } from 'node:fs/promises';
import { join } from 'node:path';
import { caseDir, makeRegister, run, tempDir } from './helpers.js';

export interface DecidedCase {
  dir: string;
  alex: string;
  caseId: string;
}

export async function registerWithDecidedCase(): Promise<DecidedCase> {
  const { dir, reg, alex } = await makeRegister();
  const r = await run(['-r', reg, 'request', '--json', '--candidate', alex, '--received', '2024-04-15', '--channel', 'email', '--category', 'budget', '--subject', 'Overtime', '--text', 'How much overtime?']);
  if (r.code !== 0) throw new Error(r.stderr);
  const caseId = JSON.parse(r.stdout).id as string;
  const d = await run(['-r', reg, 'decide', caseId, '--outcome', 'provide', '--by', 'chief-executive', '--on', '2024-04-16']);
  if (d.code !== 0) throw new Error(d.stderr);
  return { dir, alex, caseId };
}

/** A fresh copy of the base register: its folder, the register inside it and the case's folder. */
export async function copyOf(base: DecidedCase) {
  const dir = await tempDir();
  await cp(base.dir, dir, { recursive: true });
  return { dir, reg: join(dir, 'register'), caseId: base.caseId, folder: caseDir(base.caseId) };
}
