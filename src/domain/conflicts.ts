// Contradictory entries in one case (issue 10): two decisions that both stand, a decision recorded
// after the response went out, two responses. One process cannot write them any more (every
// workflow rule is judged inside the write lock), but two offices can, each on its own clone,
// and `sync` brings both in: each is a new file, so git merges them without a word. `check`
// reports them (rule conflicting-entries) with the correction that resolves them, and `build`
// refuses to publish such a case rather than choose a response for the office (ADR 0010).
// Pure: no disk, no git.
import type { Finding } from './findings.js';
import type { CaseRecord, Loaded, Register } from './register-model.js';
import type { CaseEntry, DecisionEntry, ResponseEntry } from './schemas.js';

export interface Conflict {
  case: string;
  /** The entry that contradicts `with`, the one recorded earlier in the case. */
  entry: Loaded<DecisionEntry | ResponseEntry>;
  with: Loaded<DecisionEntry | ResponseEntry>;
  kind: 'two-decisions' | 'decision-after-response' | 'two-responses';
}

/**
 * Walks the case in order. A clarification from the candidate starts a new round (a decision to
 * ask for clarification, then the real decision, each may have its response); within a round at
 * most one decision and one response stand, and the decision comes first.
 */
export function caseConflicts(c: CaseRecord): Conflict[] {
  const out: Conflict[] = [];
  let decision: Loaded<DecisionEntry> | undefined;
  let response: Loaded<ResponseEntry> | undefined;
  for (const e of c.entries as Loaded<CaseEntry>[]) {
    const v = e.value;
    if (v.kind === 'clarification') {
      decision = undefined;
      response = undefined;
    } else if (v.kind === 'decision') {
      const d = e as Loaded<DecisionEntry>;
      if (response) out.push({ case: c.id, entry: d, with: response, kind: 'decision-after-response' });
      else if (decision) out.push({ case: c.id, entry: d, with: decision, kind: 'two-decisions' });
      else decision = d;
    } else if (v.kind === 'response') {
      const r = e as Loaded<ResponseEntry>;
      if (response) out.push({ case: c.id, entry: r, with: response, kind: 'two-responses' });
      else response = r;
    }
  }
  return out;
}

/** The decision and response standing in the case's latest round (since the last clarification). */
export function currentRound(c: CaseRecord): { decision?: Loaded<DecisionEntry>; response?: Loaded<ResponseEntry> } {
  let round: { decision?: Loaded<DecisionEntry>; response?: Loaded<ResponseEntry> } = {};
  for (const e of c.entries) {
    if (e.value.kind === 'clarification') round = {};
    else if (e.value.kind === 'decision') round.decision ??= e as Loaded<DecisionEntry>;
    else if (e.value.kind === 'response') round.response ??= e as Loaded<ResponseEntry>;
  }
  return round;
}

export function registerConflicts(register: Register): Conflict[] {
  return [...register.cases.values()].flatMap(caseConflicts);
}

function describe(e: Loaded<DecisionEntry | ResponseEntry>): string {
  const v = e.value;
  return v.kind === 'decision'
    ? `${v.id} (${v.outcome}, by ${v.decided_by} on ${v.decided_on}, recorded by ${v.recorded_by})`
    : `${v.id} (sent by ${v.channel} on ${v.sent_on}, recorded by ${v.recorded_by})`;
}

/** The command that withdraws an entry: a correction, so the record keeps it and says why. */
export function withdrawCommand(caseId: string, entryId: string, why: string): string {
  return `evenhand correct ${entryId} --case ${caseId} --reason "${why}" --set withdrawn=true`;
}

export function conflictFinding(k: Conflict): Finding {
  const { entry, with: earlier } = k;
  const base = { code: 'conflicting-entries', severity: 'error' as const, case: k.case, file: entry.file, line: entry.lines.id };
  switch (k.kind) {
    case 'two-decisions':
      return {
        ...base,
        message: `two decisions stand on this case: ${describe(earlier)} and ${describe(entry)}; perhaps two offices decided it at once`,
        hint: `agree which stands, then withdraw the other with a correction, e.g. \`${withdrawCommand(k.case, entry.value.id, `Decided twice; ${earlier.value.id} stands`)}\` (or withdraw ${earlier.value.id} instead); to change the one that stands, \`evenhand correct <its id> --case ${k.case} --reason "…" --set outcome=<outcome>\``,
      };
    case 'decision-after-response':
      return {
        ...base,
        message: `decision ${describe(entry)} comes after the response ${describe(earlier)} already went out`,
        hint: `if the response carried out this decision, withdraw the earlier one (\`evenhand show ${k.case}\` lists them); if it was recorded by mistake, withdraw it: \`${withdrawCommand(k.case, entry.value.id, `Recorded after the response; the case was already answered`)}\``,
      };
    case 'two-responses':
      return {
        ...base,
        message: `two responses recorded: ${describe(earlier)} and ${describe(entry)}; the disclosure log cannot be built until one stands`,
        hint: `if one was recorded twice or by mistake, withdraw it: \`${withdrawCommand(k.case, entry.value.id, `Recorded twice; ${earlier.value.id} is the response sent`)}\`. If both really went to the candidate, withdraw the one that does not answer the request and say so in --reason (it stays in the register and in \`evenhand audit\`), or put what both said into the one that stands with \`evenhand correct <its id> --case ${k.case} --set-file text=<file>\``,
      };
  }
}

export function conflictingEntries(register: Register): Finding[] {
  return registerConflicts(register).map(conflictFinding);
}
