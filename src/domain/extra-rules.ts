// Rules that live in their own modules (e.g. `identifiable`, from the publication issue).
import type { Rule } from './checks.js';

export async function loadExtraRules(): Promise<Rule[]> {
  return [];
}
