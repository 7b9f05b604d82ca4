// Kept apart from candidates.ts: it needs the election calendar, which `request` need not load.
import { electionTimetable } from './calendar.js';
import type { RegisterConfig } from './schemas.js';

/**
 * The last day prospective candidates count as candidates, where the protocol says they do
 * (Hampshire 1; Humberside 5.b.v): the day nominations close. After it, one who has not declared is
 * not standing. Undefined where only declared candidates count.
 */
export function prospectiveUntil(config: RegisterConfig): string | undefined {
  if (!config.policy.prospective_are_candidates) return undefined;
  const e = config.election;
  return electionTimetable(e.poll_date, e.nation, e.extra_non_working_days).nominations_close.slice(0, 10);
}
