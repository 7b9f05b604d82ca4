// The trailers of each entry's commit (its subject: src/domain/entry-subject.ts): one place, so an
// entry committed by `evenhand recover` (after its command was killed) carries exactly what the
// command would have written. Pure.
import type { Entry } from './schemas.js';

export function entryCaseId(entry: Entry): string {
  return entry.kind === 'request' ? entry.id : entry.case;
}

/** The trailers every entry commit carries (read back by `audit`). */
export function entryCommitTrailers(entry: Entry): Record<string, string> {
  return { 'Evenhand-Case': entryCaseId(entry), 'Evenhand-Entry': `${entry.kind} ${entry.id}`, 'Recorded-By': entry.recorded_by };
}

/** The subject `evenhand candidate add` writes. */
export function candidateAddSubject(c: { id: string; status: string; incumbent?: boolean }): string {
  return `candidate add ${c.id} (${c.status}${c.incumbent ? ', incumbent' : ''})`;
}
