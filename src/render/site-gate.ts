// The same leak gate for `build` and `check` (issue 11: "a clean check must mean the site builds").
// `build` scans each file as it is written and read back; `check` renders the same site in memory
// and scans the same way, so CI learns of a block before anything is published.
import type { Finding } from '../domain/findings.js';
import type { PublicView } from '../domain/public-view.js';
import { UserError } from '../domain/errors.js';
import type { CandidateIdentity } from './identity-scanner.js';
import { createSiteGate, leakMessage, type SiteGate, type SiteLeak, type SiteRefusal } from './leak-gate.js';
import { openDataCase } from './open-data.js';
import { publishableView } from './publishable.js';
import { planSite, type RenderOptions, type TemplateSet } from './site.js';

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
): Promise<{ leaks: SiteLeak[]; refused: SiteRefusal[] }> {
  const gate = siteGateFor(view, identities);
  for (const f of planSite(view, templates, options)) {
    if (f.pieces) {
      // The open data a piece at a time, as build scans it (src/store/site-files.ts).
      for (const p of f.pieces()) await gate.scan({ path: f.path, text: `${p.before ?? ''}${p.text}${p.after ?? ''}`, fixed: [], toolName: true, toolContent: false });
      continue;
    }
    const r = f.render();
    const common = { path: f.path, toolName: r.toolName, toolContent: r.toolContent };
    if (typeof r.content === 'string') await gate.scan({ ...common, text: r.content, fixed: r.fixed });
    else await gate.scan({ ...common, bytes: r.content });
  }
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
): Promise<Finding[]> {
  let result: { leaks: SiteLeak[]; refused: SiteRefusal[] };
  try {
    result = await gateSiteInMemory(view, templates, identities, options);
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
