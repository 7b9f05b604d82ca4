// Unit tests of the pure audit and correction logic, over hand-made history records.
import { describe, expect, it } from 'vitest';
import { MAX_RECORDING_SKEW_MS, auditHistory, classifyPath, parseTrailers, subjectNamesCase, type EntryOnDisk, type HistoryCommit } from './audit.js';
import { buildCorrectionSet, splitSetOption } from './correction.js';
import { LogParser, parseLog } from '../store/history.js';
import type { Entry } from './schemas.js';

const CASE = '2024-0408-k7q2';
const OTHER = '2024-0409-m3x9';
const AT = '2024-04-08T10:00:00.000Z';
let n = 0;

function commit(changes: [string, string][], over: Partial<HistoryCommit> & { entry?: string; caseId?: string } = {}): HistoryCommit {
  const caseId = over.caseId ?? CASE;
  const body = over.entry ? `Evenhand-Case: ${caseId}\nEvenhand-Entry: ${over.entry}\nRecorded-By: Sam SPOC\nEvenhand-Clock: system\n` : '';
  n++;
  return {
    sha: n.toString(16).padStart(40, '0'),
    parents: ['p'],
    authorName: 'Sam',
    authorEmail: 'sam@example.org',
    authorDate: AT,
    commitDate: AT,
    subject: over.entry ? `${over.entry.split(' ')[0]} ${caseId}: something` : 'by hand',
    body,
    changes: changes.map(([status, path]) => ({ status, path })),
    ...over,
  };
}

function disk(file: string, kind: string, id: string, over: Partial<EntryOnDisk> = {}): [string, EntryOnDisk] {
  const caseId = file.split('/')[1];
  return [file, { file, case: caseId, kind, id, recorded_by: 'Sam SPOC', recorded_at: AT, ...over }];
}

const REQ = `cases/${CASE}/request.yaml`;
const DEC = `cases/${CASE}/decision-m3x9.yaml`;
const RESP = `cases/${CASE}/response-a1b2.yaml`;
const ATT = `cases/${CASE}/attachments/response-a1b2-figures.csv`;

const baseDisk = () => new Map([disk(REQ, 'request', CASE), disk(DEC, 'decision', 'decision-m3x9'), disk(RESP, 'response', 'response-a1b2')]);
const baseHistory = () => [
  commit([['A', 'register.yaml'], ['A', '.gitignore'], ['A', 'schemas/request.schema.json']], { subject: 'init register: Test' }),
  commit([['A', 'candidates/c-7k2q.yaml']], { subject: 'candidate add c-7k2q' }),
  commit([['A', REQ]], { entry: `request ${CASE}` }),
  commit([['A', DEC]], { entry: 'decision decision-m3x9' }),
  commit([['A', RESP], ['A', ATT]], { entry: 'response response-a1b2' }),
];
const codes = (r: ReturnType<typeof auditHistory>) => r.problems.map((p) => `${p.code} ${p.file}`);

describe('classifyPath', () => {
  it('knows the register layout', () => {
    expect(classifyPath(REQ)).toEqual({ type: 'entry', case: CASE, id: CASE, name: 'request.yaml' });
    expect(classifyPath(DEC)).toMatchObject({ type: 'entry', id: 'decision-m3x9' });
    expect(classifyPath(ATT)).toEqual({ type: 'attachment', case: CASE });
    expect(classifyPath(`cases/${CASE}/.request.yaml.1.evenhand-tmp`)).toMatchObject({ type: 'case-other' });
    expect(classifyPath('candidates/c-7k2q.yaml')).toEqual({ type: 'roster' });
    expect(classifyPath('register.yaml')).toEqual({ type: 'config' });
    expect(classifyPath('schemas/x.json')).toEqual({ type: 'config' });
    expect(classifyPath('templates/page.hbs')).toEqual({ type: 'other' });
  });

  it('reads month folders (cases/<YYYY-MM>/<case>/) the same as the older flat layout', () => {
    const month = `cases/${CASE.slice(0, 7)}`;
    expect(classifyPath(`${month}/${CASE}/request.yaml`)).toEqual({ type: 'entry', case: CASE, id: CASE, name: 'request.yaml' });
    expect(classifyPath(`${month}/${CASE}/decision-m3x9.yaml`)).toMatchObject({ type: 'entry', case: CASE, id: 'decision-m3x9' });
    expect(classifyPath(`${month}/${CASE}/attachments/a.pdf`)).toEqual({ type: 'attachment', case: CASE });
    // A file dropped straight into a month folder is not an entry of a case called "request.yaml".
    expect(classifyPath(`${month}/stray.yaml`)).toMatchObject({ type: 'case-other' });
  });

  it('reads the last value of each trailer', () => {
    expect(parseTrailers('Intro line\n\nEvenhand-Case: a\nRecorded-By:  Sam  \nEvenhand-Case: b\n')).toEqual(new Map([['Evenhand-Case', 'b'], ['Recorded-By', 'Sam']]));
  });
});

describe('auditHistory', () => {
  it('a clean history: a timeline of entries, attachments beside their response, roster and settings free to change', () => {
    const history = [
      ...baseHistory(),
      commit([['M', 'candidates/c-7k2q.yaml']], { subject: 'candidate update c-7k2q' }),
      commit([['M', 'register.yaml']], { subject: 'Target 12 days' }),
      commit([['D', 'candidates/c-7k2q.yaml']], { subject: 'Erase a candidate' }),
    ];
    const r = auditHistory(history, baseDisk(), { complete: true });
    expect(r.problems).toEqual([]);
    expect(r.entries.map((e) => [e.kind, e.id, e.recorded_by])).toEqual([
      ['request', CASE, 'Sam SPOC'],
      ['decision', 'decision-m3x9', 'Sam SPOC'],
      ['response', 'response-a1b2', 'Sam SPOC'],
    ]);
    expect(r.entries[2].attachments).toEqual([ATT]);
    expect(r.commits).toBe(8);
  });

  it('modified, deleted, re-added and renamed entries and attachments', () => {
    const history = [
      ...baseHistory(),
      commit([['M', REQ]], { subject: 'typo' }),
      commit([['D', ATT]]),
      commit([['D', DEC], ['A', `cases/${CASE}/decision-zzzz.yaml`]], { subject: 'rename' }),
      commit([['A', DEC]], { entry: 'decision decision-m3x9' }),
    ];
    const r = auditHistory(history, baseDisk());
    expect(codes(r)).toEqual([
      `tamper-modified ${REQ}`,
      `tamper-deleted ${ATT}`,
      `tamper-deleted ${DEC}`,
      `tamper-mixed-commit cases/${CASE}/decision-zzzz.yaml`,
      `tamper-format cases/${CASE}/decision-zzzz.yaml`,
      `tamper-readded ${DEC}`,
    ]);
    expect(r.problems[0].message).toMatch(/^modified by commit 0+[0-9a-f] \(Sam, .*"typo"\) after 0+[0-9a-f] recorded it$/);
  });

  it('several entries in one commit, and entries mixed with other changes', () => {
    const two = auditHistory([commit([['A', REQ], ['A', `cases/${OTHER}/request.yaml`]], { entry: `request ${CASE}` })], new Map());
    expect(codes(two)).toEqual([`tamper-multiple-entries ${REQ}`, `tamper-format cases/${OTHER}/request.yaml`]);
    expect(two.problems[0].cases).toEqual([CASE, OTHER]);

    const mixed = auditHistory([commit([['A', REQ], ['M', 'candidates/c-7k2q.yaml']], { entry: `request ${CASE}` })], new Map());
    expect(codes(mixed)).toEqual([`tamper-mixed-commit ${REQ}`]);
    expect(mixed.problems[0].message).toMatch(/also changes candidates\/c-7k2q\.yaml$/);

    // an attachment beside a decision, or beside another case's response, is not legitimate
    const att = auditHistory([commit([['A', DEC], ['A', ATT]], { entry: 'decision decision-m3x9' })], baseDisk());
    expect(codes(att)).toEqual([`tamper-mixed-commit ${DEC}`]);
    const alone = auditHistory([commit([['A', ATT]])], new Map());
    expect(codes(alone)).toEqual([`tamper-attachment ${ATT}`]);
  });

  it("an entry outside evenhand's commit format, or whose trailers disagree with it", () => {
    const hand = auditHistory([commit([['A', REQ]])], baseDisk());
    // (and a warning: no clock recorded in a history that never had one)
    expect(codes(hand)).toEqual([`tamper-format ${REQ}`, 'clock-unrecorded undefined']);
    expect(hand.problems[0].message).toMatch(/its subject is not "<command> 2024-0408-k7q2: …"; it has no Evenhand-Case trailer; it has no Evenhand-Entry trailer; it has no Recorded-By trailer/);
    const wrong = auditHistory([commit([['A', DEC]], { entry: 'response decision-m3x9' })], new Map([disk(DEC, 'decision', 'decision-m3x9', { recorded_by: 'Someone Else' })]));
    expect(wrong.problems[0].message).toMatch(/Evenhand-Entry trailer says "response decision-m3x9", not "decision decision-m3x9"; its Recorded-By trailer says "Sam SPOC" but the entry says "Someone Else"/);
  });

  it('recorded_at more than an hour from the commit date', () => {
    const at = (ms: number) => new Date(Date.parse(AT) + ms).toISOString();
    const onDisk = new Map([disk(REQ, 'request', CASE, { recorded_at: at(MAX_RECORDING_SKEW_MS) }), disk(DEC, 'decision', 'decision-m3x9', { recorded_at: at(-MAX_RECORDING_SKEW_MS - 1000) })]);
    const r = auditHistory([commit([['A', REQ]], { entry: `request ${CASE}` }), commit([['A', DEC]], { entry: 'decision decision-m3x9' })], onDisk);
    expect(codes(r)).toEqual([`tamper-date ${DEC}`]);
    expect(r.problems[0].message).toMatch(/is 60 min before the date of commit/);
  });

  it('a merge that changes entries itself', () => {
    const r = auditHistory([...baseHistory(), commit([['MM', REQ], ['AA', 'register.yaml']], { parents: ['a', 'b'], subject: 'Merge' })], baseDisk());
    expect(codes(r)).toEqual([`tamper-merge ${REQ}`]);
  });

  it('--require-signed: every entry commit needs a good signature', () => {
    const history = baseHistory().map((c, i) => ({ ...c, signature: i === 3 ? 'G' : i === 4 ? 'E' : 'N' }));
    const r = auditHistory(history, baseDisk(), { requireSigned: true });
    expect(codes(r)).toEqual([`unsigned-commit ${REQ}`, `unsigned-commit ${RESP}`]);
    expect(r.problems[1].message).toMatch(/not checkable \(missing key\)/);
    expect(auditHistory(history, baseDisk()).problems).toEqual([]);
  });

  it('one case, and warnings for entries the history does not hold', () => {
    const onDisk = baseDisk();
    onDisk.set(...disk(`cases/${OTHER}/request.yaml`, 'request', OTHER));
    const history = [...baseHistory(), commit([['M', `cases/${OTHER}/notes.txt`]])];
    const all = auditHistory(history, onDisk, { complete: true, uncommitted: [REQ, 'register.yaml'] });
    expect(all.problems.map((p) => [p.code, p.severity, p.file])).toEqual([
      ['not-in-history', 'warning', `cases/${OTHER}/request.yaml`],
      ['uncommitted-change', 'warning', REQ],
    ]);
    const one = auditHistory(history, onDisk, { complete: true, caseId: OTHER });
    expect(one.entries).toEqual([]);
    expect(one.problems.map((p) => p.code)).toEqual(['not-in-history']);
  });

  // Its speed is measured by `npm run bench` (audit at 10,000 cases), never asserted here.
  it('audits 30,000 commits of one entry each without a problem', () => {
    const history: HistoryCommit[] = [];
    const onDisk = new Map<string, EntryOnDisk>();
    for (let i = 0; i < 30_000; i++) {
      const c = `2024-0408-${i.toString(32).padStart(4, '0')}`;
      const f = `cases/${c}/request.yaml`;
      history.push(commit([['A', f]], { entry: `request ${c}`, caseId: c }));
      onDisk.set(...disk(f, 'request', c));
    }
    const r = auditHistory(history, onDisk, { complete: true });
    expect(r.problems).toEqual([]);
    expect(r.entries).toHaveLength(30_000);
  });
});

describe('parseLog', () => {
  const m = { field: '\x1fNONCE\x1f', record: '\x1eNONCE\x1e', end: '\x1dNONCE\x1d' };
  const rec = (fields: string[], tail: string) => `${m.record}${fields.join(m.field)}${m.end}${tail}`;

  it('reads fields and NUL-separated name-status pairs, and cannot be fooled by a commit message', () => {
    const text =
      rec(['a'.repeat(40), '', 'Sam', 's@e', AT, AT, '', `request ${CASE}: x`, 'body with \x1e and \x1f inside\nEvenhand-Case: x\n'], `\0\nA\0${REQ}\0`) +
      rec(['b'.repeat(40), 'p1 p2', 'Sam', 's@e', AT, AT, 'G', 'Merge', ''], '\0\0MM\0register.yaml\0') +
      rec(['c'.repeat(40), 'p', 'Sam', 's@e', AT, AT, '', 'empty', ''], '\0');
    const commits = parseLog(text, m);
    expect(commits.map((c) => [c.parents.length, c.signature, c.changes])).toEqual([
      [0, undefined, [{ status: 'A', path: REQ }]],
      [2, 'G', [{ status: 'MM', path: 'register.yaml' }]],
      [1, undefined, []],
    ]);
    expect(commits[0].body).toContain('\x1e and \x1f inside');
  });

  it('reads the same whatever the chunks the output arrives in, a marker or a character split between two', () => {
    const text =
      rec(['a'.repeat(40), '', 'Zoë', 's@e', AT, AT, '', `request ${CASE}: é`, 'body\n'], `\0\nA\0${REQ}\0`) +
      rec(['b'.repeat(40), 'a'.repeat(40), 'Sam', 's@e', AT, AT, '', 'two', ''], `\0\nA\0${DEC}\0A\0${ATT}\0`);
    const whole = parseLog(text, m);
    const bytes = Buffer.from(text);
    for (const size of [1, 2, 3, 7, 64]) {
      const parser = new LogParser(m);
      const got = [];
      for (let i = 0; i < bytes.length; i += size) got.push(...parser.push(bytes.subarray(i, i + size)));
      got.push(...parser.finish());
      expect(got).toEqual(whole);
    }
    expect(whole.map((c) => [c.authorName, c.subject, c.changes.length])).toEqual([['Zoë', `request ${CASE}: é`, 1], ['Sam', 'two', 2]]);
  });
});

describe('buildCorrectionSet', () => {
  const request = {
    id: CASE, kind: 'request', candidate: 'c-7k2q', requester_role: 'candidate', received: '2024-04-08', channel: 'email', via: 'opcc',
    category: 'information', foi: false, subject: 'Officers', text: 'How many?', private: [], recorded_by: 'Sam', recorded_at: AT,
  } as unknown as Entry;

  it('reads values as YAML, falling back to the text as typed where the field wants text', () => {
    const pairs = ['foi=true', 'subject=2024', 'private=[a, b]', 'public_summary=Yes: from May'].map((s) => splitSetOption(s)!);
    expect(buildCorrectionSet(request, pairs)).toEqual({ ok: true, set: { foi: true, subject: '2024', private: ['a', 'b'], public_summary: 'Yes: from May' } });
    expect(buildCorrectionSet(request, [{ field: 'subject', raw: 'true', literal: true }])).toEqual({ ok: true, set: { subject: 'true' } });
    expect(splitSetOption('text=a=b')).toEqual({ field: 'text', raw: 'a=b' });
    expect(splitSetOption('=x')).toBeUndefined();
  });

  it('refuses what the record cannot take', () => {
    const one = (s: string) => buildCorrectionSet(request, [splitSetOption(s)!]);
    expect(one('recorded_at=2024-01-01T00:00:00Z')).toMatchObject({ ok: false, message: 'a correction cannot change recorded_at' });
    expect(one('colour=red')).toMatchObject({ ok: false, message: 'a request has no field "colour"' });
    expect(one('channel=pigeon')).toMatchObject({ ok: false, field: 'channel', message: expect.stringMatching(/^the corrected request would not be valid: channel: /) });
    expect(one('subject=Officers')).toMatchObject({ ok: false, message: expect.stringMatching(/^nothing to correct/) });
    expect(buildCorrectionSet(request, [splitSetOption('subject=a')!, splitSetOption('subject=b')!])).toMatchObject({ ok: false, message: 'subject is given twice' });
  });
});

describe('subjectNamesCase', () => {
  // The rule as it was written, a RegExp per commit: the plain test must agree with it everywhere.
  const asRegExp = (subject: string, caseId: string) => new RegExp(`^[a-z]+ ${caseId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: \\S`).test(subject);
  const caseId = '2024-0301-ab12';
  const subjects = [
    'request 2024-0301-ab12: How many officers',
    'respond 2024-0301-ab12: provide',
    'request 2024-0301-ab12: ',
    'request 2024-0301-ab12:  two spaces',
    'request 2024-0301-ab12:\tTab',
    'request 2024-0301-ab12:\u00a0nbsp',
    'Request 2024-0301-ab12: capital verb',
    'request  2024-0301-ab12: two spaces before',
    'request 2024-0301-ab13: other case',
    'request 2024-0301-ab12 no colon',
    're-quest 2024-0301-ab12: hyphen',
    '2024-0301-ab12: no verb',
    'request 2024-0301-ab12:x no space',
    'request 2024-0301-ab12: x',
    '',
  ];
  it('agrees with the RegExp it replaced on every subject', () => {
    for (const s of subjects) expect({ s, ok: subjectNamesCase(s, caseId) }).toEqual({ s, ok: asRegExp(s, caseId) });
    expect(subjectNamesCase(subjects[0], caseId)).toBe(true);
    expect(subjectNamesCase(subjects[2], caseId)).toBe(false);
  });
});
