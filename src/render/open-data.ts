// disclosure-log.json and disclosure-log.csv: the log as open data (columns in docs/disclosure-log-format.md).
// Built from the public view only, with a fixed key and column order, so the bytes never change
// unless the register does.
import type { PublicCase, PublicView } from '../domain/public-view.js';

export const OPEN_DATA_FORMAT = 'evenhand-disclosure-log/1';

/** One case as open data. Keys in this order, always all present (null when not known yet). */
export function openDataCase(c: PublicCase) {
  return {
    reference: c.reference,
    page: `cases/${c.reference}.html`,
    received: c.received,
    category: c.category,
    foi: c.foi,
    status: c.status,
    subject: c.subject,
    question: c.question,
    clarifications: c.clarifications.map((k) => ({ received: k.received, text: k.text })),
    outcome: c.outcome,
    reasons: [...c.reasons],
    exemptions: [...c.exemptions],
    decided_on: c.decided_on,
    decided_by: c.decided_by,
    offered_to_all: c.offered_to_all,
    response: c.response,
    answered_on: c.answered_on,
    attachments: [...c.attachments],
  };
}

/**
 * A piece of a large generated file. `text` is what is written; the leak gate reads
 * `before + text + after` (the text as read back from disk), which is a whole document for the
 * file's reader, so the file is written and scanned a piece at a time and never held whole.
 */
export interface FilePiece {
  text: string;
  before?: string;
  after?: string;
}

/**
 * Where the open data is cut into pieces: after a case whose reference hashes to 0 mod
 * PIECE_SPLIT (one case in 128, on average), and after at most MAX_CASES_PER_PIECE cases. The cuts
 * follow the cases, not their positions, so a new case (listed first: newest first) or a corrected
 * one changes its own piece only, and the leak gate's memo of clean pieces (render/site-gate.ts)
 * holds for every other piece (docs/decisions/0033). Few writes, and small pieces.
 */
const PIECE_SPLIT = 128;
export const MAX_CASES_PER_PIECE = 512;

/** FNV-1a of a reference: the same on every machine and in every run. */
function referenceHash(reference: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < reference.length; i++) h = Math.imul(h ^ reference.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** The [start, end) ranges of the cases in each piece. */
export function pieceRanges(cases: readonly { reference: string }[]): [number, number][] {
  const ranges: [number, number][] = [];
  let start = 0;
  for (let j = 0; j < cases.length; j++) {
    if (referenceHash(cases[j].reference) % PIECE_SPLIT === 0 || j + 1 - start >= MAX_CASES_PER_PIECE) {
      ranges.push([start, j + 1]);
      start = j + 1;
    }
  }
  if (start < cases.length) ranges.push([start, cases.length]);
  return ranges;
}

/** JSON.stringify(value, null, 2) as it reads nested `depth` levels deep (its first line unindented). */
function nested(value: unknown, depth: number): string {
  return JSON.stringify(value, null, 2).replace(/\n/g, `\n${'  '.repeat(depth)}`);
}

/**
 * disclosure-log.json in pieces, byte for byte JSON.stringify(document, null, 2) + "\n": the
 * head (format, body, election, dates, counts), the cases a piece at a time (pieceRanges), the tail.
 */
export function* disclosureLogJsonPieces(view: PublicView): Generator<FilePiece> {
  const head = {
    format: OPEN_DATA_FORMAT,
    body: view.body,
    election: { name: view.election.name, poll_date: view.election.poll_date },
    last_updated: view.last_updated,
    counts: {
      total: view.counts.total,
      published: view.counts.published,
      answered: view.counts.answered,
      awaiting: view.counts.awaiting,
      withheld: view.counts.withheld,
    },
  };
  const headText = JSON.stringify(head, null, 2);
  // The head object without its closing "\n}", then the list of cases opens.
  yield { text: `${headText.slice(0, -2)},\n  "cases": [`, after: ']}' };
  const cases = view.cases;
  for (const [i, end] of pieceRanges(cases)) {
    const parts: string[] = [];
    for (let j = i; j < end; j++) parts.push(`${j === 0 ? '\n' : ',\n'}    ${nested(openDataCase(cases[j]), 2)}`);
    // Read as a list: "[" + the cases + "]", with a 0 standing before the comma that joins it to the last piece.
    yield { text: parts.join(''), before: i === 0 ? '[' : '[0', after: ']' };
  }
  // Last, as the format allows new keys (docs/disclosure-log-format.md): the commit and entry
  // count the log was built from, so every published copy anchors the history (`audit --published`).
  const builtFrom = { commit: view.built_from?.commit ?? null, entries: view.built_from?.entries ?? null };
  yield { text: `${cases.length ? '\n  ]' : ']'},\n  "built_from": ${nested(builtFrom, 1)}\n}\n`, before: '{"c":[' };
}

export function disclosureLogJson(view: PublicView): string {
  return joinPieces(disclosureLogJsonPieces(view));
}

/** The whole text of a file made in pieces. */
export function joinPieces(pieces: Iterable<FilePiece>): string {
  const out: string[] = [];
  for (const p of pieces) out.push(p.text);
  return out.join('');
}

export const CSV_COLUMNS = [
  'reference',
  'page',
  'received',
  'category',
  'foi',
  'status',
  'subject',
  'question',
  'clarifications',
  'outcome',
  'reasons',
  'exemptions',
  'decided_on',
  'decided_by',
  'offered_to_all',
  'response',
  'answered_on',
  'attachments',
] as const;

type CsvValue = string | number | boolean | null;

/** How a JSON value becomes one CSV cell: lists one item a line, clarifications "date: text". */
export function csvCell(key: (typeof CSV_COLUMNS)[number], c: ReturnType<typeof openDataCase>): CsvValue {
  switch (key) {
    case 'clarifications':
      return c.clarifications.map((k) => `${k.received}: ${k.text}`).join('\n');
    case 'reasons':
    case 'attachments':
      return c[key].join('\n');
    case 'exemptions':
      return c.exemptions.join(' ');
    default:
      return c[key];
  }
}

// Spreadsheets run a cell that starts with one of these as a formula (OWASP "CSV injection"); some
// read the full-width and small forms ("＝", "﹢") as the same sign, and skip spaces and invisible
// characters before it, so the first visible character is compared in its NFKC form.
const FORMULA_SIGN = /^[=+\-@\u2212]/;
const LEADING_INVISIBLE = /^[\s\p{Cf}\p{Zs}]*/u;

/** Would a spreadsheet read this cell as a formula? */
export function startsFormula(s: string): boolean {
  if (/^[\t\r]/.test(s)) return true;
  const rest = s.replace(LEADING_INVISIBLE, '');
  const first = rest.codePointAt(0);
  return first !== undefined && FORMULA_SIGN.test(String.fromCodePoint(first).normalize('NFKC'));
}

/** RFC 4180 field: quoted when it holds a comma, quote or line break; formula starts defused with a quote mark. */
export function csvField(value: CsvValue): string {
  if (value === null) return '';
  let s = typeof value === 'string' ? value : String(value);
  if (startsFormula(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** RFC 4180: CRLF between records, a header row, UTF-8 without a byte-order mark; whole records in each piece. */
export function* disclosureLogCsvPieces(view: PublicView): Generator<FilePiece> {
  yield { text: `${CSV_COLUMNS.join(',')}\r\n` };
  const cases = view.cases;
  for (const [i, end] of pieceRanges(cases)) {
    const rows: string[] = [];
    for (let j = i; j < end; j++) {
      const o = openDataCase(cases[j]);
      rows.push(`${CSV_COLUMNS.map((k) => csvField(csvCell(k, o))).join(',')}\r\n`);
    }
    yield { text: rows.join('') };
  }
}

export function disclosureLogCsv(view: PublicView): string {
  return joinPieces(disclosureLogCsvPieces(view));
}
