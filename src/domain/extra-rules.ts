// Rules that live in their own modules (e.g. `identifiable`, from the publication issue).
// Loaded only when `check` runs: the identifiable rule pulls in redaction and the public view.
import type { Rule } from './checks.js';

export async function loadExtraRules(): Promise<Rule[]> {
  const { identifiable } = await import('./identifiable.js');
  return [identifiable];
}
