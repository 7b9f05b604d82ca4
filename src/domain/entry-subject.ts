// The subject line of an entry's commit, made from the entry itself. The commands write it and the
// audit checks that it still matches the file (issue 10: a subject saying "refuse" over a file
// saying "provide" means the file or the commit was made or changed by hand).

/** The few values of an entry its subject line is made from, normalised (booleans as booleans). */
export type SubjectFields = Record<string, string | boolean>;

/**
 * The top-level keys each kind's subject reads; `foi` and `publish` are booleans or (publish) a
 * map, the rest one-line text. A correction's subject also names the fields it sets (read in full).
 */
export const SUBJECT_KEYS: Record<string, readonly string[]> = {
  request: ['category', 'channel', 'foi'],
  decision: ['outcome', 'decided_by'],
  response: ['channel', 'sent_on', 'publish'],
  confirmation: ['channel', 'sent_on'],
  clarification: ['received'],
  extension: ['new_due'],
  correction: ['corrects', 'set'],
  referral: ['to'],
  notification: ['to'],
  approval: ['sha256'],
};

/** The subject fields of a parsed entry (schema defaults applied), or undefined when one is missing. */
export function subjectFields(kind: string, v: Record<string, unknown>): SubjectFields | undefined {
  const keys = SUBJECT_KEYS[kind];
  if (!keys) return undefined;
  const out: SubjectFields = {};
  for (const k of keys) {
    const value = v[k];
    if (k === 'foi') out.foi = value === true;
    else if (k === 'publish') out.withheld = typeof value === 'object' && value !== null;
    else if (k === 'set') {
      if (typeof value !== 'object' || value === null) return undefined;
      out.fields = Object.keys(value).join(', ');
    } else if (typeof value === 'string') out[k] = value;
    else return undefined;
  }
  return out;
}

/** The commit subject evenhand gives an entry: `<command> <case>: …` (src/commands/<command>.ts). */
export function entrySubject(caseId: string, kind: string, f: SubjectFields): string | undefined {
  switch (kind) {
    case 'request':
      return `request ${caseId}: ${f.category} by ${f.channel}${f.foi ? ' (FOI)' : ''}`;
    case 'decision':
      return `decide ${caseId}: ${f.outcome} (${f.decided_by})`;
    case 'response':
      return `respond ${caseId}: sent by ${f.channel} on ${f.sent_on}${f.withheld ? ' (withheld from publication)' : ''}`;
    case 'confirmation':
      return `confirm ${caseId}: confirmed in writing by ${f.channel} on ${f.sent_on}`;
    case 'clarification':
      return `clarification ${caseId}: received ${f.received}`;
    case 'extension':
      return `extend ${caseId}: due ${f.new_due} (public interest)`;
    case 'correction':
      return `correct ${caseId}: ${f.corrects} (${f.fields})`;
    case 'referral':
      return `refer ${caseId}: to ${f.to}`;
    case 'notification':
      return `notify ${caseId}: ${f.to}`;
    case 'approval':
      return `approve ${caseId}: public text ${String(f.sha256).slice(0, 12)}`;
    default:
      return undefined;
  }
}

/** The subject for an entry about to be written. */
export function subjectFor(caseId: string, entry: { kind: string } & Record<string, unknown>): string {
  const s = entrySubject(caseId, entry.kind, subjectFields(entry.kind, entry) ?? {});
  if (s === undefined) throw new Error(`no commit subject for a ${entry.kind} entry`);
  return s;
}
