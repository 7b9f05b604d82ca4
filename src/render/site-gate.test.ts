// The leak gate's memo of clean open-data pieces (issue 14, docs/decisions/0033): a piece is taken
// as clean only when the very same text was clean before, under the same identity forms and with
// the same case references published; anything else is scanned again.
import { describe, expect, it } from 'vitest';
import type { PublicView } from '../domain/public-view.js';
import type { CandidateIdentity } from './identity-scanner.js';
import { createSiteGate } from './leak-gate.js';
import { pageReuse, scanOne, type CleanScan, type PageRecord, type PageRecords } from './site-gate.js';

const MARCHBANK: CandidateIdentity = { id: 'c-rm', name: 'Renée Marchbank', aliases: [], emails: [], phones: [], handles: [] };
const REF = '2024-0301-z0ab';
const OTHER = '2024-0302-z0ac';

function view(references: string[]): PublicView {
  return { cases: references.map((reference) => ({ reference })) } as unknown as PublicView;
}

/** Page records in memory, as src/store/page-cache.ts keeps them between runs. */
function memory(): PageRecords & { pieces: Map<string, CleanScan> } {
  const pages = new Map<string, PageRecord[]>();
  const pieces = new Map<string, CleanScan>();
  return {
    pieces,
    records: (path) => pages.get(path) ?? [],
    keep: (path, record) => void pages.set(path, [record]),
    piece: (hash) => pieces.get(hash),
    keepPiece: (hash, clean) => void pieces.set(hash, clean),
  };
}

const NO_TEMPLATES = { templates: new Map(), assets: new Map() };
const gateFor = (identities: CandidateIdentity[], refs: string[]) => createSiteGate(identities, refs, () => '{}');
const piece = (text: string) => ({ path: 'disclosure-log.csv', text, fixed: [], toolName: true, toolContent: false });

describe('the memo of clean open-data pieces', () => {
  it('takes a piece found clean before as clean, and scans a changed one', async () => {
    const records = memory();
    const identities = [MARCHBANK];
    const first = pageReuse(view([REF]), NO_TEMPLATES, identities, records);
    await first.scanPiece(gateFor(identities, [REF]), piece(`${REF},How many officers?\r\n`));
    expect(first.stats).toMatchObject({ piecesScanned: 1, piecesReused: 0 });
    expect(records.pieces.size).toBe(1);

    const second = pageReuse(view([REF]), NO_TEMPLATES, identities, records);
    await second.scanPiece(gateFor(identities, [REF]), piece(`${REF},How many officers?\r\n`));
    expect(second.stats).toMatchObject({ piecesScanned: 0, piecesReused: 1 });

    // One character more is another piece: scanned, and the name in it found.
    const gate = gateFor(identities, [REF]);
    await second.scanPiece(gate, piece(`${REF},How many officers? Ask Marchbank\r\n`));
    expect(second.stats.piecesScanned).toBe(1);
    expect(gate.leaks.map((l) => l.form)).toContain('Marchbank');
  });

  it('scans the same text again when the identity forms change: a new alias found in an old piece', async () => {
    const records = memory();
    const text = piece(`${REF},Ask the Wolf of Wall Street\r\n`);
    const before = pageReuse(view([REF]), NO_TEMPLATES, [MARCHBANK], records);
    await before.scanPiece(gateFor([MARCHBANK], [REF]), text);
    const withAlias = [{ ...MARCHBANK, aliases: ['Wolf of Wall Street'] }];
    const after = pageReuse(view([REF]), NO_TEMPLATES, withAlias, records);
    const gate = gateFor(withAlias, [REF]);
    await after.scanPiece(gate, text);
    expect(after.stats).toMatchObject({ piecesScanned: 1, piecesReused: 0 });
    expect(gate.leaks.map((l) => l.form)).toContain('Wolf of Wall Street');
  });

  it('scans the same text again when a reference in it is published or withdrawn (it is masked only when published)', async () => {
    const records = memory();
    const text = piece(`${REF},See ${OTHER}\r\n`);
    const identities = [MARCHBANK];
    const first = pageReuse(view([REF, OTHER]), NO_TEMPLATES, identities, records);
    await first.scanPiece(gateFor(identities, [REF, OTHER]), text);
    const withdrawn = pageReuse(view([REF]), NO_TEMPLATES, identities, records);
    await withdrawn.scanPiece(gateFor(identities, [REF]), text);
    expect(withdrawn.stats).toMatchObject({ piecesScanned: 1, piecesReused: 0 });
  });

  it('never records a piece with a form in it as clean, even when an earlier piece reported the same form', async () => {
    const records = memory();
    const identities = [MARCHBANK];
    const reuse = pageReuse(view([REF]), NO_TEMPLATES, identities, records);
    const gate = gateFor(identities, [REF]);
    // Written outside any case, the same form in two pieces is one leak (reported once)…
    await reuse.scanPiece(gate, piece('Marchbank,x\r\n'));
    await reuse.scanPiece(gate, piece('Marchbank,y\r\n'));
    expect(gate.leaks).toHaveLength(1);
    // …but neither piece is clean, so neither is remembered.
    expect(records.pieces.size).toBe(0);
    expect((await scanOne(gate, piece('Marchbank,z\r\n'))).clean).toBe(false);
  });
});
