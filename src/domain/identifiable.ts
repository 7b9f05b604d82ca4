// The `identifiable` check rule (issue 4): reports, before anyone builds, any identity form of a
// candidate that would survive into the public disclosure log ("not attributable to the person
// making the request", Norfolk 2.2; "anonymised then published", Humberside 5.a.iv).
// Redaction removes every form it knows from case texts, so what this finds is text published as it
// stands (register.yaml's body, election name, SPOC contact) or a redaction that failed.
import type { Rule } from './checks.js';
import type { Finding } from './findings.js';
import { candidateIdentities, fullPublicView, publicCaseMemo, type CaseLeak, type PublicCase, type PublicCaseMemo, type PublicCaseSources, type PublicView } from './public-view.js';
import { createLeakScanner, type Leak } from './redaction.js';
import type { Register } from './register-model.js';

/** A form found in one field of the public view (field e.g. `question`, `reasons[1]`, `spoc.name`). `case` is absent for register-wide fields. */
export interface ViewLeak extends CaseLeak {
  case?: string;
}

type Scanner = { scan(text: string): Leak[] };

function scanField(scanner: Scanner, out: ViewLeak[], field: string, text: string | null | undefined, caseId?: string): void {
  if (!text) return;
  const seen = new Set<string>();
  for (const l of scanner.scan(text)) {
    const key = `${l.candidateId}\u0000${l.form}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ ...(caseId ? { case: caseId } : {}), field, candidateId: l.candidateId, form: l.form });
  }
}

function caseFields(c: PublicCase): [string, string | null][] {
  return [
    ['subject', c.subject],
    ['question', c.question],
    ...c.clarifications.map((k, i): [string, string] => [`clarifications[${i}]`, k.text]),
    ...c.reasons.map((r, i): [string, string] => [`reasons[${i}]`, r]),
    ...c.exemptions.map((x, i): [string, string] => [`exemptions[${i}]`, x]),
    ['decided_by', c.decided_by],
    ['response', c.response],
    ...c.attachments.map((a, i): [string, string] => [`attachments[${i}]`, a]),
  ];
}

/** Every identity form in a case's public text, field by field. Pure. */
function findCaseLeaks(c: PublicCase, scanner: Scanner): CaseLeak[] {
  const out: ViewLeak[] = [];
  for (const [field, text] of caseFields(c)) scanField(scanner, out, field, text);
  return out;
}

/**
 * Every identity form in any text of a public view, field by field. Pure. A case the memo gave
 * (built from the same entries under the same forms) is not scanned again.
 */
export function findViewLeaks(view: PublicView, scanner: Scanner, memo?: PublicCaseMemo): ViewLeak[] {
  const out: ViewLeak[] = [];
  scanField(scanner, out, 'body', view.body);
  scanField(scanner, out, 'election.name', view.election.name);
  scanField(scanner, out, 'spoc.name', view.spoc.name);
  scanField(scanner, out, 'spoc.email', view.spoc.email);
  scanField(scanner, out, 'spoc.phone', view.spoc.phone);
  scanField(scanner, out, 'spoc.address', view.spoc.address);
  view.deciders.forEach((d, i) => scanField(scanner, out, `deciders[${i}]`, d));
  view.policy.statements.forEach((s, i) => scanField(scanner, out, `policy.statements[${i}]`, s));
  for (const c of view.cases) {
    let leaks = memo?.leaks(c.reference);
    if (!leaks) {
      leaks = findCaseLeaks(c, scanner);
      memo?.keepLeaks(c.reference, leaks);
    }
    for (const l of leaks) out.push({ case: c.reference, ...l });
  }
  return out;
}

/** The register file (and top-level field) a public field came from. */
function sourceOf(register: Register, leak: ViewLeak, sources: Map<string, PublicCaseSources>): { file: string; line?: number; path: string } {
  if (!leak.case) return { file: register.configFile, path: leak.field };
  const src = sources.get(leak.case);
  const record = register.cases.get(leak.case);
  const field = leak.field.replace(/\[.*$/, '');
  const index = Number(/\[(\d+)\]/.exec(leak.field)?.[1] ?? 0);
  const req = record?.request;
  if (field === 'subject' || field === 'question') {
    const used = field === 'question' && req?.value.public_summary?.trim() ? 'public_summary' : field === 'question' ? 'text' : 'subject';
    return { file: src?.request ?? req?.file ?? '', line: req?.lines[used], path: used };
  }
  if (field === 'clarifications') {
    const file = src?.clarifications[index] ?? src?.request ?? '';
    const entry = record?.entries.find((e) => e.file === file);
    return { file, line: entry?.lines.text, path: 'text' };
  }
  if (field === 'reasons' || field === 'exemptions' || field === 'decided_by') {
    const file = src?.decision ?? src?.request ?? '';
    const entry = record?.entries.find((e) => e.file === file);
    return { file, line: entry?.lines[field], path: field === 'decided_by' ? field : `${field}[${index}]` };
  }
  const file = src?.response ?? src?.request ?? '';
  const entry = record?.entries.find((e) => e.file === file);
  const used = field === 'attachments' ? 'attachments' : entry?.value.kind === 'response' && entry.value.public_text?.trim() ? 'public_text' : 'text';
  return { file, line: entry?.lines[used], path: field === 'attachments' ? `attachments[${index}].name` : used };
}

/** Check rule `identifiable` (error): the public view built as `build` would, scanned field by field. */
export const identifiable: Rule = (register) => {
  if (!register.config) return [];
  const identities = candidateIdentities(register);
  if (identities.length === 0) return [];
  // Every case that would be published once approved, not only those approved so far.
  const { view, sources } = fullPublicView(register);
  const leaks = findViewLeaks(view, createLeakScanner(identities), publicCaseMemo(register));
  return leaks.map((leak): Finding => {
    const src = sourceOf(register, leak, sources);
    return {
      code: 'identifiable',
      severity: 'error',
      case: leak.case,
      file: src.file || undefined,
      line: src.line,
      path: src.path,
      message: `the published text would still contain "${leak.form}", which identifies candidate ${leak.candidateId}`,
      hint: leak.case
        ? 'add the words to `private`, or give public wording (public_summary / public_text), with `evenhand correct`; or record the form on the candidate so redaction knows it'
        : 'register.yaml text is published as it stands: reword it so it names no candidate',
    };
  });
};
