// The public-case cache is keyed by everything a case's public form depends on: its own files as
// read, the candidates' identity forms and the register's organisations. Each change here must
// make the case built again; nothing else may.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { BuiltCase } from '../domain/public-view.js';
import type { CaseRecord, Loaded, Register } from '../domain/register-model.js';
import type { CaseEntry, RequestEntry } from '../domain/schemas.js';
import type { ParseCache } from './parse-cache.js';
import { openPublicCaseCache } from './public-case-cache.js';
import { provenanceOf } from '../domain/provenance.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function repo(): string {
  const dir = mkdtempSync(join(tmpdir(), 'evenhand-public-cases-'));
  dirs.push(dir);
  execFileSync('git', ['init', '-q'], { cwd: dir });
  writeFileSync(join(dir, 'register.yaml'), 'x');
  return dir;
}

/** A parse cache that knows the hashes given (only hashOf is used by the public-case cache). */
function hashes(byFile: Record<string, string>): ParseCache {
  return { parse: () => { throw new Error('not used'); }, hashOf: (file) => byFile[file], save: () => {} };
}

const loaded = <T>(file: string, value: object): Loaded<T> => ({ file, value: value as T, lines: {} });

function register(opts: { alias?: string; organisation?: string; record: CaseRecord }): Register {
  return {
    config: { organisations: opts.organisation ? [{ id: 'force', name: opts.organisation }] : [] } as unknown as Register['config'],
    configFile: 'register.yaml',
    candidates: new Map([['c-1', loaded('candidates/c-1.yaml', { id: 'c-1', name: 'Alex Morgan', aliases: opts.alias ? [opts.alias] : [], emails: [], phones: [], handles: [] })]]) as Register['candidates'],
    cases: new Map([[opts.record.id, opts.record]]),
    findings: [],
  };
}

const record = (entries: Loaded<CaseEntry>[] = [], withdrawn?: Loaded<CaseEntry>[]): CaseRecord => ({
  id: '2024-0401-abcd',
  folder: 'cases/2024-04/2024-0401-abcd',
  request: loaded<RequestEntry>('cases/2024-04/2024-0401-abcd/request.yaml', { kind: 'request' }),
  entries,
  ...(withdrawn ? { withdrawn } : {}),
});
const built = (question: string): BuiltCase => ({ pub: { reference: '2024-0401-abcd', question } as BuiltCase['pub'], sources: { clarifications: [] } });
const REQ = 'cases/2024-04/2024-0401-abcd/request.yaml';
const DEC = 'cases/2024-04/2024-0401-abcd/decision-1.yaml';

/** Keep a built case under one set of inputs, save, and ask for it again under another. */
async function keptThenAsked(dir: string, first: { reg: Register; rec: CaseRecord; files: Record<string, string> }, then: { reg: Register; rec: CaseRecord; files: Record<string, string> }) {
  const a = (await openPublicCaseCache(dir, first.reg, hashes(first.files)))!;
  expect(a.built(first.rec)).toBeUndefined();
  a.keep(first.rec, built('What is the budget?'));
  a.keepLeaks(first.rec.id, [{ field: 'question', candidateId: 'c-1', form: 'Wolfie' }]);
  a.save();
  const b = (await openPublicCaseCache(dir, then.reg, hashes(then.files)))!;
  return { case: b.built(then.rec), leaks: b.leaks(then.rec.id) };
}

describe('public-case cache', () => {
  it('gives a case back, with what the identifiable rule found in it, when nothing it depends on changed', async () => {
    const dir = repo();
    const rec = record();
    const same = { reg: register({ record: rec }), rec, files: { [REQ]: 'h1' } };
    const got = await keptThenAsked(dir, same, same);
    expect(got.case?.pub.question).toBe('What is the budget?');
    expect(got.leaks).toEqual([{ field: 'question', candidateId: 'c-1', form: 'Wolfie' }]);
  });

  it('builds the case again when one of its files, its list of entries, a withdrawn entry, a form or an organisation changed', async () => {
    const rec = record();
    const base = { reg: register({ record: rec }), rec, files: { [REQ]: 'h1' } };
    const decision = loaded<CaseEntry>(DEC, { kind: 'decision' });
    const withEntry = record([decision]);
    const withWithdrawn = record([], [decision]);
    const changes = [
      { ...base, files: { [REQ]: 'h2' } },
      { reg: register({ record: withEntry }), rec: withEntry, files: { [REQ]: 'h1', [DEC]: 'd1' } },
      { reg: register({ record: withWithdrawn }), rec: withWithdrawn, files: { [REQ]: 'h1', [DEC]: 'd1' } },
      { ...base, reg: register({ record: rec, alias: 'Wolfie' }) },
      { ...base, reg: register({ record: rec, organisation: 'Wessex Police' }) },
      // A file this run did not parse: no key, never a hit.
      { ...base, files: {} },
    ];
    for (const then of changes) {
      const got = await keptThenAsked(repo(), base, then);
      expect(got.case).toBeUndefined();
      expect(got.leaks).toBeUndefined();
    }
  });

  it('gives a copy when the same case is asked for twice in a run, and starts empty with fresh (--no-cache)', async () => {
    const dir = repo();
    const rec = record();
    const reg = register({ record: rec });
    const a = (await openPublicCaseCache(dir, reg, hashes({ [REQ]: 'h1' })))!;
    a.keep(rec, built('Q'));
    a.save();
    const b = (await openPublicCaseCache(dir, reg, hashes({ [REQ]: 'h1' })))!;
    const one = b.built(rec)!;
    const two = b.built(rec)!;
    expect(two).toEqual(one);
    expect(two).not.toBe(one);
    expect(b.stats).toEqual({ reused: 1, built: 0 });
    // Nothing new: the file is not written again (a write replaces it, so a new inode).
    const file = join(dir, '.git', 'evenhand', 'cache', 'public-cases.bin');
    const inode = statSync(file).ino;
    b.save();
    expect(statSync(file).ino).toBe(inode);
    const fresh = (await openPublicCaseCache(dir, reg, hashes({ [REQ]: 'h1' }), { fresh: true }))!;
    expect(fresh.built(rec)).toBeUndefined();
  });

  it("names each case it gives or keeps by its key (the page keys' provenance), the same key for the same inputs only", async () => {
    const dir = repo();
    const rec = record();
    const reg = register({ record: rec });
    const first = (await openPublicCaseCache(dir, reg, hashes({ [REQ]: 'h1' })))!;
    const made = built('What is the budget?');
    first.keep(rec, made);
    first.save();
    const kept = provenanceOf(made.pub);
    expect(kept).toBeDefined();
    // Read back under the same inputs: a fresh object, named by the same key.
    const again = (await openPublicCaseCache(dir, reg, hashes({ [REQ]: 'h1' })))!;
    const given = again.built(rec)!;
    expect(given.pub).not.toBe(made.pub);
    expect(provenanceOf(given.pub)).toBe(kept);
    // Asked twice in one run: a copy, named the same.
    expect(provenanceOf(again.built(rec)!.pub)).toBe(kept);
    // Other inputs: built anew, and named by another key.
    const changed = (await openPublicCaseCache(dir, reg, hashes({ [REQ]: 'h2' })))!;
    expect(changed.built(rec)).toBeUndefined();
    const remade = built('What is the budget?');
    changed.keep(rec, remade);
    expect(provenanceOf(remade.pub)).toBeDefined();
    expect(provenanceOf(remade.pub)).not.toBe(kept);
  });
});
