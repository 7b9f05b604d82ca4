// Unit tests of checking the history against a published log (the git facts made by hand).
import { describe, expect, it } from 'vitest';
import { checkWitness, parseWitness, type AnchorFacts, type Witness } from './anchors.js';
import type { EntryOnDisk, HistoryCommit } from './audit.js';

const A = '2024-0408-k7q2';
const B = '2024-0409-m3x9';
const REQ_A = `cases/2024-04/${A}/request.yaml`;
const REQ_B = `cases/2024-04/${B}/request.yaml`;
const DEC_A = `cases/2024-04/${A}/decision-m3x9.yaml`;
const SHA = 'a'.repeat(40);
const BUILT = '2024-04-10T10:00:00Z';

const witness: Witness = { source: 'site', commit: SHA, entries: 2, references: [A, B] };
const log = (over: Record<string, unknown> = {}) =>
  JSON.stringify({ format: 'evenhand-disclosure-log/1', cases: [{ reference: A }, { reference: B }], built_from: { commit: SHA, entries: 2 }, ...over });

function commitAt(date: string): HistoryCommit {
  return { sha: 'c'.repeat(40), parents: [], authorName: 'S', authorEmail: 's@e', authorDate: date, commitDate: date, subject: 'decide', body: '', changes: [] };
}
const disk = (file: string, recorded_at: string): [string, EntryOnDisk] => [file, { file, case: A, kind: 'decision', id: 'decision-m3x9', recorded_by: 'S', recorded_at }];
const ctx = (added: Map<string, HistoryCommit> = new Map(), onDisk: Map<string, EntryOnDisk> = new Map()) => ({ addedBy: added, onDisk, caseIds: new Set([A, B]) });
const inHistory = (changes: AnchorFacts['changes'] = []): AnchorFacts => ({ exists: true, inHistory: true, date: BUILT, files: [REQ_A, REQ_B], changes });
const codes = (ps: { code: string; severity: string }[]) => ps.map((p) => `${p.severity} ${p.code}`);

describe('parseWitness', () => {
  it('reads the commit, the entry count and the published cases', () => {
    expect(parseWitness(log(), 'site')).toEqual(witness);
  });
  it('refuses what is not an evenhand log, or names no commit', () => {
    expect(() => parseWitness('<html>', 'x')).toThrow(/not JSON/);
    expect(() => parseWitness('{"cases": []}', 'x')).toThrow(/not an evenhand disclosure log/);
    expect(() => parseWitness(log({ built_from: undefined }), 'x')).toThrow(/names no commit/);
    expect(() => parseWitness(log({ built_from: { commit: 'HEAD', entries: 2 } }), 'x')).toThrow(/names no commit/);
  });
});

describe('checkWitness', () => {
  it('an untouched history, and one that only grew (a correction, a new case) passes', () => {
    expect(checkWitness(witness, inHistory(), ctx())).toEqual([]);
    const later = commitAt('2024-04-11T10:00:00Z');
    expect(checkWitness(witness, inHistory([{ status: 'A', path: DEC_A }]), ctx(new Map([[DEC_A, later]]), new Map([disk(DEC_A, later.commitDate)])))).toEqual([]);
  });

  it('a commit gone from the history: the lost commits and cases named', () => {
    const gone = checkWitness(witness, { exists: true, inHistory: false, lost: ['1234567 request x'] }, { ...ctx(), caseIds: new Set([A]) });
    expect(codes(gone)).toEqual(['error published-rewritten', 'error published-case-missing']);
    expect(gone[0].message).toMatch(/no longer in the history of HEAD.*1234567 request x.*Cases it published that are gone: 2024-0409-m3x9/);
    expect(checkWitness(witness, { exists: false, inHistory: false }, ctx())[0].message).toMatch(/this repository does not hold/);
  });

  it('an entry it held changed or removed; an entry added in a commit dated before the build', () => {
    expect(codes(checkWitness(witness, inHistory([{ status: 'M', path: REQ_A }, { status: 'D', path: REQ_B }]), ctx()))).toEqual(['error published-changed', 'error published-changed']);
    const back = commitAt('2024-04-08T10:00:00Z');
    expect(codes(checkWitness(witness, inHistory([{ status: 'A', path: DEC_A }]), ctx(new Map([[DEC_A, back]]), new Map([disk(DEC_A, back.commitDate)]))))).toEqual(['error published-backdated']);
  });

  it('an entry recorded before the build but committed after it, in a published case: a warning', () => {
    const late = commitAt('2024-04-11T10:00:00Z');
    const found = checkWitness(witness, inHistory([{ status: 'A', path: DEC_A }]), ctx(new Map([[DEC_A, late]]), new Map([disk(DEC_A, '2024-04-09T10:00:00Z')])));
    expect(codes(found)).toEqual(['warning published-late-entry']);
  });

  it('a log that does not match its commit', () => {
    expect(codes(checkWitness({ ...witness, entries: 3 }, inHistory(), ctx()))).toEqual(['error published-mismatch']);
    expect(checkWitness({ ...witness, references: [A, B, '2024-0410-zzzz'] }, inHistory(), ctx())[0].message).toMatch(/not the published case 2024-0410-zzzz/);
  });
});
