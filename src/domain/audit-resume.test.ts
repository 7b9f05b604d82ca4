// Unit tests of resuming an audit (docs/decisions/0027-incremental-audit.md): a resumed audit gives
// what a whole one gives, and the decisions of when a cache may be used.
import { describe, expect, it } from 'vitest';
import { deserialize, serialize } from 'node:v8';
import { HistoryAuditor, auditHistory, consultedFiles, type AuditState, type EntryOnDisk, type HistoryCommit } from './audit.js';
import { caseFolderOf, diskView, foldersToRead, isLinearExtension, patchSnapshot, snapshotOf } from './audit-resume.js';

const A = '2024-0408-k7q2';
const B = '2024-0409-m3x9';
const folder = (c: string) => `cases/2024-04/${c}`;
const sha = (n: number) => n.toString(16).padStart(40, '0');

function entryCommit(n: number, file: string, kind: string, id: string, caseId: string, over: Partial<HistoryCommit> = {}): HistoryCommit {
  const at = `2024-04-${String(8 + n).padStart(2, '0')}T10:00:00.000Z`;
  return {
    sha: sha(n),
    parents: n > 1 ? [sha(n - 1)] : [],
    authorName: 'Sam',
    authorEmail: 'sam@example.org',
    authorDate: at,
    commitDate: at,
    subject: `${kind} ${caseId}: something`,
    body: `Evenhand-Case: ${caseId}\nEvenhand-Entry: ${kind} ${id}\nRecorded-By: Sam SPOC\nEvenhand-Clock: ${n === 3 ? 'fixed 2024-01-01T00:00:00Z' : 'system'}\n`,
    changes: [{ status: 'A', path: file }],
    ...over,
  };
}

const onDisk = (entries: [string, string, string, string, string][]): Map<string, EntryOnDisk> =>
  new Map(entries.map(([file, caseId, kind, id, at]) => [file, { file, case: caseId, kind, id, recorded_by: 'Sam SPOC', recorded_at: at }]));

// Five commits: a request, a decision, a fixed-clock one, a backdated one (a warning, late-entry),
// an edit of the first request (tamper-modified): what the checks carry from commit to commit.
const files = {
  reqA: `${folder(A)}/request.yaml`,
  decA: `${folder(A)}/decision-m3x9.yaml`,
  reqB: `${folder(B)}/request.yaml`,
  decB: `${folder(B)}/decision-x2x2.yaml`,
};
const history = [
  entryCommit(1, files.reqA, 'request', A, A),
  entryCommit(2, files.decA, 'decision', 'decision-m3x9', A),
  entryCommit(3, files.reqB, 'request', B, B),
  entryCommit(4, files.decB, 'decision', 'decision-x2x2', B),
  { ...entryCommit(5, files.reqA, 'request', A, A), changes: [{ status: 'M', path: files.reqA }], body: 'Evenhand-Clock: system\n', subject: 'by hand' },
];
const disk = onDisk([
  [files.reqA, A, 'request', A, '2024-04-09T10:00:00.000Z'],
  [files.decA, A, 'decision', 'decision-m3x9', '2024-04-10T10:00:00.000Z'],
  [files.reqB, B, 'request', B, '2024-04-11T10:00:00.000Z'],
  // recorded long before the decision committed ahead of it
  [files.decB, B, 'decision', 'decision-x2x2', '2024-04-01T10:00:00.000Z'],
]);

describe('HistoryAuditor', () => {
  it('resumed after any commit, from a state that went through v8 serialization, gives what the whole pass gives', () => {
    const whole = auditHistory(history, disk, { complete: true });
    expect(whole.problems.map((p) => p.code).sort()).toEqual(['fixed-clock', 'late-entry', 'tamper-date', 'tamper-modified']);
    for (let cut = 0; cut <= history.length; cut++) {
      const first = new HistoryAuditor(disk);
      for (const c of history.slice(0, cut)) first.push(c);
      const state = deserialize(serialize(first.state)) as AuditState;
      const rest = new HistoryAuditor(disk, {}, state);
      for (const c of history.slice(cut)) rest.push(c);
      const resumed = rest.finish({ complete: true });
      expect(resumed.problems).toEqual(whole.problems);
      expect(resumed.entries).toEqual(whole.entries);
      expect([...resumed.addedBy]).toEqual([...whole.addedBy]);
    }
  });

  it('knows which entry files its checks read', () => {
    const a = new HistoryAuditor(disk);
    for (const c of history.slice(0, 2)) a.push(c);
    expect([...consultedFiles(a.state)]).toEqual([files.reqA, files.decA]);
  });
});

describe('resuming', () => {
  it('only over a line of single-parent commits from the cached tip to HEAD', () => {
    const line = history.slice(2);
    expect(isLinearExtension(sha(2), sha(5), line)).toBe(true);
    expect(isLinearExtension(sha(5), sha(5), [])).toBe(true);
    expect(isLinearExtension(sha(1), sha(5), line)).toBe(false); // the first does not follow the tip
    expect(isLinearExtension(sha(2), sha(6), line)).toBe(false); // does not end at HEAD
    expect(isLinearExtension(sha(2), sha(4), [line[0], { ...line[1], parents: [sha(3), sha(9)] }])).toBe(false); // a merge
    expect(isLinearExtension(sha(4), sha(3), [])).toBe(false); // HEAD moved back
  });

  it('finds the case folder of a path in either layout', () => {
    expect(caseFolderOf(`${folder(A)}/request.yaml`)).toBe(folder(A));
    expect(caseFolderOf(`${folder(A)}/attachments/x.pdf`)).toBe(folder(A));
    expect(caseFolderOf(`cases/${A}/request.yaml`)).toBe(`cases/${A}`);
    expect(caseFolderOf(folder(A))).toBe(folder(A));
    expect(caseFolderOf('candidates/c-1.yaml')).toBeUndefined();
  });

  const folders = [{ id: A, folder: folder(A) }, { id: B, folder: folder(B) }];
  const snapshot = snapshotOf(folders, disk.values(), [`${folder(B)}/broken.yaml`, 'cases/2024-04/link']);

  it('reads again the folders git doubts, new folders, and drops those gone', () => {
    expect(snapshot.folders.get(folder(B))?.invalid).toEqual([`${folder(B)}/broken.yaml`]);
    expect(snapshot.listing).toEqual(['cases/2024-04/link']);
    const C = '2024-0410-c3c3';
    const now = [{ id: A, folder: folder(A) }, { id: C, folder: folder(C) }];
    expect(foldersToRead(snapshot, now, [`${folder(A)}/new.yaml`, 'candidates/x.yaml', `${folder(B)}/y.yaml`])).toEqual({
      read: [{ id: C, folder: folder(C) }, { id: A, folder: folder(A) }],
      gone: [folder(B)],
    });
  });

  it('refuses when a file the cached checks read says something else now; takes the new reading otherwise', () => {
    const consulted = new Set([files.reqA, files.decA]);
    const same = snapshotOf([folders[0]], [...disk.values()].filter((e) => e.case === A), []);
    expect(patchSnapshot(snapshot, consulted, [], same)).toBeDefined();
    const edited = snapshotOf([folders[0]], [...disk.values()].filter((e) => e.case === A).map((e) => (e.file === files.reqA ? { ...e, recorded_at: '2024-01-01T00:00:00Z' } : e)), []);
    expect(patchSnapshot(snapshot, consulted, [], edited)).toBeUndefined();
    const invalid = snapshotOf([folders[0]], [...disk.values()].filter((e) => e.file === files.decA), [files.reqA]);
    expect(patchSnapshot(snapshot, consulted, [], invalid)).toBeUndefined();
    expect(patchSnapshot(snapshot, consulted, [folder(A)], snapshotOf([], [], []))).toBeUndefined(); // its folder is gone
    // A file no check read (B's) may change: the new reading replaces the old.
    const newB = snapshotOf([folders[1]], [...disk.values()].filter((e) => e.case === B).map((e) => ({ ...e, recorded_by: 'Someone' })), []);
    const patched = patchSnapshot(snapshot, consulted, [], newB)!;
    expect(diskView(patched).entries.get(files.reqB)?.recorded_by).toBe('Someone');
    expect(diskView(patched).invalidFiles.has(`${folder(B)}/broken.yaml`)).toBe(false);
  });
});
