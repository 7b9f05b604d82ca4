// Rules that live in their own modules (e.g. `identifiable`, from the publication issue).
// Loaded only when `check` runs: the identifiable rule pulls in redaction and the public view.
import type { Rule } from './checks.js';

export async function loadExtraRules(): Promise<Rule[]> {
  const [{ identifiable }, { PROTOCOL_RULES }, { unreviewed }] = await Promise.all([import('./identifiable.js'), import('./protocol-rules.js'), import('./review.js')]);
  return [...PROTOCOL_RULES, identifiable, unreviewed];
}
