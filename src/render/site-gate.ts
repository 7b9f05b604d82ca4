// The same leak gate for `build` and `check` (issue 11: "a clean check must mean the site builds").
// `build` scans each file as it is written and read back; `check` renders the same site in memory
// and scans the same way, so CI learns of a block before anything is published.
import type { Finding } from '../domain/findings.js';
import type { PublicView } from '../domain/public-view.js';
import { UserError } from '../domain/errors.js';
import { ownString } from '../domain/own-strings.js';
import type { CandidateIdentity } from './identity-scanner.js';
import { createSiteGate, leakMessage, type GateFile, type SiteGate, type SiteLeak, type SiteRefusal } from './leak-gate.js';
import { openDataCase } from './open-data.js';
import { publishableView } from './publishable.js';
import { planSite, type PlannedFile, type RenderOptions, type TemplateSet } from './site.js';
import { contentHash, createValueHasher, fileKey, templatesFingerprint } from './page-keys.js';

/** What the page cache holds of a file (src/store/page-cache.ts keeps it on disk). */
export interface PageRecord {
  key: string;
  reads: string[];
  hash: string;
  clean?: { identities: string; references: [string, boolean][] };
}

/** A piece of a generated file (the open data) found clean: under which forms, with which references in it. */
export type CleanScan = NonNullable<PageRecord['clean']>;

/** The records of the last runs: src/store/page-cache.ts. */
export interface PageRecords {
  records(path: string): PageRecord[];
  keep(path: string, record: PageRecord): void;
  /** A piece found clean, by the hash of its path and the exact text the gate read. */
  piece(hash: string): CleanScan | undefined;
  keepPiece(hash: string, clean: CleanScan): void;
}

/**
 * Which files of this site need not be rendered and scanned again (issue 14): a file whose key
 * (page-keys.ts) is what it was, and that the gate found clean under the same identity forms and
 * with the same case references published. A new candidate or alias changes the identity forms,
 * so every file is scanned again.
 */
export interface PageReuse {
  /** The record of a file that may be taken as it was, else undefined. */
  reusable(f: PlannedFile): PageRecord | undefined;
  /** The file was taken as it was (from the last site, or not rendered at all by `check`). */
  reused(f: PlannedFile, record: PageRecord): void;
  /** The file was rendered, reading `reads`, and scanned now. */
  scanned(f: PlannedFile, reads: Set<string>, content: string | Uint8Array, scan: { clean: boolean; references: string[] }): void;
  /**
   * Scan a piece of a generated file (the open data, as the gate reads it), unless the very same
   * text was found clean before under the same identity forms and with the same references
   * published: a new case changes its own piece only (render/open-data.ts pieceRanges).
   */
  scanPiece(gate: SiteGate, file: GateFile & { text: string }): Promise<void>;
}

export interface CacheStats {
  reused: number;
  scanned: number;
  piecesReused: number;
  piecesScanned: number;
}

export function pageReuse(view: PublicView, templates: TemplateSet, identities: CandidateIdentity[], records: PageRecords): PageReuse & { stats: CacheStats } {
  const stats = { reused: 0, scanned: 0, piecesReused: 0, piecesScanned: 0 };
  const hashValue = createValueHasher();
  const fingerprint = templatesFingerprint(templates);
  const forms = hashValue(identities);
  // Each published reference, as the view's own string (see unsliced).
  const published = new Map(view.cases.map((c) => [c.reference, c.reference]));
  const keyOf = (f: PlannedFile, reads: readonly string[]) => fileKey(f.path, f.source, reads, fingerprint, hashValue);
  const stillClean = (clean: CleanScan | undefined) =>
    clean !== undefined && clean.identities === forms && clean.references.every(([ref, masked]) => published.has(ref) === masked);
  // A reference as the scan found it is a slice of the file's whole reader text: kept in a record
  // it would keep that text alive (a month page's, an open-data piece's) until the run ends. The
  // view's own string, or a copy.
  const unsliced = (r: string) => published.get(r) ?? ownString(r);
  const cleanRecord = (scan: { clean: boolean; references: string[] }): CleanScan | undefined =>
    scan.clean && forms !== undefined ? { identities: forms, references: scan.references.map((r): [string, boolean] => [unsliced(r), published.has(r)]) } : undefined;
  return {
    stats,
    reusable(f) {
      if (forms === undefined) return undefined;
      for (const record of records.records(f.path)) if (stillClean(record.clean) && keyOf(f, record.reads) === record.key) return record;
      return undefined;
    },
    reused(f, record) {
      stats.reused++;
      records.keep(f.path, record);
    },
    scanned(f, reads, content, scan) {
      stats.scanned++;
      const key = keyOf(f, [...reads]);
      if (key === undefined || forms === undefined) return;
      const clean = cleanRecord(scan);
      records.keep(f.path, { key, reads: [...reads].sort(), hash: contentHash(content), ...(clean ? { clean } : {}) });
    },
    async scanPiece(gate, file) {
      const hash = contentHash(`${file.path}\u0000${file.text}`);
      const before = records.piece(hash);
      if (stillClean(before)) {
        stats.piecesReused++;
        records.keepPiece(hash, before!);
        return;
      }
      stats.piecesScanned++;
      const clean = cleanRecord(await scanOne(gate, file));
      if (clean) records.keepPiece(hash, clean);
    },
  };
}

/** What EVENHAND_CACHE_STATS prints: how much of the site was taken as it was. */
export function cacheStatsLine(stats: CacheStats): string {
  return `page cache: ${stats.reused} reused, ${stats.scanned} rendered and scanned; open-data pieces: ${stats.piecesReused} found clean before, ${stats.piecesScanned} scanned`;
}

/** Scan one file and tell whether the gate found it clean, and which case references it holds. */
export async function scanOne(gate: SiteGate, file: Parameters<SiteGate['scan']>[0]): Promise<{ clean: boolean; references: string[] }> {
  const refused = gate.refused.length;
  await gate.scan(file);
  // Counted by hits, not by new leaks: a form already reported from another file is still in this one.
  return { clean: gate.hits() === 0 && gate.refused.length === refused, references: gate.references() };
}

/** The gate for a build of this view: a case's own public text is its open-data JSON. */
export function siteGateFor(view: PublicView, identities: CandidateIdentity[]): SiteGate {
  const byReference = new Map(view.cases.map((c) => [c.reference, c]));
  return createSiteGate(identities, byReference.keys(), (ref) => JSON.stringify(openDataCase(publishableView({ ...view, cases: [byReference.get(ref)!] }).cases[0])));
}

/** Render the whole site in memory, as `build` would, and scan every file; nothing is written. */
export async function gateSiteInMemory(
  view: PublicView,
  templates: TemplateSet,
  identities: CandidateIdentity[],
  options: RenderOptions = {},
  records?: PageRecords,
): Promise<{ leaks: SiteLeak[]; refused: SiteRefusal[] }> {
  const gate = siteGateFor(view, identities);
  const reuse = records && pageReuse(view, templates, identities, records);
  for (const f of planSite(view, templates, options)) {
    if (f.pieces) {
      // The open data a piece at a time, as build scans it (src/store/site-files.ts).
      for (const p of f.pieces()) {
        const piece = { path: f.path, text: `${p.before ?? ''}${p.text}${p.after ?? ''}`, fixed: [], toolName: true, toolContent: false };
        await (reuse ? reuse.scanPiece(gate, piece) : gate.scan(piece));
      }
      continue;
    }
    // A file rendered from the same inputs and found clean before is clean now: not rendered again.
    const record = reuse?.reusable(f);
    if (record) {
      reuse!.reused(f, record);
      continue;
    }
    const reads = new Set<string>();
    const r = f.render(reads);
    const common = { path: f.path, toolName: r.toolName, toolContent: r.toolContent };
    const scan = await scanOne(gate, typeof r.content === 'string' ? { ...common, text: r.content, fixed: r.fixed } : { ...common, bytes: r.content });
    reuse?.scanned(f, reads, r.content, scan);
  }
  if (reuse && process.env.EVENHAND_CACHE_STATS) process.stderr.write(`${cacheStatsLine(reuse.stats)}\n`);
  return { leaks: gate.leaks, refused: gate.refused };
}

/**
 * `check`'s findings from the site gate: one per form and case (a form in a case's text shows on
 * several pages), leaving out what the field-by-field `identifiable` rule already reported with its
 * file and line. A template or asset that cannot be rendered or read is a finding too.
 */
export async function siteFindings(
  view: PublicView,
  templates: TemplateSet,
  identities: CandidateIdentity[],
  reported: Finding[],
  options: RenderOptions = {},
  records?: PageRecords,
): Promise<Finding[]> {
  let result: { leaks: SiteLeak[]; refused: SiteRefusal[] };
  try {
    result = await gateSiteInMemory(view, templates, identities, options, records);
  } catch (err) {
    if (!(err instanceof UserError)) throw err;
    return [{ code: 'template', severity: 'error', message: err.message, hint: err.hint }];
  }
  const known = new Set(
    reported
      .filter((f) => f.code === 'identifiable')
      .map((f) => {
        const m = /"(.*)", which identifies candidate (\S+)$/.exec(f.message);
        return m ? `${f.case ?? ''}\u0000${m[2]}\u0000${m[1]}` : '';
      }),
  );
  const groups = new Map<string, { leak: SiteLeak; files: string[] }>();
  for (const l of result.leaks) {
    const key = `${l.case ?? ''}\u0000${l.candidateId}\u0000${l.form}`;
    // Reported already: a form in a case's text, or in a register-wide text (register.yaml) printed on a page.
    if ((l.inCaseText || !l.case) && known.has(key)) continue;
    const k = `${key}\u0000${l.inCaseText}`;
    const g = groups.get(k) ?? { leak: l, files: [] };
    g.files.push(`site/${l.file}${l.part ? ` (${l.part})` : ''}`);
    groups.set(k, g);
  }
  const findings: Finding[] = [...groups.values()].map(({ leak, files }) => ({
    code: 'identifiable',
    severity: 'error',
    ...(leak.case ? { case: leak.case } : {}),
    path: files[0],
    message: `${leakMessage(leak)}${files.length > 1 ? ` (also in ${files.length - 1} more file${files.length > 2 ? 's' : ''} of the site)` : ''}`,
    hint: 'build would refuse this site: fix the register text (private / public wording) or the template that writes it',
  }));
  for (const r of result.refused)
    findings.push({ code: 'unreadable-asset', severity: 'error', path: `site/${r.file}`, message: `the leak gate cannot read this file, so build would refuse it: ${r.reason}`, hint: 'remove it from templates/assets/, or use a type the gate reads (see the README)' });
  return findings;
}
