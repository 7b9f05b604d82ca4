import type { Candidate } from './schemas.js';
import { normaliseTypedId } from './ids.js';

export type CandidateMatch = { kind: 'one'; candidate: Candidate } | { kind: 'none' } | { kind: 'many'; ids: string[] };

/** What the SPOC types: an id (any case, Crockford look-alikes accepted) or an exact name or alias. */
export function findCandidate(candidates: readonly Candidate[], typed: string): CandidateMatch {
  const id = normaliseTypedId(typed);
  const byId = candidates.find((c) => c.id === id);
  if (byId) return { kind: 'one', candidate: byId };
  const key = typed.trim().toLocaleLowerCase('en-GB');
  const byName = candidates.filter((c) => [c.name, ...c.aliases].some((n) => n.toLocaleLowerCase('en-GB') === key));
  if (byName.length === 1) return { kind: 'one', candidate: byName[0] };
  if (byName.length > 1) return { kind: 'many', ids: byName.map((c) => c.id) };
  return { kind: 'none' };
}

/** Candidates declared on or before a date (the equal-treatment rule offers to all of these). */
export function declaredOn(candidates: readonly Candidate[], date: string): Candidate[] {
  return candidates.filter((c) => c.status === 'declared' && c.declared_on !== undefined && c.declared_on <= date);
}

/**
 * The candidates standing on a date: declared by then, or, until `prospectiveUntil`, every candidate
 * on the roster (one declared later was prospective then); never one who withdrew, and never a
 * requester of another kind (an agent, party or group is not a candidate).
 */
export function standingOn(candidates: readonly Candidate[], date: string, until: string | undefined): Candidate[] {
  const prospectiveCount = until !== undefined && date <= until;
  return candidates.filter(
    (c) =>
      c.kind === 'candidate' &&
      c.status !== 'withdrawn' &&
      (prospectiveCount || (c.status === 'declared' && c.declared_on !== undefined && c.declared_on <= date)),
  );
}

/** The candidate a requester asks for: themselves, or the candidate an agent acts for; none for a party or group. */
export function candidateServed(candidates: ReadonlyMap<string, { value: Candidate }>, requesterId: string): Candidate | undefined {
  const r = candidates.get(requesterId)?.value;
  if (!r) return undefined;
  if (r.kind === 'candidate') return r;
  if (r.kind === 'agent' && r.acts_for) return candidates.get(r.acts_for)?.value;
  return undefined;
}
