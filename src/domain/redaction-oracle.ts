// The identity scan as it was before docs/decisions/0031 made it cheaper: the reference that the
// fast scan is held to. scan-equivalence.test.ts runs both over hostile texts and asserts the same
// hits and leaks; src/bench/scan-bench.ts times both. Not used by the CLI.
// Only the steps that changed are kept here as they were (the views and their pre-tests, the one
// hashtag-and-address pattern, the e-mail anchor test, a register compiled per scanner); the rest
// of the scan is the register's own (redaction-matcher.ts).
import { forEachMatch } from './form-patterns.js';
import type { CandidateIdentity } from './identity-forms.js';
import { distinctLeaks, type FoundForm, type Leak } from './redaction.js';
import { CompiledRegister } from './redaction-matcher.js';
import { TOKEN_IN_OUTPUT } from './redaction-tokens.js';
import { displayedView, foldWithMap, type View } from './text-folding.js';

const NEEDS_FOLDING = /[^\x00-\x5f\x61-\x7f]/;
const MAY_BE_ESCAPED = /[&\\%]/;
const MAY_BE_SPLIT = /[\u2005-\u200A\u202F\u205F]|\p{L}-[ \t]*\r?\n/u;
const EMAIL_ANCHOR = /@|[[(]\s*at\s*[\])]|\sat\s/giu;
const SLUG_TOKEN = /#[\p{L}\p{N}_]{3,}|(?:https?:\/\/|www\.)[^\s<>"')\]]+|[\p{L}\p{N}.\-]+\.(?:com|org|net|uk|io|co|me|social|info|page|site)\/[^\s<>"')\]]*/giu;

/** Every hashtag and web address, as the one pattern finds them. */
export function referenceSlugTokens(text: string): { at: number; token: string }[] {
  const out: { at: number; token: string }[] = [];
  forEachMatch(SLUG_TOKEN, text, (m) => out.push({ at: m.index, token: m[0] }));
  return out;
}

/** The views of a text, as they were made. */
export function referenceViewsOf(text: string): View[] {
  const raw: View = NEEDS_FOLDING.test(text) ? foldWithMap(text, false) : { text, from: null, orig: null, end: null };
  const views = [raw];
  if (MAY_BE_ESCAPED.test(text)) {
    const decoded = foldWithMap(text, true);
    if (decoded.text !== raw.text) views.push(decoded);
  }
  if (MAY_BE_SPLIT.test(text)) views.push(foldWithMap(text, MAY_BE_ESCAPED.test(text), true));
  const shown = displayedView(text);
  if (shown) views.push(shown);
  return views;
}

/** The compiled register with its hashtags, addresses and e-mail test as they were. */
export class ReferenceRegister extends CompiledRegister {
  protected override slugTokens(text: string, fn: (at: number, token: string) => void): void {
    forEachMatch(SLUG_TOKEN, text, (m) => fn(m.index, m[0]));
  }

  protected override mayHoldAddress(text: string): boolean {
    EMAIL_ANCHOR.lastIndex = 0;
    return EMAIL_ANCHOR.test(text);
  }
}

/** The leak scanner as it was: its own compiled register, every view of the text scanned. */
export function createReferenceLeakScanner(candidates: CandidateIdentity[]): { scan(text: string): Leak[] } {
  const register = new ReferenceRegister(candidates);
  return {
    scan(text: string): Leak[] {
      const masked = /[[&%]/.test(text) ? text.replace(TOKEN_IN_OUTPUT, (t) => '\u0000'.repeat(t.length)) : text;
      const found: FoundForm[] = [];
      for (const view of referenceViewsOf(masked)) {
        register.scan(view, (hit) => {
          for (const e of hit.entries) found.push({ candidateId: e.candidateId, form: e.form, start: hit.start, end: hit.end });
        });
      }
      return distinctLeaks(found);
    },
  };
}
