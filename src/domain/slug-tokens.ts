// Hashtags and web addresses in a text, where a candidate's name can be glued to other words in
// any case ("#votemorgan", "facebook.com/amorgan"): the matcher looks for slugs inside these.
// Found as one pattern would find them, leftmost first, consumed whole:
//   #[\p{L}\p{N}_]{3,} | (?:https?://|www\.)[^\s<>"')\]]+ | [\p{L}\p{N}.\-]+\.(?:com|…)/[^\s<>"')\]]*
// but the third, a bare address ("facebook.com/amorgan"), is not tried at every letter: that ran
// the rest of each word again from every letter (quadratic per word; docs/decisions/0031). Its
// slash ends a run of address characters, and it matches from inside a run only where it also
// matches from the run's start, so it is looked for where a top-level domain and a slash end a run.
export const SLUG_HINT = /#|\/|www\./;
const TAG_OR_URL = /#[\p{L}\p{N}_]{3,}|(?:https?:\/\/|www\.)[^\s<>"')\]]+/giu;
// The top-level domain before a slash (at most ".social", seven characters).
const TLD_BEFORE = /\.(?:com|org|net|uk|io|co|me|social|info|page|site)$/iu;
const BARE_ADDRESS_HERE = /[\p{L}\p{N}.\-]+\.(?:com|org|net|uk|io|co|me|social|info|page|site)\/[^\s<>"')\]]*/iuy;
const ADDRESS_CHAR = /^[\p{L}\p{N}.\-]$/u;

interface Token {
  at: number;
  text: string;
}

/** Where the run of address characters that ends at `end` starts (by code points, as the pattern reads). */
function runStart(text: string, end: number): number {
  let s = end;
  while (s > 0) {
    const low = text.charCodeAt(s - 1);
    const width = low >= 0xdc00 && low <= 0xdfff && s > 1 && (text.charCodeAt(s - 2) & 0xfc00) === 0xd800 ? 2 : 1;
    if (!ADDRESS_CHAR.test(text.slice(s - width, s))) break;
    s -= width;
  }
  return s;
}

/** The bare address at `at`, if one starts there. */
function bareAddressAt(text: string, at: number): Token | null {
  BARE_ADDRESS_HERE.lastIndex = at;
  const m = BARE_ADDRESS_HERE.exec(text);
  return m ? { at, text: m[0] } : null;
}

/**
 * The first bare address that starts where a run of address characters starts, at or after
 * `from`. Found from the slashes (a search for one character is far cheaper than a pattern tried
 * at every full stop); a domain's letters are address characters, so the run that ends at the
 * slash is the one the domain ends.
 */
function nextBareAddress(text: string, from: number): Token | null {
  for (let slash = text.indexOf('/', from); slash >= 0; slash = text.indexOf('/', slash + 1)) {
    if (!TLD_BEFORE.test(text.slice(Math.max(0, slash - 7), slash))) continue;
    const start = runStart(text, slash);
    if (start < from) continue;
    const token = bareAddressAt(text, start);
    if (token) return token;
  }
  return null;
}

function nextTagOrUrl(text: string, from: number): Token | null {
  TAG_OR_URL.lastIndex = from;
  const m = TAG_OR_URL.exec(text);
  return m ? { at: m.index, text: m[0] } : null;
}

/** Every hashtag and web address in `text`, leftmost first, as the one pattern above finds them. */
export function forEachSlugToken(text: string, fn: (at: number, token: string) => void): void {
  let tag = nextTagOrUrl(text, 0);
  let bare = nextBareAddress(text, 0);
  while (tag || bare) {
    // At the same place the pattern tries a hashtag or a scheme first.
    const token = tag && (!bare || tag.at <= bare.at) ? tag : bare!;
    fn(token.at, token.text);
    let pos = token.at + token.text.length;
    // A hashtag can end inside a run of address characters ("#vote.example.com/x"): a search
    // resumed there tries a bare address from that point too.
    if (token.text[0] === '#') {
      const glued = bareAddressAt(text, pos);
      if (glued) {
        fn(glued.at, glued.text);
        pos += glued.text.length;
      }
    }
    if (tag && tag.at < pos) tag = nextTagOrUrl(text, pos);
    if (bare && bare.at < pos) bare = nextBareAddress(text, pos);
  }
}
