// `evenhand recover`: put right what an interrupted evenhand command left behind (issue 10), the
// way the command itself would have: each complete, valid entry it wrote but did not commit gets
// its own commit with the command's subject and trailers; temporary files, empty case folders and
// the lock's leftover files go. What is not complete or not valid is reported, never committed,
// and an entry edited after it was committed is never "recovered": it is put back with
// `git restore` and changed with `evenhand correct`.
import type { Env } from '../env.js';
import { basename, dirname } from 'node:path';
import { uncommittedAdvice } from '../domain/checks.js';
import { candidateAddSubject, entryCaseId, entryCommitTrailers } from '../domain/commit-subjects.js';
import { subjectFor } from '../domain/entry-subject.js';
import { commitPathsLocked, withWriteLock } from '../store/commit.js';
import * as L from '../store/leftovers.js';
import { parseCaseFiles, readRegister, requireConfig } from '../store/register-store.js';
import { requireGitDir } from '../store/repo-state.js';
import { workTreeChanges } from '../store/work-tree.js';
import { printJson } from '../terminal/output.js';
import { clockOf, recorder } from './common.js';

interface RecoverOptions {
  dryRun?: boolean;
  json?: boolean;
}

interface Problem {
  file: string;
  message: string;
  hint?: string;
}

export async function runRecover(env: Env, opts: RecoverOptions): Promise<number> {
  type Entry = import('../domain/schemas.js').Entry;

  const dir = env.registerDir;
  await requireConfig(dir);
  const gitDir = await requireGitDir(dir);
  const dry = Boolean(opts.dryRun);
  // Listed before the lock is taken: taking it removes them (src/store/lock.ts).
  const strayLocks = await L.strayLockFiles(dir, gitDir);

  const committed: { file: string; subject: string; with: string[] }[] = [];
  const removed: { path: string; what: string }[] = [];
  const problems: Problem[] = [];

  const work = async (lockedGitDir?: string) => {
    const changes = await workTreeChanges(dir);
    if (!changes) return;
    const register = await readRegister(dir);
    const errorOf = new Map<string, { message: string; hint?: string }>();
    for (const f of register.findings) if (f.severity === 'error' && f.file && !errorOf.has(f.file)) errorOf.set(f.file, { message: `${f.path ? `${f.path}: ` : ''}${f.message}`, hint: f.hint });

    const added = new Set(changes.added);
    const taken = new Set<string>();
    const plan: { file: string; entry?: Entry; candidate?: { id: string; status: string; incumbent?: boolean }; extra: string[]; at: string }[] = [];
    for (const file of changes.added) {
      const isEntry = /^cases\/.+\.ya?ml$/.test(file) && !file.includes('/attachments/');
      const isCandidate = /^candidates\/[^/]+\.ya?ml$/.test(file);
      if (!isEntry && !isCandidate) continue;
      const bad = errorOf.get(file);
      if (bad) {
        problems.push({ file, message: `not committed: not a complete, valid ${isEntry ? 'entry' : 'candidate'}: ${bad.message}`, hint: 'fix it so `evenhand check` accepts it and run `evenhand recover` again, or delete it if it was never meant to be recorded' });
        continue;
      }
      if (isCandidate) {
        const c = [...register.candidates.values()].find((x) => x.file === file);
        if (c) plan.push({ file, candidate: c.value, extra: [], at: '' });
        continue;
      }
      // The file as written (a record read back has its corrections applied).
      const folder = dirname(file);
      const caseId = basename(folder);
      const text = L.leftFileText(dir, file);
      const raw = text === undefined ? undefined : parseCaseFiles(caseId, folder, [{ name: basename(file), text }], []);
      const loaded = raw?.request ?? raw?.entries[0];
      if (!loaded) {
        problems.push({ file, message: 'not committed: cannot be read as an entry', hint: 'run `evenhand check` for why' });
        continue;
      }
      const entry = loaded.value;
      const extra: string[] = [];
      let missing: string | undefined;
      if (entry.kind === 'response')
        for (const a of entry.attachments) {
          const p = `${folder}/${a.path}`;
          if (!L.registerFileExists(dir, p)) missing = p;
          else if (added.has(p)) extra.push(p);
        }
      if (missing) {
        problems.push({ file, message: `not committed: its attachment ${missing} is missing, so the entry is not complete`, hint: 'record the response again with `evenhand respond`, then delete this file' });
        continue;
      }
      for (const p of extra) taken.add(p);
      plan.push({ file, entry, extra, at: entry.recorded_at });
    }
    for (const file of changes.added)
      if (!taken.has(file) && !plan.some((p) => p.file === file) && !problems.some((p) => p.file === file))
        problems.push(
          file.includes('/attachments/')
            ? { file, message: 'left alone: an attachment no uncommitted response names', hint: 'delete it if nothing needs it (a committed response keeps its own copy)' }
            : { file, message: `left alone: ${uncommittedAdvice(file, false).message}`, hint: uncommittedAdvice(file, false).hint },
        );
    for (const file of changes.modified) {
      const advice = uncommittedAdvice(file, true);
      problems.push({ file, message: `left alone: ${advice.message}`, hint: advice.hint });
    }

    // Candidates first (requests name them), then entries in the order they were recorded.
    plan.sort((a, b) => Number(Boolean(a.entry)) - Number(Boolean(b.entry)) || (a.at < b.at ? -1 : a.at > b.at ? 1 : a.file < b.file ? -1 : 1));
    const who = plan.some((p) => p.candidate) ? await recorder(env) : '';
    for (const p of plan) {
      const subject = p.entry ? subjectFor(entryCaseId(p.entry), p.entry as unknown as { kind: string } & Record<string, unknown>) : candidateAddSubject(p.candidate!);
      if (lockedGitDir) {
        const spec = p.entry
          ? { subject, trailers: entryCommitTrailers(p.entry), date: new Date(p.entry.recorded_at), clock: clockOf(env), fallbackName: p.entry.recorded_by }
          : { subject, trailers: { 'Evenhand-Candidate': p.candidate!.id, 'Evenhand-Entry': 'candidate-add', 'Recorded-By': who }, date: env.now(), clock: clockOf(env), fallbackName: who };
        await commitPathsLocked({ cwd: dir, paths: [p.file, ...p.extra], ...spec }, lockedGitDir);
      }
      committed.push({ file: p.file, subject, with: p.extra });
    }

    const temps = await L.temporaryFiles(dir);
    for (const t of temps) {
      if (lockedGitDir) await L.removeFile(dir, t);
      removed.push({ path: t, what: 'temporary file of an interrupted write' });
    }
    // A case folder is empty once its temporary files are gone (a dry run counts them as gone).
    for (const folder of await L.emptyCaseFolders(dir, temps, !lockedGitDir)) {
      if (lockedGitDir && !(await L.removeEmptyFolder(dir, folder))) continue;
      removed.push({ path: folder, what: 'empty case folder (its request was never written)' });
    }
    for (const l of strayLocks) removed.push({ path: l, what: 'lock file left by a killed evenhand process' });
  };
  if (dry) await work();
  else await withWriteLock(dir, (g) => work(g));

  if (env.json) printJson(env, { dry_run: dry, committed, removed, problems });
  else {
    const would = dry ? 'would commit' : 'committed';
    for (const c of committed) env.stdout.write(`${would} ${c.file}${c.with.length ? ` (with ${c.with.join(', ')})` : ''}: "${c.subject}"\n`);
    for (const r of removed) env.stdout.write(`${dry ? 'would remove' : 'removed'} ${r.path}: ${r.what}\n`);
    for (const p of problems) env.stdout.write(`${p.file}: ${p.message}${p.hint ? ` (hint: ${p.hint})` : ''}\n`);
    const n = committed.length;
    if (n + removed.length + problems.length === 0) env.stdout.write('nothing to recover: every entry is committed and nothing was left behind\n');
    else
      env.stdout.write(
        `${dry ? 'dry run: ' : ''}${n} entr${n === 1 ? 'y' : 'ies'} ${dry ? 'to commit' : 'committed'}, ${removed.length} leftover${removed.length === 1 ? '' : 's'} ${dry ? 'to remove' : 'removed'}, ${problems.length} file${problems.length === 1 ? '' : 's'} for you to deal with${problems.length ? ' (above)' : ''}\n`,
      );
  }
  return problems.length > 0 ? 1 : 0;
}
