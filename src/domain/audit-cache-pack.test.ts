// The audit's cache packed as a string table and rows of numbers (ADR 0035): what is unpacked is
// the cache that was packed, and resuming from it gives what the whole pass gives; a packed value
// that does not hold together is no cache at all.
import { deserialize, serialize, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { HistoryAuditor, auditHistory, type EntryOnDisk, type HistoryCommit } from './audit.js';
import { AUDIT_CACHE_VERSION, compactForAudit, snapshotOf, type AuditCache } from './audit-resume.js';
import { packAuditCache, packedAuditCacheFromPieces, packedAuditCachePieces, unpackAuditCache, type PackedAuditCache } from './audit-cache-pack.js';

const A = '2024-0408-k7q2';
const B = '2024-0409-m3x9';
const folder = (c: string) => `cases/2024-04/${c}`;
const sha = (n: number) => n.toString(16).padStart(40, '0');

function commit(n: number, changes: HistoryCommit['changes'], kind: string, id: string, caseId: string, over: Partial<HistoryCommit> = {}): HistoryCommit {
  const at = `2024-04-${String(8 + n).padStart(2, '0')}T10:00:00.000Z`;
  return {
    sha: sha(n),
    parents: n > 1 ? [sha(n - 1)] : [],
    authorName: n % 2 ? 'Sam' : 'Alex',
    authorEmail: 'sam@example.org',
    authorDate: at,
    commitDate: at,
    subject: `${kind} ${caseId}: something`,
    body: `Evenhand-Case: ${caseId}\nEvenhand-Entry: ${kind} ${id}\nRecorded-By: Sam SPOC\nEvenhand-Clock: ${n === 3 ? 'fixed 2024-01-01T00:00:00Z' : 'system'}\n`,
    changes,
    ...over,
  };
}

const files = {
  reqA: `${folder(A)}/request.yaml`,
  resA: `${folder(A)}/response-m3x9.yaml`,
  reqB: `${folder(B)}/request.yaml`,
  corB: `${folder(B)}/correction-x2x2.yaml`,
  attA: `${folder(A)}/attachments/letter.pdf`,
};
const history: HistoryCommit[] = [
  commit(1, [{ status: 'A', path: files.reqA }], 'request', A, A),
  commit(2, [{ status: 'A', path: files.resA }, { status: 'A', path: files.attA }], 'response', 'response-m3x9', A, { signature: 'G' }),
  commit(3, [{ status: 'A', path: files.reqB }], 'request', B, B, { commitDate: '2024-04-11T10:00:01.000Z' }),
  commit(4, [{ status: 'A', path: files.corB }], 'correction', 'correction-x2x2', B),
  { ...commit(5, [{ status: 'D', path: files.reqA }], 'request', A, A), subject: 'by hand' },
];
const entry = (file: string, caseId: string, kind: string, id: string, more: Partial<EntryOnDisk> = {}): EntryOnDisk => ({
  file,
  case: caseId,
  kind,
  id,
  recorded_by: 'Sam SPOC',
  recorded_at: '2024-04-09T10:00:00.000Z',
  ...more,
});
const disk = new Map<string, EntryOnDisk>(
  [
    entry(files.resA, A, 'response', 'response-m3x9', { subject_fields: { channel: 'email', sent_on: '2024-04-09', withheld: false } }),
    entry(files.reqB, B, 'request', B, { subject_fields: { category: 'visit', channel: 'email', foi: true } }),
    // A correction as the full parse gives it: its own fields, one of them present but undefined.
    entry(files.corB, B, 'correction', 'correction-x2x2', { corrects: B, reason: undefined, set: { channel: 'post', tags: ['a', 1, true] } }),
    entry(`${folder(B)}/decision-zz99.yaml`, B, 'decision', 'decision-zz99'),
  ].map((e) => [e.file, e]),
);

function cacheAfter(commits: HistoryCommit[]): AuditCache {
  const a = new HistoryAuditor(disk, { invalidFiles: new Set([`${folder(A)}/broken.yaml`]) });
  for (const c of commits) a.push(c);
  const folders = [{ id: A, folder: folder(A) }, { id: B, folder: folder(B) }, { id: 'empty', folder: 'cases/2024-04/empty' }];
  return {
    version: AUDIT_CACHE_VERSION,
    tip: commits.at(-1)!.sha,
    signatures: false,
    replaced: 'refs/replace/x y\n',
    state: a.state,
    disk: snapshotOf(folders, disk.values(), [`${folder(A)}/broken.yaml`, 'cases/2024-04/link']),
    untrusted: [files.reqB],
  };
}

/** Through the packing and v8, as a cache file goes. */
const roundTrip = (c: AuditCache) => unpackAuditCache(deserialize(serialize(packAuditCache(c))) as PackedAuditCache);

describe('the packed audit cache', () => {
  it('unpacks to the cache that was packed: state, disk snapshot, keys present and absent', () => {
    const c = cacheAfter(history);
    expect(c.state.problems.length).toBeGreaterThan(0);
    expect(c.state.entries.some((r) => r.attachments)).toBe(true);
    const back = roundTrip(c)!;
    expect(back).toEqual(c);
    // toEqual passes over undefined keys: compare what the resume compares (JSON of each entry) too.
    const json = (x: AuditCache) => JSON.stringify([...x.disk.folders].map(([k, f]) => [k, f.id, f.invalid, f.entries]));
    expect(json(back)).toBe(json(c));
    expect(Object.keys([...back.disk.folders.values()][1].entries[1])).toEqual(Object.keys([...c.disk.folders.values()][1].entries[1]));
    expect([...back.state.added.keys()]).toEqual([...c.state.added.keys()]);
    // One commit object for an entry commit, shared by its row and `added`, as in the audit.
    const row = back.state.entries.find((r) => r.file === files.resA)!;
    expect(back.state.added.get(files.attA)).toBe(row.commit);
    expect(row.commit.signature).toBe('G');
    expect('signature' in back.state.entries[0].commit).toBe(false);
  });

  it('is smaller than the cache written as it is (every string once)', () => {
    const c = cacheAfter(history);
    // 300 copies of each folder, each entry its own object with its own path (as on disk).
    const folders = new Map(
      [...Array(300)].flatMap((_, i) =>
        [...c.disk.folders].map(([k, f]) => [`${k}-${i}`, { ...f, entries: f.entries.map((e) => ({ ...e, file: `${e.file}-${i}`, id: `${e.id}-${i}` })) }] as const),
      ),
    );
    const many = { ...c, disk: { ...c.disk, folders } };
    expect(serialize(packAuditCache(many)).length).toBeLessThan(serialize(many).length * 0.7);
  });

  it('resumed from after any commit through the packed cache, gives what the whole pass gives', () => {
    const whole = auditHistory(history, disk, { complete: true });
    for (let cut = 1; cut <= history.length; cut++) {
      const back = roundTrip(cacheAfter(history.slice(0, cut)))!;
      const rest = new HistoryAuditor(disk, {}, back.state);
      for (const c of history.slice(cut)) rest.push(c);
      const resumed = rest.finish({ complete: true });
      expect(resumed.problems).toEqual(whole.problems);
      expect(resumed.entries).toEqual(whole.entries);
      expect([...resumed.addedBy]).toEqual([...whole.addedBy]);
    }
  });

  it('is no cache when it is another version or does not hold together', () => {
    const p = packAuditCache(cacheAfter(history));
    const broken: PackedAuditCache[] = [
      { ...p, version: 1 },
      { ...p, strings: p.strings.slice(0, 3) },
      { ...p, commits: p.commits.subarray(1) },
      { ...p, disk: { ...p.disk, entries: p.disk.entries.subarray(0, p.disk.entries.length - 7) } },
      { ...p, disk: { ...p.disk, corrections: [[99, { corrects: B }]] } },
      { ...p, disk: { ...p.disk, invalid: [[99, ['x']]] } },
      { ...p, state: { ...p.state, attachments: [[99, ['x']]] } },
      { ...p, state: { ...p.state, rows: Uint32Array.from([0, 999]) } },
    ];
    expect(unpackAuditCache(p)).toBeDefined();
    expect(unpackAuditCache(undefined)).toBeUndefined();
    for (const b of broken) expect(unpackAuditCache(b)).toBeUndefined();
  });
});

describe('what the audit keeps of an entry file', () => {
  it('keeps no entry file alive: values of 13 characters and more are copied out of the text (V8 slices those)', () => {
    // 300 files of 200 KB whose 13-character ids (and a correction's fields) are kept after
    // compactForAudit, the files themselves dropped: 60 MB if any value still points into them.
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    gc();
    const before = process.memoryUsage().heapUsed;
    const kept: EntryOnDisk[] = [];
    for (let i = 0; i < 300; i++) {
      const text = `${'x'.repeat(200_000)}${String(i).padStart(13, '-')}reasons given by hand ${i}`;
      const at = 200_000;
      const id = text.slice(at, at + 13);
      kept.push({ file: `f${i}`, case: 'c', kind: 'response', id, recorded_by: 'Sam', recorded_at: '2024-04-09T10:00:00Z', corrects: id, reason: text.slice(at + 13), set: { channel: id } });
    }
    compactForAudit(kept);
    gc();
    const grown = process.memoryUsage().heapUsed - before;
    expect(kept[299].id).toBe('----------299');
    expect(grown).toBeLessThan(20 * 1024 * 1024);
  });

  it('is written in pieces that give back the same packed cache, and pieces that do not fit are no cache', () => {
    const strings = Array.from({ length: 40_000 }, (_, i) => `string ${i}`);
    const packed = { version: 2, tip: sha(9), strings, commits: Uint32Array.of(1, 2, 3) } as unknown as PackedAuditCache;
    const pieces = [...packedAuditCachePieces(packed)];
    // The table in slices: no piece holds it whole.
    expect(pieces.length).toBeGreaterThan(2);
    expect(pieces.every((p) => !Array.isArray(p) || p.length < strings.length)).toBe(true);
    const back = packedAuditCacheFromPieces(deserialize(serialize(pieces)) as unknown[]);
    expect(back).toEqual(packed);
    expect(packedAuditCacheFromPieces(pieces.slice(0, -1))).toBeUndefined();
    expect(packedAuditCacheFromPieces([])).toBeUndefined();
    expect(packedAuditCacheFromPieces(undefined)).toBeUndefined();
    expect(packedAuditCacheFromPieces([pieces[0], 'not a slice'])).toBeUndefined();
  });
});
