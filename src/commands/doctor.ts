import type { Env } from '../env.js';
import { EXIT } from '../domain/errors.js';
import { appendSetupFindings, applySetupFixes, type SetupFinding } from '../store/append-setup.js';
import { withWriteLock } from '../store/commit.js';
import { requireGitDir } from '../store/repo-state.js';

interface DoctorOptions {
  fix?: boolean;
  json?: boolean;
}

export async function runDoctor(env: Env, opts: DoctorOptions): Promise<number> {
  const gitDir = await requireGitDir(env.registerDir);
  let { findings } = await appendSetupFindings(env.registerDir, gitDir);
  const toFix = findings.filter((f) => f.level === 'fix');
  let fixed: SetupFinding[] = [];
  if (opts.fix && toFix.length) {
    // The index is rewritten: under evenhand's write lock, refused during a rebase or merge.
    await withWriteLock(env.registerDir, () => applySetupFixes(env.registerDir, toFix));
    fixed = toFix;
    findings = (await appendSetupFindings(env.registerDir, gitDir)).findings;
  }
  const missing = findings.filter((f) => f.level === 'fix');
  if (env.json) {
    env.stdout.write(`${JSON.stringify({ register: env.registerDir, findings: findings.map(({ id, level, message, fix }) => ({ id, level, message, fix: fix?.map((a) => `git ${a.join(' ')}`) })), fixed: fixed.map((f) => f.id) }, null, 2)}\n`);
    return missing.length ? EXIT.findings : EXIT.ok;
  }
  for (const f of fixed) env.stdout.write(`fixed: ${f.id}: ran ${(f.fix ?? []).map((a) => `git ${a.join(' ')}`).join(', then ')}\n`);
  for (const f of findings) {
    env.stdout.write(`${f.level === 'fix' ? 'to fix' : 'note'}: ${f.id}: ${f.message}\n`);
    if (f.fix) env.stdout.write(`  fix: ${f.fix.map((a) => `git ${a.join(' ')}`).join(' && ')}  (or: evenhand doctor --fix)\n`);
  }
  if (!missing.length) env.stdout.write(`ok: the repository is set up for fast appends${findings.length ? ' (notes above are its own choices)' : ''}\n`);
  return missing.length ? EXIT.findings : EXIT.ok;
}
