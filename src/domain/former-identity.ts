// What a candidate used to be called: every name, party, email, phone and handle they have had in
// the register stays an identity form for good (issue 11: a renamed candidate's earlier requests
// published her old name). Two sources: the `former` field `candidate update` keeps, and the git
// history of candidates/ (src/store/candidate-history.ts) for registers edited by hand.
import type { Candidate, FormerIdentity } from './schemas.js';

export type FormerValues = { names: string[]; parties: string[]; emails: string[]; phones: string[]; handles: string[] };

export function emptyFormer(): FormerValues {
  return { names: [], parties: [], emails: [], phones: [], handles: [] };
}

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** Adds `values` to `list` unless already there (case and outer spaces ignored). */
function addAll(list: string[], values: Iterable<string | undefined>): void {
  for (const v of values) if (v && v.trim() && !list.some((x) => same(x, v))) list.push(v.trim());
}

/** The `former` a candidate keeps after an update that changes name or party; undefined when nothing is replaced and none was kept. */
export function keepFormer(c: Candidate, change: { name?: string; party?: string }): FormerIdentity | undefined {
  const former: FormerValues = { ...emptyFormer(), ...structuredClone(c.former ?? {}) };
  if (change.name !== undefined && !same(change.name, c.name)) addAll(former.names, [c.name]);
  if (change.party !== undefined && c.party !== undefined && !same(change.party, c.party)) addAll(former.parties, [c.party]);
  const any = Object.values(former).some((l) => l.length > 0);
  return any ? former : undefined;
}

/** Values of a candidate file at some point in history, as far as they can be read. */
export interface CandidateSnapshot {
  id?: string;
  name?: unknown;
  aliases?: unknown;
  party?: unknown;
  emails?: unknown;
  phones?: unknown;
  handles?: unknown;
  former?: unknown;
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : []);

/** Folds one past version of a candidate file into what they were known by. */
export function addSnapshot(into: FormerValues, snap: CandidateSnapshot): void {
  addAll(into.names, [...strings(snap.name), ...strings(snap.aliases)]);
  addAll(into.parties, strings(snap.party));
  addAll(into.emails, strings(snap.emails));
  addAll(into.phones, strings(snap.phones));
  addAll(into.handles, strings(snap.handles));
  const f = snap.former && typeof snap.former === 'object' ? (snap.former as Record<string, unknown>) : {};
  addAll(into.names, strings(f.names));
  addAll(into.parties, strings(f.parties));
  addAll(into.emails, strings(f.emails));
  addAll(into.phones, strings(f.phones));
  addAll(into.handles, strings(f.handles));
}

/** Everything a candidate has been known by: the `former` field plus what history holds. */
export function mergeFormer(...sources: (Partial<FormerValues> | undefined)[]): FormerValues {
  const out = emptyFormer();
  for (const s of sources) if (s) addSnapshot(out, { former: s });
  return out;
}
