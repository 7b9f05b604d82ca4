// The open data in pieces (issue 14, docs/decisions/0026-paged-index-and-memory.md): joined, the
// pieces are the bytes a whole-document JSON.stringify gives; framed, each is a whole document for
// the leak gate's reader, so a form in any case of any piece is found and placed in its case.
import { describe, expect, it } from 'vitest';
import type { PublicCase, PublicView } from '../domain/public-view.js';
import { createSiteGate } from './leak-gate.js';
import { CSV_COLUMNS, csvCell, csvField, disclosureLogCsvPieces, disclosureLogJsonPieces, joinPieces, MAX_CASES_PER_PIECE, openDataCase, OPEN_DATA_FORMAT, pieceRanges } from './open-data.js';

const base = (n: number): string => {
  const letters = '0123456789abcdefghjkmnpqrstvwxyz';
  return `${letters[(n >> 10) & 31]}${letters[(n >> 5) & 31]}${letters[n & 31]}`;
};

function aCase(i: number): PublicCase {
  const day = String(1 + (i % 28)).padStart(2, '0');
  return {
    reference: `2024-03${day}-z${base(i)}`,
    received: `2024-03-${day}`,
    category: i % 2 ? 'budget' : 'information',
    foi: i % 3 === 0,
    status: 'answered',
    subject: `Subject ${i}: "quoted", é, 😀, \u2028 and a \\ backslash`,
    question: `Line one\nline two, =SUM(A1) ${i}`,
    clarifications: i % 5 === 0 ? [{ received: `2024-03-${day}`, text: 'More, please.' }] : [],
    outcome: 'provide',
    reasons: i % 7 === 0 ? ['A reason.'] : [],
    exemptions: [],
    decided_on: `2024-03-${day}`,
    decided_by: 'chief-executive',
    offered_to_all: false,
    response: `Answer ${i}`,
    answered_on: `2024-03-${day}`,
    attachments: [],
    answered_by: null,
    updated: `2024-03-${day}`,
  };
}

function view(cases: PublicCase[], builtFrom?: PublicView['built_from']): PublicView {
  return {
    ...(builtFrom ? { built_from: builtFrom } : {}),
    body: 'Test "OPCC"',
    label: null,
    election: { name: 'Test election', kind: 'pcc', poll_date: '2024-05-02', notice_of_election: '2024-03-26', nominations_close: '2024-04-05', nominations_close_time: '16:00', pre_election_period_start: '2024-03-26', pre_election_period_set_by: 'notice-of-election' },
    spoc: { name: 'SPOC', email: null, phone: null, address: null },
    deciders: [],
    website: { privacy_notice_url: null, accessibility: { contact: 'x', last_tested: null, tested_by: null, compliance: 'full', known_issues: [] } },
    policy: { response_target_days: 10, foi_working_days: 20, political_requests: 'log', undeclared: 'log', written_confirmation_required: false, statements: [] },
    last_updated: cases.length ? '2024-03-28' : null,
    counts: { total: cases.length + 1, published: cases.length, answered: cases.length, awaiting: 0, withheld: 1, awaiting_review: 0 },
    categories: [],
    cases,
  };
}

/** The document as the log wrote it before it was made in pieces. */
function wholeJson(v: PublicView): string {
  const doc = {
    format: OPEN_DATA_FORMAT,
    body: v.body,
    election: { name: v.election.name, poll_date: v.election.poll_date },
    last_updated: v.last_updated,
    counts: { total: v.counts.total, published: v.counts.published, answered: v.counts.answered, awaiting: v.counts.awaiting, withheld: v.counts.withheld },
    cases: v.cases.map(openDataCase),
    built_from: { commit: v.built_from?.commit ?? null, entries: v.built_from?.entries ?? null },
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

describe('the open data in pieces', () => {
  for (const n of [0, 1, 256, 600])
    it(`${n} cases: the JSON and CSV joined are the whole documents, and each framed JSON piece parses`, () => {
      const v = view(Array.from({ length: n }, (_, i) => aCase(i)), n ? { commit: 'a'.repeat(40), entries: n * 3 } : undefined);
      const pieces = [...disclosureLogJsonPieces(v)];
      expect(joinPieces(pieces)).toBe(wholeJson(v));
      expect(pieces.length).toBe(2 + pieceRanges(v.cases).length);
      for (const p of pieces) expect(() => JSON.parse(`${p.before ?? ''}${p.text}${p.after ?? ''}`)).not.toThrow();
      const csv = [CSV_COLUMNS.join(','), ...v.cases.map((c) => CSV_COLUMNS.map((k) => csvField(csvCell(k, openDataCase(c)))).join(','))].join('\r\n');
      expect(joinPieces(disclosureLogCsvPieces(v))).toBe(`${csv}\r\n`);
    });

  it('pieces are cut by the cases, not their places: a new case first, or one corrected, changes its own piece only', () => {
    const cases = Array.from({ length: 3000 }, (_, i) => aCase(i));
    const ranges = pieceRanges(cases);
    expect(ranges.length).toBeGreaterThan(3000 / MAX_CASES_PER_PIECE);
    expect(ranges.flatMap(([a, b]) => [a, b])).toEqual([0, ...ranges.slice(0, -1).flatMap(([, b]) => [b, b]), 3000]);
    for (const [a, b] of ranges) expect(b - a).toBeLessThanOrEqual(MAX_CASES_PER_PIECE);
    const before = [...disclosureLogCsvPieces(view(cases))].map((p) => p.text);
    // Newest first: a new case comes first; every piece after the first is unchanged.
    const added = [...disclosureLogCsvPieces(view([aCase(5000), ...cases]))].map((p) => p.text);
    expect(added.slice(2)).toEqual(before.slice(2));
    // A case corrected in the middle changes one piece.
    const corrected = cases.map((c, i) => (i === 1500 ? { ...c, response: 'Corrected.' } : c));
    const after = [...disclosureLogJsonPieces(view(corrected))].map((p) => p.text);
    const json = [...disclosureLogJsonPieces(view(cases))].map((p) => p.text);
    expect(after.filter((t, i) => t !== json[i])).toHaveLength(1);
  });

  it('the gate finds a name in a case of a later piece, written with a JSON escape, and names that case', async () => {
    const cases = Array.from({ length: 600 }, (_, i) => aCase(i));
    cases[400] = { ...cases[400], response: 'Ask Ren\u00e9e Marchbank about it.' };
    const gate = createSiteGate([{ id: 'c-rm', name: 'Renée Marchbank', aliases: [], emails: [], phones: [], handles: [] }], cases.map((c) => c.reference), (ref) => JSON.stringify(openDataCase(cases.find((c) => c.reference === ref)!)));
    for (const p of disclosureLogJsonPieces(view(cases))) {
      // As written to disk: the non-ASCII letter as a JSON escape, which only a JSON reader decodes.
      const text = `${p.before ?? ''}${p.text.replace(/é/g, '\\u00e9')}${p.after ?? ''}`;
      await gate.scan({ path: 'disclosure-log.json', text, toolName: true });
    }
    expect(gate.leaks.map((l) => [l.file, l.case, l.form])).toEqual([['disclosure-log.json', cases[400].reference, 'Renée Marchbank']]);
  });
});
