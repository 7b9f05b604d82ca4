// A cold audit reads the entry files in a worker thread while it reads the history when the machine
// has three cores or more (EVENHAND_AUDIT_WORKER=1 forces it, =0 refuses it; ADR 0040). The answer
// must be the one the same audit gives reading them on its own thread,
// byte for byte, text and JSON, over a register whose files give findings of every sort the reading
// makes: an entry edited on disk, an entry no commit added, a corrected entry, an invalid entry, a
// file over the size limit and a link in a case folder.
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, caseDir, gitIn, makeRegister, run, setup } from './helpers.js';

async function ok(args: string[]): Promise<string> {
  const r = await setup(args);
  if (r.code !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout).id;
}

describe('a cold audit with its reading in a worker thread', () => {
  it('gives what reading on one thread gives, findings and all', async () => {
    const { reg, alex, bea } = await makeRegister();
    const ask = (candidate: string, subject: string) =>
      ok(['-r', reg, 'request', '--json', '--candidate', candidate, '--received', '2024-04-29', '--channel', 'email', '--category', 'information', '--subject', subject, '--text', 'How many officers are there?']);
    const a = await ask(alex, 'Officer numbers');
    const b = await ask(bea, 'Police stations');
    const d = await ok(['-r', reg, 'decide', a, '--outcome', 'provide', '--by', 'chief-executive', '--on', '2024-04-29', '--json']);
    const r = await ok(['-r', reg, 'respond', a, '--sent', '2024-04-30', '--channel', 'email', '--text', 'There are 3,412 officers.', '--json']);
    await ok(['-r', reg, 'correct', r, '--case', a, '--reason', 'Wording', '--set', 'public_text=Yes: 3,412 officers.', '--json']);
    // Edited on disk after its commit; made invalid; an entry no commit added; a file too large; a link.
    const request = join(reg, caseDir(b), 'request.yaml');
    await writeFile(request, (await readFile(request, 'utf8')).replace('recorded_by: Test SPOC', 'recorded_by: Someone Else'));
    const decision = join(reg, caseDir(a), `${d}.yaml`);
    const decisionText = await readFile(decision, 'utf8');
    await writeFile(join(reg, caseDir(a), 'decision-zzzz.yaml'), decisionText.replace(`id: ${d}`, 'id: decision-zzzz'));
    await writeFile(decision, 'kind: decision\nid: [\n');
    await mkdir(join(reg, 'cases/2024-04/2024-0430-zzzz'), { recursive: true });
    await writeFile(join(reg, 'cases/2024-04/2024-0430-zzzz/request.yaml'), `kind: request\n${'#'.repeat(1024 * 1024 + 10)}\n`);
    await symlink('/etc/hostname', join(reg, caseDir(a), 'response-link.yaml'));

    // The worker the built CLI starts is there (else EVENHAND_AUDIT_WORKER=1 would read on one thread too).
    expect(existsSync(join(ROOT, 'dist', 'bundle-cjs', 'audit-reader.cjs'))).toBe(true);
    for (const json of [[], ['--json']]) {
      const inWorker = await run(['-r', reg, 'audit', '--no-cache', ...json], { env: { EVENHAND_AUDIT_WORKER: '1' } });
      const oneThread = await run(['-r', reg, 'audit', '--no-cache', ...json], { env: { EVENHAND_AUDIT_WORKER: '0' } });
      expect(inWorker.stderr).toBe(oneThread.stderr);
      expect(inWorker.stdout).toBe(oneThread.stdout);
      expect(inWorker.code).toBe(oneThread.code);
      expect(inWorker.stderr).not.toMatch(/\n\s+at /); // no stack trace
    }
    const text = (await run(['-r', reg, 'audit', '--no-cache'])).stdout;
    // What the reading found is in the answer: the edited entry (read from disk), the invalid one,
    // the file no commit added, the correction's fields.
    expect(text).toContain('recorded by Someone Else');
    expect(text).toContain(`corrects ${r}: public_text (reason: Wording)`);
    const json = JSON.parse((await run(['-r', reg, 'audit', '--no-cache', '--json'])).stdout) as { problems: { code: string; file: string | null }[] };
    expect(json.problems.map((p) => `${p.code} ${p.file}`)).toEqual(
      expect.arrayContaining([
        `uncommitted-change ${caseDir(b)}/request.yaml`,
        `unreadable-entry ${caseDir(a)}/${d}.yaml`,
        `not-in-history ${caseDir(a)}/decision-zzzz.yaml`,
      ]),
    );
  });

  it('refuses a damaged repository with a clear message and no stack trace, in the worker or not', async () => {
    const { reg, alex } = await makeRegister();
    for (const subject of ['One', 'Two'])
      await ok(['-r', reg, 'request', '--json', '--candidate', alex, '--received', '2024-04-29', '--channel', 'email', '--category', 'information', '--subject', subject, '--text', 'How many?']);
    // The tree of the first commit gone from the object store: git log cannot show what it changed.
    const first = (await gitIn(reg, ['rev-list', '--max-parents=0', 'HEAD'])).trim();
    const tree = (await gitIn(reg, ['rev-parse', `${first}^{tree}`])).trim();
    const gitDir = (await gitIn(reg, ['rev-parse', '--absolute-git-dir'])).trim();
    await rm(join(gitDir, 'objects', tree.slice(0, 2), tree.slice(2)));
    for (const worker of ['0', '1']) {
      const r = await run(['-r', reg, 'audit', '--no-cache'], { env: { EVENHAND_AUDIT_WORKER: worker } });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/git log failed \(exit \d+\), so the history cannot be audited: .*fatal/);
      expect(r.stderr).toMatch(/hint: the repository may be damaged: run `git fsck --full`/);
      expect(r.stderr).not.toMatch(/internal error|this is a bug|\n\s+at /);
    }
  });
});
