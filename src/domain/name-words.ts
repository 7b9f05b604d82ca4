// Word lists that decide how a name is read (data/name-words.json):
// - commonWords: surnames and party words that are also everyday English words. On their own they
//   need capitals or a name context (name-context.ts), so "a baker" and "we hope" survive. A
//   surname missing from this list is matched in any case: that over-redacts, it never leaks.
// - commonGivenNames: given names and short forms that are everyday words too ("Will", "Rich").
// - titles: words before a name that are not part of it ("Dr Jane Smith", "Councillor Hughes").
// - suffixes: words after a name that are not part of it ("John Smith OBE").
// - particles: lower-case words that belong inside surnames ("van der Berg", "ap Rhys").
// - roleWords: an alias with one of these describes a role, not a name: no surname is derived.
import words from './data/name-words.json' with { type: 'json' };

export const COMMON_WORDS = new Set(words.commonWords);
const COMMON_GIVEN_NAMES = new Set(words.commonGivenNames);
export const TITLES = new Set(words.titles);
export const SUFFIXES = new Set(words.suffixes);
export const PARTICLES = new Set(words.particles);
export const ROLE_WORDS = new Set(words.roleWords);

export function isCommonWord(folded: string): boolean {
  return COMMON_WORDS.has(folded.toLowerCase());
}

/** A given name or short form that is also an everyday word ("will", "rich", "pat"). */
export function isCommonGivenName(folded: string): boolean {
  const w = folded.toLowerCase();
  return COMMON_GIVEN_NAMES.has(w) || COMMON_WORDS.has(w);
}
