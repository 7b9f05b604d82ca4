// Given names and their usual short forms. Among a dozen candidates a first name identifies ("Thanks,
// Zoë", "- Maggie" for Margaret), so each candidate's given names and their diminutives are forms.
// Data: the curated has_nickname list of github.com/carltonnorthern/nicknames (Apache-2.0, see
// data/NOTICE-nicknames.txt), plus British and Irish short forms it lacks (data/name-context.json).
// Built into maps on first use only. See docs/decisions/0013-first-names-and-lookalikes.md.
import nicknames from './data/nicknames.json' with { type: 'json' };
import context from './data/name-context.json' with { type: 'json' };

let byName: Map<string, Set<string>> | undefined;
let canonical: Set<string> | undefined;

/** name → every name it is a short form of or has as a short form (both directions). */
function table(): Map<string, Set<string>> {
  if (byName) return byName;
  const map = new Map<string, Set<string>>();
  const link = (a: string, b: string) => {
    if (a === b) return;
    let s = map.get(a);
    if (!s) map.set(a, (s = new Set()));
    s.add(b);
  };
  const sources: Record<string, string[]>[] = [nicknames.names, context.extraNicknames];
  canonical = new Set();
  for (const source of sources) {
    for (const [name, shorts] of Object.entries(source)) {
      canonical.add(name);
      for (const short of shorts) {
        link(name, short);
        link(short, name);
      }
    }
  }
  byName = map;
  return map;
}

/**
 * The usual short forms of a given name ("margaret" → "maggie", "meg", …); for a name that is only
 * ever a short form, the full names it stands for too ("maggie" → "margaret"). Lower case. A full
 * name's own full names are left out: "Ann" is also short for Roseanne, which does not point at Ann.
 */
export function nameVariants(given: string): string[] {
  const g = given.toLowerCase();
  const linked = table().get(g) ?? new Set<string>();
  const isFull = canonical!.has(g);
  const shortForms = (name: string) => [
    ...((nicknames.names as Record<string, string[]>)[name] ?? []),
    ...((context.extraNicknames as Record<string, string[]>)[name] ?? []),
  ];
  const out = isFull ? new Set(shortForms(g)) : linked;
  return [...out].sort();
}

/** Whether a word is known as a given name or short form (used to tell "Good Friday" from "Jane Good"). */
export function isKnownGivenName(word: string): boolean {
  return table().has(word.toLowerCase());
}
