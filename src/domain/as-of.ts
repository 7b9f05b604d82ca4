// The register as it stood at the end of a day (issue 13, `check --as-of`): what had been recorded
// by then. An entry recorded after the day was not there; a request received or recorded after it
// takes its whole case away. Corrections recorded later are dropped before they are applied, so
// the values judged are the values the register held on the day. Pure.
import type { CaseRecord } from './register-model.js';
import { ukDateTime } from './uk-time.js';

/** The UK date an entry was recorded (recorded_at is an instant). */
function recordedOn(recordedAt: string): string {
  const d = new Date(recordedAt);
  return Number.isNaN(d.getTime()) ? recordedAt.slice(0, 10) : ukDateTime(d).date;
}

/** A case as it stood at the end of `asOf` (YYYY-MM-DD), or undefined when it did not exist yet. */
export function caseAsOf(c: CaseRecord, asOf: string): CaseRecord | undefined {
  const req = c.request?.value;
  if (req && (req.received.slice(0, 10) > asOf || recordedOn(req.recorded_at) > asOf)) return undefined;
  const entries = c.entries.filter((e) => recordedOn(e.value.recorded_at) <= asOf);
  return entries.length === c.entries.length ? c : { ...c, entries };
}
