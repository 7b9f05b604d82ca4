// Redaction and the leak gate: one set of identity forms per candidate, compiled once, used both to
// redact public text and to scan rendered output. Pure: no disk, clock or terminal.
//
// How matching works. Text is first "folded" into a view that is easy to match (accents stripped,
// apostrophe and hyphen variants unified, invisible characters dropped, and, for rendered output,
// HTML entities / JSON and Markdown escapes / percent-escapes decoded), keeping a map from every
// folded character back to the original text. Matches found in the view are mapped back, so the
// output keeps every character that was not an identity exactly as it was.
//
// Rules (see the tests for examples):
// - Name forms: full name; each alias; every trailing run of name words ("O'Connor Hughes", "Hughes");
//   each half of a hyphenated surname; first name + any of those; initial + any of those. A bare
//   first name is never a form unless it is an alias.
// - Between the words of a form the text may have any run of whitespace (line breaks included),
//   apostrophes, hyphens, dots or underscores, or nothing at all ("OConnor-Hughes", "SianHughes").
// - A form must start and end at a word edge: not next to a letter ("Lee" is not in "Leeds"), except
//   at a camelCase join ("#VoteHughes"). Hyphens, apostrophes and digits are edges: "Hughes-led",
//   "Hughes's" and "hughes2024" are caught; so is the place "Lee-on-the-Solent" (over-redaction).
// - Common-word surnames ("Baker", "Hope", "Brown", "Young"): on their own, or after an initial,
//   they match only capitalised ("Baker", "BAKER", "S. Baker"), never "a baker" or "we hope".
//   With the first name ("sam baker") they match in any case.
// - A party is a form only when exactly one candidate in the register stands for it.
// - Over-redaction is preferred to a leak: where in doubt, a form matches.

export interface CandidateIdentity {
  id: string;
  name: string;
  aliases: string[];
  party?: string;
  emails: string[];
  phones: string[];
  handles: string[];
}

export interface Redactor {
  /** Public-safe text: every identity form, email, UK phone, UK postcode, @handle and private span replaced. */
  redact(text: string, privateSpans?: string[]): string;
}

/** One identity form found by the leak gate. `form` is the form as the register holds it, `index` is where it starts. */
export interface Leak {
  candidateId: string;
  form: string;
  index: number;
}

export const REDACTION_TOKENS = {
  candidate: '[candidate]',
  email: '[email]',
  phone: '[phone]',
  postcode: '[postcode]',
  handle: '[handle]',
  party: '[party]',
  private: '[private]',
} as const;

type TokenKind = keyof typeof REDACTION_TOKENS;

// ---------------------------------------------------------------------------------------------
// Word lists
// ---------------------------------------------------------------------------------------------

/**
 * Surnames (and party words) that are also everyday English words. On their own they are matched
 * only when capitalised, so "a baker" and "we hope" survive while "Baker" and "HOPE" do not.
 * A surname missing from this list is matched in any case: that over-redacts, it never leaks.
 */
const COMMON_WORDS = new Set(
  `
  a an am as at be by do go he if in is it me my no of on or so to up us we
  able alliance april baker bank banks barber bark barker barn bass bay beach bean bear beck bell bells best
  bird bishop black bloom blue bolt bond bone booth bower bowler brace brand brewer bridge bridges
  bright brook brooks brown buck bull bunting burn burns bush butcher butler cake cannon card carpenter
  carter cash castle chalk chamberlain chambers chance chase cheese church clay close coates cole
  collar constable cook cooke cooper cotton crane cross crow dale dance dancer dawn day deal dean dear
  deer dove down downs drake drew duck duke dyer eagle earl early east english fair faith farmer field
  fields finch fish fisher fletcher flower flowers ford forest forester fox frank free freeman friend
  frost fry fuller gale gardener gates gay gentle gill glass gold golden good goodman goose grace grant
  gray green grey guest hale hall hammer hand hands hardy harper hart harvest hatch hawk hay head heart
  heath hedge hedges high hill hills holder holly home hood hook hope horn house howe hunt hunter ivy
  jack jay jewel joy judge keen king kite knight lake lamb land lane lark law lawyer light lily little
  lock locke long lord love lovely major march mark marks marsh marshal marshall martin mason may mayor
  meadow meadows mellow merry mill miller millar mills moon moore moss mould nail noble north nurse
  oak oakes orchard over page paine palmer paradise park parker parks parrot parson patience payne
  peace pearl penny pepper person pike pine piper pitt plant pledge plum plumb pond pool pope porter
  potter pound power powers price pride prince proud quick rains raven ray read reader reed reeves
  reform rice rich rider ridge ring rivers robin rock rose ross rowe royal rush sage sale salt sands
  savage scales seal sexton sharp shaw shepherd sheriff shield ship shore short silver singer skinner
  slade slater small smart snow sole south spark sparks spear speed spencer spring squire stamp starr
  steel steele sterling steward stock stocks stone storm stout strange street strong summer summers
  swan sweet swift tall tanner temple thatcher thorn tower tree trim trout tucker tune turner vale
  vicar vine wade wake walker wall walls ward warren wash waters way weaver webb well wells west wheeler
  white wild wilde will wills wing winter wise wolf wood woods wool worth wren yard young
  labour liberal conservative independent green unionist democrat democrats socialist workers heritage
  `
    .split(/\s+/)
    .filter(Boolean),
);

/** Words before a name that are not part of it ("Dr Jane Smith", "Councillor Hughes"). */
const TITLES = new Set(
  'mr mrs ms miss mx dr prof professor sir dame lord lady cllr councillor rev revd reverend hon rt the'.split(' '),
);
/** Words after a name that are not part of it ("John Smith OBE"). */
const SUFFIXES = new Set('jr jnr sr snr ii iii iv obe mbe cbe kbe dbe qpm kc qc mp msp ms am mla jp dl phd esq'.split(' '));
/** Lower-case words that belong inside surnames ("van der Berg", "ap Rhys", "Ní Bhriain"). */
const PARTICLES = new Set('van von der den de del della di da du la le ap ab bin ibn al el ni nic mac st'.split(' '));
/** Aliases containing these words describe a role, not a name, so no surname is derived from them. */
const ROLE_WORDS = new Set(
  'candidate candidates party team campaign office pcc commissioner police crime council agent the for and of'.split(' '),
);

function isCommonWord(folded: string): boolean {
  return COMMON_WORDS.has(folded.toLowerCase());
}

// ---------------------------------------------------------------------------------------------
// Folding: the view that matching runs on, with a map back to the original text
// ---------------------------------------------------------------------------------------------

const APOSTROPHES = new Set(['\u2018', '\u2019', '\u201B', '\u02BC', '\u02BB', '\u02BD', '\u02B9', '\u0060', '\u00B4', '\u2032', '\uFF07']);
const HYPHENS = new Set(['\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212', '\uFE58', '\uFE63', '\uFF0D']);
// Letters that Unicode does not decompose into a base letter plus accent.
const UNDECOMPOSABLE: Record<string, string> = {
  ø: 'o', Ø: 'O', ł: 'l', Ł: 'L', đ: 'd', Đ: 'D', ð: 'd', Ð: 'D', þ: 'th', Þ: 'Th', æ: 'ae', Æ: 'AE',
  œ: 'oe', Œ: 'OE', ß: 'ss', ẞ: 'SS', ı: 'i', ħ: 'h', Ħ: 'H', ŧ: 't', Ŧ: 'T', ŀ: 'l', Ŀ: 'L', ς: 'σ',
};
const MARKS_AND_FORMATS = /[\p{M}\p{Cf}]/gu;

function foldSimple(ch: string): string {
  if (APOSTROPHES.has(ch)) return "'";
  if (HYPHENS.has(ch)) return '-';
  return UNDECOMPOSABLE[ch] ?? ch;
}

const foldCache = new Map<string, string>();

/** One code point → its matching form: no accents, one apostrophe, one hyphen, no invisible characters. */
function foldCodePoint(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code < 0x80) return code === 0x60 ? "'" : ch;
  const cached = foldCache.get(ch);
  if (cached !== undefined) return cached;
  let out = foldSimple(ch);
  if (out === ch) {
    // NFKD also folds compatibility forms: full-width letters, ligatures ("ﬁ"), the long s.
    out = '';
    for (const c of ch.normalize('NFKD').replace(MARKS_AND_FORMATS, '')) out += foldSimple(c);
  }
  if (foldCache.size < 20_000) foldCache.set(ch, out);
  return out;
}

function foldString(s: string): string {
  let out = '';
  for (const ch of s) out += foldCodePoint(ch);
  return out;
}

/**
 * A folded view of a text, with a map from each folded unit back to its range in the original.
 * The map is kept as segments (most of a rendered page is plain ASCII that folds to itself): in an
 * identity segment unit k is the one original character `orig[s] + (k - from[s])`; in any other,
 * every unit of the segment comes from the range `orig[s]`…`end[s]`. `from` is null when the view
 * is the text itself.
 */
interface View {
  text: string;
  from: number[] | null;
  orig: number[] | null;
  /** -1 marks an identity segment. */
  end: number[] | null;
}

// Pure ASCII without a backtick folds to itself, which is the common case: skip the map.
const NEEDS_FOLDING = /[^\x00-\x5f\x61-\x7f]/;
// Only texts with one of these can hold an escaped form of a name.
const MAY_BE_ESCAPED = /[&\\%]/;

function viewsOf(text: string): View[] {
  const raw: View = NEEDS_FOLDING.test(text) ? foldWithMap(text, false) : { text, from: null, orig: null, end: null };
  if (!MAY_BE_ESCAPED.test(text)) return [raw];
  // Both views are searched: the decoded one finds "O&#39;Connor", the raw one guards against a
  // decoding that swallowed a letter ("\naylor").
  const decoded = foldWithMap(text, true);
  return decoded.text === raw.text ? [raw] : [raw, decoded];
}

function foldWithMap(text: string, decode: boolean): View {
  const parts: string[] = [];
  const from: number[] = [];
  const orig: number[] = [];
  const end: number[] = [];
  let n = 0;
  let i = 0;
  while (i < text.length) {
    // Copy a run of plain ASCII in one go: it folds to itself.
    let j = i;
    for (; j < text.length; j++) {
      const c = text.charCodeAt(j);
      if (c >= 0x80 || c === 0x60 || (decode && (c === 0x26 || c === 0x5c || c === 0x25))) break;
    }
    if (j > i) {
      const last = from.length - 1;
      if (last < 0 || end[last] !== -1 || orig[last] + (n - from[last]) !== i) {
        from.push(n);
        orig.push(i);
        end.push(-1);
      }
      parts.push(text.slice(i, j));
      n += j - i;
      i = j;
      if (i >= text.length) break;
    }
    const code = text.charCodeAt(i);
    let folded: string | undefined;
    let next = i + 1;
    if (decode && (code === 0x26 || code === 0x5c || code === 0x25)) {
      const d = decodeEscapeAt(text, i);
      if (d) {
        folded = foldString(d.text);
        next = d.end;
      }
    }
    if (folded === undefined) {
      if (code < 0x80) folded = code === 0x60 ? "'" : text[i];
      else {
        const ch = String.fromCodePoint(text.codePointAt(i)!);
        folded = foldCodePoint(ch);
        next = i + ch.length;
      }
    }
    if (folded.length === 0) {
      // A combining accent or invisible character belongs to the letter before it: the last unit
      // now ends after it (split off into a segment of its own when it shares one).
      if (n > 0) {
        const s = from.length - 1;
        if (from[s] === n - 1) end[s] = next;
        else {
          const unitStart = end[s] === -1 ? orig[s] + (n - 1 - from[s]) : orig[s];
          from.push(n - 1);
          orig.push(unitStart);
          end.push(next);
        }
      }
    } else {
      from.push(n);
      orig.push(i);
      end.push(next);
      parts.push(folded);
      n += folded.length;
    }
    i = next;
  }
  return { text: oneByte(parts.join('')), from, orig, end };
}

const BEYOND_LATIN1 = /[^\x00-\xff]/;

/**
 * The same text, stored one byte per character when it fits. A slice of a text holding one "–" is
 * stored two bytes per character however plain the slice, and the name patterns' Unicode classes
 * run several times slower over such a string: a rendered page folded to ASCII would pay that.
 */
function oneByte(s: string): string {
  return BEYOND_LATIN1.test(s) ? s : Buffer.from(s, 'latin1').toString('latin1');
}

/** The segment holding folded unit k. */
function segmentOf(from: number[], k: number): number {
  let lo = 0;
  let hi = from.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (from[mid] <= k) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The original range of folded units a…b (b exclusive, b > a). */
function toOriginal(view: View, a: number, b: number): [number, number] {
  const { from, orig, end } = view;
  if (!from || !orig || !end) return [a, b];
  const s = segmentOf(from, a);
  const start = end[s] === -1 ? orig[s] + (a - from[s]) : orig[s];
  const t = segmentOf(from, b - 1);
  const stop = end[t] === -1 ? orig[t] + (b - 1 - from[t]) + 1 : end[t];
  return [start, stop];
}

// ---- decoding escapes found in rendered output (HTML, XML, JSON, Markdown, URLs) ----

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', rsquo: '\u2019', lsquo: '\u2018',
  sbquo: '\u201A', rdquo: '\u201D', ldquo: '\u201C', ndash: '\u2013', mdash: '\u2014', hyphen: '\u2010',
  dash: '\u2010', minus: '\u2212', shy: '\u00AD', zwj: '\u200D', zwnj: '\u200C', ZeroWidthSpace: '\u200B',
  prime: '\u2032', period: '.', commat: '@', lowbar: '_', comma: ',', szlig: 'ß', aelig: 'æ', AElig: 'Æ',
  oelig: 'œ', OElig: 'Œ', eth: 'ð', ETH: 'Ð', thorn: 'þ', THORN: 'Þ', ensp: ' ', emsp: ' ', thinsp: ' ',
};
const ACCENTED_ENTITY = /^([A-Za-z])(?:acute|grave|circ|uml|tilde|ring|cedil|slash|caron|macr|breve|ogon|dot|dblac|strok)$/;
const ENTITY_AT = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{1,31}));/y;
const BACKSLASH_AT = /\\(?:u([0-9a-fA-F]{4})|u\{([0-9a-fA-F]{1,6})\}|x([0-9a-fA-F]{2})|([nrtfv])|([^A-Za-z0-9\s]))/y;
const PERCENT_RUN_AT = /(?:%[0-9a-fA-F]{2})+/y;

function fromCodePointSafe(n: number): string | undefined {
  if (!Number.isFinite(n) || n < 0 || n > 0x10ffff) return undefined;
  return String.fromCodePoint(n);
}

function decodeEscapeAt(text: string, i: number): { text: string; end: number } | undefined {
  const c = text[i];
  if (c === '&') {
    ENTITY_AT.lastIndex = i;
    const m = ENTITY_AT.exec(text);
    if (!m) return undefined;
    let out: string | undefined;
    if (m[1] !== undefined) out = fromCodePointSafe(parseInt(m[1], 10));
    else if (m[2] !== undefined) out = fromCodePointSafe(parseInt(m[2], 16));
    else out = NAMED_ENTITIES[m[3]] ?? ACCENTED_ENTITY.exec(m[3])?.[1];
    if (out === undefined) return undefined;
    const end = ENTITY_AT.lastIndex;
    // Escaped twice, as HTML inside an Atom feed is: "O&amp;#39;Connor" is "O'Connor".
    if (out === '&' && text[end] !== '&') {
      const inner = decodeEscapeAt('&' + text.slice(end, end + 40), 0);
      if (inner && inner.text !== '&') return { text: inner.text, end: end + inner.end - 1 };
    }
    return { text: out, end };
  }
  if (c === '\\') {
    BACKSLASH_AT.lastIndex = i;
    const m = BACKSLASH_AT.exec(text);
    if (!m) return undefined;
    let out: string | undefined;
    if (m[1] !== undefined) out = String.fromCharCode(parseInt(m[1], 16));
    else if (m[2] !== undefined) out = fromCodePointSafe(parseInt(m[2], 16));
    else if (m[3] !== undefined) out = String.fromCharCode(parseInt(m[3], 16));
    else if (m[4] !== undefined) out = ' ';
    else out = m[5];
    return out === undefined ? undefined : { text: out, end: BACKSLASH_AT.lastIndex };
  }
  if (c === '%') {
    PERCENT_RUN_AT.lastIndex = i;
    const m = PERCENT_RUN_AT.exec(text);
    if (!m) return undefined;
    try {
      return { text: decodeURIComponent(m[0]), end: PERCENT_RUN_AT.lastIndex };
    } catch {
      const n = parseInt(text.slice(i + 1, i + 3), 16);
      return n >= 0x20 && n < 0x7f ? { text: String.fromCharCode(n), end: i + 3 } : undefined;
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Identity forms
// ---------------------------------------------------------------------------------------------

type FormKind = 'name' | 'party' | 'email' | 'phone' | 'handle';

interface FormSpec {
  kind: FormKind;
  /** The form as shown to people (identityForms, leak messages). */
  text: string;
  /** Common-word form: every word must be capitalised in the text. */
  weak?: boolean;
  /** Starts with an initial: the initial must be a capital ("S. Hughes", not "it's hughes"). */
  initial?: boolean;
  /** Handles only: also match without the "@". */
  bare?: boolean;
}

/** Lower-case letters and digits only: how forms that differ only in spacing or punctuation are compared. */
function formKey(s: string): string {
  return foldString(s).toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

function splitWords(name: string): string[] {
  return name
    .trim()
    .split(/\s+/)
    .map((w) => w.replace(/^[,;:]+|[,;:]+$/g, ''))
    .filter((w) => formKey(w) !== '');
}

/** Name words without leading titles and trailing honours. */
function nameWords(name: string): string[] {
  const words = splitWords(name);
  while (words.length > 1 && TITLES.has(formKey(words[0]))) words.shift();
  while (words.length > 1 && SUFFIXES.has(formKey(words[words.length - 1]))) words.pop();
  return words;
}

function hyphenHalves(word: string): string[] {
  const halves = foldString(word).split('-').filter((h) => formKey(h) !== '');
  return halves.length > 1 ? word.split(/[-\u2010-\u2015\u2212]/).filter((h) => formKey(h) !== '') : [];
}

function letterCount(s: string): number {
  return formKey(s).replace(/\p{N}/gu, '').length;
}

/** Forms derived from a personal name: surnames, first name + surname, initial + surname. */
function personalNameForms(name: string): FormSpec[] {
  const words = nameWords(name);
  if (words.length === 0) return [];
  const forms: FormSpec[] = [];
  const last = words[words.length - 1];
  // Every trailing run of words may be the surname ("van der Berg", "O'Connor Hughes"), and each
  // half of a double-barrelled surname identifies on its own.
  const surnames: string[] = [];
  for (let k = Math.min(1, words.length - 1); k < words.length; k++) surnames.push(words.slice(k).join(' '));
  surnames.push(...hyphenHalves(last));
  const isWeak = (s: string) => splitWords(s).length === 1 && isCommonWord(formKey(s));
  for (const s of surnames) {
    // A one-letter "surname" is not identifying and would redact every "a".
    if (letterCount(s) >= 2) forms.push({ kind: 'name', text: s, weak: isWeak(s) });
  }
  if (words.length >= 2) {
    const first = words[0];
    const firstNames = [first, ...hyphenHalves(first)].filter((f) => letterCount(f) >= 2);
    const initialLetter = [...foldString(first)].find((ch) => /\p{L}/u.test(ch));
    for (const s of surnames) {
      for (const f of firstNames) forms.push({ kind: 'name', text: `${f} ${s}` });
      if (initialLetter) forms.push({ kind: 'name', text: `${initialLetter.toUpperCase()}. ${s}`, initial: true, weak: isWeak(s) });
    }
  }
  return forms;
}

/** An alias that reads like a personal name ("Mrs Sian Jones", "Councillor Hughes") also yields surname forms. */
function looksLikePersonalName(alias: string): boolean {
  const words = nameWords(alias);
  if (words.length === 0 || words.length > 3) return false;
  const capitalised = (w: string) => /^\P{L}*\p{Lu}/u.test(foldString(w)) || PARTICLES.has(formKey(w));
  return words.every((w) => capitalised(w) && !ROLE_WORDS.has(formKey(w)));
}

function partyKey(party: string | undefined): string {
  return party === undefined ? '' : formKey(party);
}

/** A party identifies a candidate only when no other candidate in the register stands for it. */
function partyForms(c: CandidateIdentity, all: CandidateIdentity[]): FormSpec[] {
  const key = partyKey(c.party);
  if (!key || c.party === undefined) return [];
  if (all.some((o) => o.id !== c.id && partyKey(o.party) === key)) return [];
  const party = c.party.trim();
  const forms: FormSpec[] = [{ kind: 'party', text: party, weak: splitWords(party).length === 1 && isCommonWord(key) }];
  // "the Wessex Green candidate" names the party without the word "Party".
  const short = party.replace(/^the\s+/i, '').replace(/\s+party$/i, '').trim();
  if (short !== party && letterCount(short) >= 2) {
    forms.push({ kind: 'party', text: short, weak: splitWords(short).length === 1 && isCommonWord(formKey(short)) });
  }
  return forms;
}

/** The handle itself, from "@sianforpcc", "sianforpcc" or "https://x.com/sianforpcc". */
function handleBody(handle: string): string {
  const trimmed = handle.trim().replace(/\/+$/, '');
  const lastSegment = trimmed.includes('/') ? trimmed.slice(trimmed.lastIndexOf('/') + 1) : trimmed;
  return foldString(lastSegment.replace(/^@+/, ''));
}

/** A bare handle that is a short or everyday word ("hope") would match ordinary text: require the "@". */
function bareHandleAllowed(body: string): boolean {
  return body.length >= 4 && !isCommonWord(body);
}

function describeForms(c: CandidateIdentity, all: CandidateIdentity[]): FormSpec[] {
  const forms: FormSpec[] = [];
  // The name and aliases as typed come first, so that they are the forms a leak message names.
  if (formKey(c.name)) forms.push({ kind: 'name', text: c.name.trim() });
  const aliases = c.aliases.filter((a) => formKey(a));
  // An alias the SPOC typed is matched in any case, even a single everyday word.
  for (const alias of aliases) forms.push({ kind: 'name', text: alias.trim() });
  forms.push(...personalNameForms(c.name));
  for (const alias of aliases) if (looksLikePersonalName(alias)) forms.push(...personalNameForms(alias));
  for (const email of c.emails) if (email.trim()) forms.push({ kind: 'email', text: email.trim() });
  for (const phone of c.phones) if (phoneDigits(phone)) forms.push({ kind: 'phone', text: phone.trim() });
  for (const handle of c.handles) {
    const body = handleBody(handle);
    if (!body) continue;
    const bare = bareHandleAllowed(body);
    forms.push({ kind: 'handle', text: `@${body}`, bare });
  }
  forms.push(...partyForms(c, all));
  return dedupeForms(forms);
}

function dedupeForms(forms: FormSpec[]): FormSpec[] {
  const seen = new Map<string, FormSpec>();
  for (const f of forms) {
    const key = `${f.kind === 'party' ? 'party' : f.kind}:${f.kind === 'name' || f.kind === 'party' ? formKey(f.text) : f.text.toLowerCase()}:${f.initial ? 'i' : ''}`;
    const prior = seen.get(key);
    // The same words as a strong form and a weak one: keep the strong (matches more).
    if (!prior) seen.set(key, f);
    else if (prior.weak && !f.weak) seen.set(key, { ...prior, weak: false });
  }
  return [...seen.values()];
}

/** Every form that identifies `c`: names, aliases, surnames, emails, phones, handles, and a party only `c` stands for. */
export function identityForms(c: CandidateIdentity, all: CandidateIdentity[]): string[] {
  const out: string[] = [];
  for (const f of describeForms(c, all)) {
    out.push(f.text);
    if (f.kind === 'handle' && f.bare) out.push(f.text.slice(1));
  }
  return [...new Set(out)];
}

// ---------------------------------------------------------------------------------------------
// Compiling forms into regular expressions
// ---------------------------------------------------------------------------------------------

const escapeRegExp = (s: string) => s.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');

/** What may stand between the words of a name: any whitespace, apostrophes, hyphens, dots, underscores, or nothing. */
const NAME_GAP = "[\\s'._\\-]*";
const NAME_GAP_CHARS = /^[\s'._-]*$/u;
// Word edges. Case-sensitive properties, so these regexes never use the `i` flag (under /iu, \p{Lu}
// also matches lower case); case-insensitive letters are written as classes like [hH] instead.
// A form starts after a non-letter (consumed, which V8 runs far faster than a lookbehind at every
// position), or at a camelCase join ("#VoteHughes"), which a second regex finds in the rare texts
// that have one. Group 1 is the form itself.
const AFTER_NON_LETTER = '(?:^|[^\\p{L}\\p{M}])';
const AFTER_LOWER_BEFORE_UPPER = '\\p{Ll}(?=\\p{Lu})';
const HAS_CAMEL_JOIN = /\p{Ll}\p{Lu}/u;
const NAME_END = '(?:(?![\\p{L}\\p{M}])|(?<=\\p{Ll})(?=\\p{Lu}))';

function anyCase(ch: string): string {
  const lo = ch.toLowerCase();
  const up = lo.toUpperCase();
  if (up !== lo && up.toLowerCase() === lo && [...up].length === 1 && [...lo].length === 1) return `[${lo}${up}]`;
  return escapeRegExp(ch);
}

function upperOnly(ch: string): string {
  const up = ch.toUpperCase();
  return [...up].length === 1 ? escapeRegExp(up) : anyCase(ch);
}

/** A name or party form as a sequence of regex units (one per letter, one per gap), for the trie. */
function nameUnits(form: FormSpec): string[] {
  const folded = foldString(form.text).toLowerCase();
  const units: string[] = [];
  let gap = '';
  let word = 0;
  let inWord = false;
  for (const ch of folded) {
    if (/[\p{L}\p{N}]/u.test(ch)) {
      if (!inWord) {
        if (units.length > 0) units.push(gapUnit(gap));
        gap = '';
        inWord = true;
        const capital = form.weak || (form.initial && word === 0);
        units.push(capital ? upperOnly(ch) : anyCase(ch));
        word++;
      } else {
        units.push(anyCase(ch));
      }
    } else {
      inWord = false;
      gap += ch;
    }
  }
  return units;
}

function gapUnit(gap: string): string {
  if (NAME_GAP_CHARS.test(gap)) return NAME_GAP;
  // Other punctuation inside an alias ("Sian & Co") must be there, with any spacing around it.
  const literal = [...gap].filter((ch) => !/[\s'._-]/u.test(ch)).map(escapeRegExp);
  return NAME_GAP + literal.join(NAME_GAP) + NAME_GAP;
}

interface TrieNode {
  children: Map<string, TrieNode>;
  end: boolean;
}

function trieToPattern(node: TrieNode): string {
  const alternatives = [...node.children].map(([unit, child]) => unit + trieToPattern(child));
  if (alternatives.length === 0) return '';
  const body = alternatives.length === 1 ? alternatives[0] : `(?:${alternatives.join('|')})`;
  if (!node.end) return body;
  // A shorter form ends here: the longer continuation is optional (tried first, greedily).
  return alternatives.length === 1 ? `(?:${body})?` : `${body}?`;
}

/**
 * Forms sharing a beginning share one branch of the regex ("Hughes", "Hughes-Smith"), so a text is
 * scanned once for all candidates, not once per form. Each form is a list of units (one regex
 * fragment per character or gap); `entries` maps the key of what matched back to its forms.
 */
class FormTrie<E> {
  private readonly root: TrieNode = { children: new Map(), end: false };
  readonly entries = new Map<string, E[]>();

  get isEmpty(): boolean {
    return this.root.children.size === 0;
  }

  add(units: string[], key: string, entry: E): void {
    if (units.length === 0) return;
    let node = this.root;
    for (const unit of units) {
      let child = node.children.get(unit);
      if (!child) node.children.set(unit, (child = { children: new Map(), end: false }));
      node = child;
    }
    node.end = true;
    const list = this.entries.get(key) ?? [];
    list.push(entry);
    this.entries.set(key, list);
  }

  /** The alternation of every form. */
  pattern(): string {
    return trieToPattern(this.root);
  }
}

interface NameEntry {
  candidateId: string;
  form: string;
  kind: 'name' | 'party';
  weak: boolean;
}

interface LiteralEntry {
  candidateId: string;
  form: string;
  kind: 'email' | 'phone' | 'handle';
}

/** Candidates' email addresses, one capture group each: the group that matched says whose it was. */
class EmailSet {
  private readonly patterns = new Map<string, LiteralEntry[]>();
  private re: RegExp | null = null;
  private entries: LiteralEntry[][] = [];

  add(pattern: string, entry: LiteralEntry): void {
    const list = this.patterns.get(pattern) ?? [];
    list.push(entry);
    this.patterns.set(pattern, list);
  }

  compile(): void {
    if (this.patterns.size === 0) return;
    this.entries = [...this.patterns.values()];
    const groups = [...this.patterns.keys()].map((p) => `(${p})`);
    // Email patterns hold no case-sensitive property escapes, so `i` is safe here.
    this.re = new RegExp(groups.join('|'), 'giu');
  }

  scan(view: View, found: (hit: Hit) => void): void {
    if (!this.re) return;
    forEachMatch(this.re, view.text, (m) => {
      const group = m.findIndex((g, i) => i > 0 && g !== undefined);
      const entries = this.entries[group - 1] ?? [];
      const [start, end] = toOriginal(view, m.index, m.index + m[0].length);
      found({ start, end, kind: 'email', entries });
    });
  }
}

const WEB_AT = '(?:@|\\s*[\\[(]\\s*at\\s*[\\])]\\s*)';
const WEB_DOT = '(?:\\.|\\s*[\\[(]\\s*dot\\s*[\\])]\\s*)';

function emailPattern(email: string): string {
  const folded = foldString(email.trim());
  const at = folded.lastIndexOf('@');
  if (at <= 0) return `(?<![\\p{L}\\p{N}_])${escapeRegExp(folded)}(?![\\p{L}\\p{N}_])`;
  const local = folded.slice(0, at);
  const domain = folded.slice(at + 1);
  // Plus-addressing reaches the same mailbox: sian+pcc@… is sian@….
  const tag = local.includes('+') ? '' : '(?:\\+[\\p{L}\\p{N}._\\-]*)?';
  const domainPattern = domain.split('.').map(escapeRegExp).join(WEB_DOT);
  // No check after the domain: "sian@example.org07700…" glued to a number is still her address.
  return `(?<![\\p{L}\\p{N}._%+\\-])${escapeRegExp(local)}${tag}${WEB_AT}${domainPattern}`;
}

/** The digits that stay the same however a number is written: UK numbers without +44, 0044, (0) or the leading 0. */
function phoneDigits(phone: string): { digits: string; uk: boolean } | undefined {
  const typed = foldString(phone).trim();
  let digits = typed.replace(/\D/g, '');
  let uk = true;
  if (typed.startsWith('+') || digits.startsWith('00')) {
    if (digits.startsWith('00')) digits = digits.slice(2);
    if (digits.startsWith('44')) digits = digits.slice(2).replace(/^0/, '');
    else uk = false;
  } else {
    digits = digits.replace(/^0/, '');
  }
  return digits.length >= 6 ? { digits, uk } : undefined;
}

const PHONE_GAP = '[\\s.\\-()]{0,3}';
// "(01632) 960 001": the bracket is part of the number only when the area code closes it, so
// "(07700 900123)" keeps its brackets round the token.
const OPEN_AREA_CODE = '\\(\\s*0(?=\\d{2,5}\\s*\\))';
// Every way a UK number's trunk is written before the same digits. Never starts with whitespace,
// so the space before a number is kept.
const UK_PREFIX = `(?:(?:(?:\\+|00)[\\s.\\-]*)?44[\\s.\\-]*(?:\\(\\s*0\\s*\\)[\\s.\\-]*)?|(?:\\(0\\)|${OPEN_AREA_CODE}|0)[\\s.\\-]*)?`;
// A phone number needs six digits in a row, give or take spacing: skip texts without them.
const SIX_DIGITS = /\d(?:[\s.\-()]{0,3}\d){5}/;

function phoneUnits(digits: string): string[] {
  const units: string[] = [];
  for (const d of digits) {
    if (units.length) units.push(PHONE_GAP);
    units.push(d);
  }
  return units;
}

const HANDLE_EDGE = '[\\p{L}\\p{N}_]';

/** A handle's characters, letters in either case ("@SianForPCC" is "@sianforpcc"). */
function handleUnits(body: string): string[] {
  return [...body.toLowerCase()].map(anyCase);
}

/** Something found in a text: where (in the original), what kind, and which candidates' forms. */
interface Hit {
  start: number;
  end: number;
  kind: TokenKind;
  entries: { candidateId: string; form: string }[];
}

/** Every candidate's forms, compiled once per register. Shared by the redactor and the leak gate. */
class CompiledRegister {
  private readonly names = new FormTrie<NameEntry>();
  private readonly nameRe: RegExp | null;
  private readonly camelNameRe: RegExp | null;
  private readonly emails = new EmailSet();
  private readonly ukPhones = new FormTrie<LiteralEntry>();
  private readonly otherPhones = new FormTrie<LiteralEntry>();
  private readonly phoneRe: RegExp | null;
  private readonly anyHandles = new FormTrie<LiteralEntry>();
  private readonly bareHandles = new FormTrie<LiteralEntry>();
  private readonly handleRe: RegExp | null;

  constructor(candidates: CandidateIdentity[]) {
    for (const c of candidates) {
      for (const form of describeForms(c, candidates)) {
        if (form.kind === 'name' || form.kind === 'party') {
          const entry: NameEntry = { candidateId: c.id, form: form.text, kind: form.kind, weak: form.weak === true };
          this.names.add(nameUnits(form), formKey(form.text), entry);
        } else if (form.kind === 'email') {
          this.emails.add(emailPattern(form.text), { candidateId: c.id, form: form.text, kind: 'email' });
        } else if (form.kind === 'phone') {
          const p = phoneDigits(form.text);
          const entry: LiteralEntry = { candidateId: c.id, form: form.text, kind: 'phone' };
          if (p) (p.uk ? this.ukPhones : this.otherPhones).add(phoneUnits(p.digits), p.digits, entry);
        } else {
          const body = form.text.slice(1);
          const entry: LiteralEntry = { candidateId: c.id, form: form.text, kind: 'handle' };
          this.anyHandles.add(handleUnits(body), body.toLowerCase(), entry);
          if (form.bare) this.bareHandles.add(handleUnits(body), body.toLowerCase(), entry);
        }
      }
    }
    const names = this.names.isEmpty ? '' : `(${this.names.pattern()})${NAME_END}`;
    this.nameRe = names ? new RegExp(AFTER_NON_LETTER + names, 'gu') : null;
    this.camelNameRe = names ? new RegExp(AFTER_LOWER_BEFORE_UPPER + names, 'gu') : null;
    this.emails.compile();
    // Group 1: the number; group 2: the digits of a UK number after its trunk prefix; group 3: those of any other number.
    const phones = [
      this.ukPhones.isEmpty ? '(?!)()' : `${UK_PREFIX}(${this.ukPhones.pattern()})`,
      this.otherPhones.isEmpty ? '(?!)()' : `(?:(?:\\+|00)\\s*)?(${this.otherPhones.pattern()})`,
    ];
    this.phoneRe = this.ukPhones.isEmpty && this.otherPhones.isEmpty ? null : new RegExp(`(?:^|\\D)((?:${phones.join('|')}))(?!\\d)`, 'gu');
    // Group 1: the handle; group 2: a handle after "@"; group 3: a handle written without it.
    const handles = [
      this.anyHandles.isEmpty ? '(?!)()' : `@\\s?(${this.anyHandles.pattern()})`,
      this.bareHandles.isEmpty ? '(?!)()' : `(${this.bareHandles.pattern()})`,
    ];
    this.handleRe = this.anyHandles.isEmpty ? null : new RegExp(`(?:^|[^\\p{L}\\p{N}_])((?:${handles.join('|')}))(?!${HANDLE_EDGE})`, 'gu');
  }

  /** Calls `found` for every candidate form in the view. */
  scan(view: View, found: (hit: Hit) => void): void {
    const onName = (from: number, to: number, m: RegExpExecArray) => {
      const matched = m[1];
      const [start, end] = toOriginal(view, from, to);
      const entries = this.nameEntriesFor(matched);
      const kind: TokenKind = entries.length > 0 && entries.every((e) => e.kind === 'party') ? 'party' : 'candidate';
      // No entry can only mean a key mismatch between form and text (a bug): still report it, unattributed.
      found({ start, end, kind, entries: entries.length ? entries : [{ candidateId: '', form: matched }] });
    };
    if (this.nameRe) forEachEdgedMatch(this.nameRe, view.text, onName);
    if (this.camelNameRe && HAS_CAMEL_JOIN.test(view.text)) forEachEdgedMatch(this.camelNameRe, view.text, onName);
    if (mayHoldEmail(view.text)) this.emails.scan(view, found);
    if (this.phoneRe && SIX_DIGITS.test(view.text)) {
      forEachEdgedMatch(this.phoneRe, view.text, (from, to, m) => {
        const [start, end] = toOriginal(view, from, to);
        const trie = m[2] !== undefined ? this.ukPhones : this.otherPhones;
        const entries = trie.entries.get((m[2] ?? m[3] ?? '').replace(/\D/g, '')) ?? [];
        found({ start, end, kind: 'phone', entries });
      });
    }
    if (this.handleRe) {
      forEachEdgedMatch(this.handleRe, view.text, (from, to, m) => {
        const [start, end] = toOriginal(view, from, to);
        const entries = this.anyHandles.entries.get((m[2] ?? m[3] ?? '').toLowerCase()) ?? [];
        found({ start, end, kind: 'handle', entries });
      });
    }
  }

  private nameEntriesFor(matched: string): NameEntry[] {
    const entries = this.names.entries.get(formKey(matched)) ?? [];
    // Two candidates may share letters where only one form is a common word: "hope" is the alias
    // of one, but only "Hope" is the surname of the other.
    const capitalised = !/(?<![\p{L}\p{N}])\p{Ll}/u.test(matched);
    const fitting = entries.filter((e) => !e.weak || capitalised);
    return fitting.length ? fitting : entries;
  }
}

const HAS_DIGIT = /\d/;
const BRACKETED_AT = /[[(]\s*at\s*[\])]/i;
function mayHoldEmail(text: string): boolean {
  return text.includes('@') || BRACKETED_AT.test(text);
}

/**
 * For regexes that consume the character before the match proper (group 1, which runs to the end
 * of the match). The next search starts inside this match, so that its last character can serve
 * as the edge before the next one.
 */
function forEachEdgedMatch(re: RegExp, text: string, fn: (start: number, end: number, m: RegExpExecArray) => void): void {
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const end = m.index + m[0].length;
    const start = end - m[1].length;
    if (end > start) fn(start, end, m);
    re.lastIndex = Math.max(start + 1, end - 1);
  }
}

function forEachMatch(re: RegExp, text: string, fn: (m: RegExpExecArray) => void): void {
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    fn(m);
  }
}

// ---------------------------------------------------------------------------------------------
// Generic detectors: any email, UK phone, UK postcode or @handle, whoever it belongs to
// ---------------------------------------------------------------------------------------------

// Like the name regexes, each consumes one edge character before the match proper (group 1).
const ANY_EMAIL = new RegExp(
  `(?:^|[^\\p{L}\\p{N}._%+\\-])([\\p{L}\\p{N}_+\\-][\\p{L}\\p{N}._%+\\-']*${WEB_AT}` +
    `(?:[\\p{L}\\p{N}](?:[\\p{L}\\p{N}\\-]*[\\p{L}\\p{N}])?${WEB_DOT})+\\p{L}{2,})(?![\\p{L}\\p{N}\\-])`,
  'giu',
);
// UK numbers: +44 / 0044 / (0) / 0, then 9 or 10 digits with any spacing, brackets, dots or hyphens.
const ANY_UK_PHONE = new RegExp(
  `(?:^|[^\\d+])((?:(?:\\+|00)[\\s.\\-]*44[\\s.\\-]*(?:\\(\\s*0\\s*\\)[\\s.\\-]*)?|${OPEN_AREA_CODE}|0)[1-9](?:${PHONE_GAP}\\d){8,9})(?!\\d)`,
  'gu',
);
// Any other international number written with a +.
const ANY_INTERNATIONAL_PHONE = new RegExp(`(?:^|[^\\d+])(\\+[1-9](?:${PHONE_GAP}\\d){6,14})(?!\\d)`, 'gu');
// UK postcodes in every valid shape (A9, A99, A9A, AA9, AA99, AA9A + inward 9AA), any case, with or without the space.
const ANY_POSTCODE = new RegExp(
  '(?:^|[^\\p{L}\\p{N}])(GIR\\s*0AA|[A-PR-UWYZ](?:\\d[A-HJKPSTUW\\d]?|[A-HK-Y]\\d[ABEHMNPRV-Y\\d]?)\\s*\\d[ABD-HJLNP-UW-Z]{2})(?![\\p{L}\\p{N}])',
  'giu',
);
// Social handles not in the register still point at a person (an agent, a supporter, a new account).
const ANY_HANDLE = /(?:^|[^\p{L}\p{N}._%+\-@])(@[\p{L}\p{N}_](?:[\p{L}\p{N}_.\-]*[\p{L}\p{N}_])?)/gu;

// Each with a cheap test that skips texts it cannot match.
const GENERIC_DETECTORS: [RegExp, TokenKind, (text: string) => boolean][] = [
  [ANY_EMAIL, 'email', mayHoldEmail],
  [ANY_UK_PHONE, 'phone', (t) => HAS_DIGIT.test(t)],
  [ANY_INTERNATIONAL_PHONE, 'phone', (t) => t.includes('+')],
  [ANY_POSTCODE, 'postcode', (t) => HAS_DIGIT.test(t)],
  [ANY_HANDLE, 'handle', (t) => t.includes('@')],
];

// ---------------------------------------------------------------------------------------------
// Redaction
// ---------------------------------------------------------------------------------------------

// The tokens redaction writes are not leaks, even for a candidate whose name is "Party" or "Handle";
// nor are they once a renderer has escaped their brackets ("\\[party\\]" in Markdown, "%5Bparty%5D").
// Only the lower-case token words as written are masked, so "[Handle]" in a text is still a name.
const TOKEN_IN_OUTPUT =
  /(?:\\?\[|&#0*91;|&#[xX]0*5[bB];|&lsqb;|&lbrack;|%5[bB])(?:candidate|email|phone|postcode|handle|party|private)(?:\\?\]|&#0*93;|&#[xX]0*5[dD];|&rsqb;|&rbrack;|%5[dD])/g;

/** Blanks out redaction tokens, keeping the length so that indexes still point into the text as given. */
function maskTokens(text: string): string {
  return /[[&%]/.test(text) ? text.replace(TOKEN_IN_OUTPUT, (t) => '\u0000'.repeat(t.length)) : text;
}

interface Span {
  start: number;
  end: number;
  kind: TokenKind;
}

// When spans overlap they become one; the longest names the token, ties go to the more specific.
const KIND_RANK: Record<TokenKind, number> = { private: 0, email: 1, phone: 2, handle: 3, postcode: 4, candidate: 5, party: 6 };

function replaceSpans(text: string, spans: Span[]): string {
  if (spans.length === 0) return text;
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  let out = '';
  let pos = 0;
  let i = 0;
  while (i < spans.length) {
    let best = spans[i];
    const start = best.start;
    let end = best.end;
    for (i++; i < spans.length && spans[i].start < end; i++) {
      const s = spans[i];
      const longer = s.end - s.start - (best.end - best.start);
      if (longer > 0 || (longer === 0 && KIND_RANK[s.kind] < KIND_RANK[best.kind])) best = s;
      end = Math.max(end, s.end);
    }
    out += text.slice(pos, start) + REDACTION_TOKENS[best.kind];
    pos = end;
  }
  return out + text.slice(pos);
}

/** Private spans: the exact words, in any case, with any (or no) whitespace between them. */
function privateSpanPattern(span: string): RegExp | null {
  const words = foldString(span).trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return null;
  return new RegExp(words.map(escapeRegExp).join('\\s*'), 'giu');
}

/** Compiles every candidate's forms once; `redact` then costs a few regex scans per text. */
export function createRedactor(candidates: CandidateIdentity[]): Redactor {
  const register = new CompiledRegister(candidates);
  const privateCache = new Map<string, RegExp | null>();
  const privatePattern = (span: string): RegExp | null => {
    let re = privateCache.get(span);
    if (re === undefined) {
      if (privateCache.size > 1000) privateCache.clear();
      re = privateSpanPattern(span);
      privateCache.set(span, re);
    }
    return re;
  };
  return {
    redact(text: string, privateSpans: string[] = []): string {
      const spans: Span[] = [];
      const privates = privateSpans.map(privatePattern).filter((re): re is RegExp => re !== null);
      for (const view of viewsOf(text)) {
        for (const re of privates) {
          forEachMatch(re, view.text, (m) => {
            const [start, end] = toOriginal(view, m.index, m.index + m[0].length);
            spans.push({ start, end, kind: 'private' });
          });
        }
        register.scan(view, (hit) => spans.push({ start: hit.start, end: hit.end, kind: hit.kind }));
        for (const [re, kind, worthScanning] of GENERIC_DETECTORS) {
          if (!worthScanning(view.text)) continue;
          forEachEdgedMatch(re, view.text, (from, to) => {
            const [start, end] = toOriginal(view, from, to);
            spans.push({ start, end, kind });
          });
        }
      }
      let out = replaceSpans(text, spans);
      // A token can give a neighbour the word edge it lacked: in "…0999SIANFORPCC" the handle is
      // glued to the number, in "[phone]SIANFORPCC" it is not. Scan the output as the gate will
      // and redact again until nothing is left; each round replaces text by tokens, so it ends.
      for (let round = 0; spans.length > 0 && round < 10; round++) {
        const again: Span[] = [];
        for (const view of viewsOf(maskTokens(out))) {
          register.scan(view, (hit) => again.push({ start: hit.start, end: hit.end, kind: hit.kind }));
        }
        if (again.length === 0) break;
        out = replaceSpans(out, again);
      }
      return out;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The leak gate
// ---------------------------------------------------------------------------------------------

/** Precompiled `findLeaks`: compile once per register, then scan every rendered file. */
export function createLeakScanner(candidates: CandidateIdentity[]): { scan(text: string): Leak[] } {
  const register = new CompiledRegister(candidates);
  return {
    scan(text: string): Leak[] {
      const masked = maskTokens(text);
      const found: { candidateId: string; form: string; start: number; end: number }[] = [];
      for (const view of viewsOf(masked)) {
        register.scan(view, (hit) => {
          for (const e of hit.entries) found.push({ candidateId: e.candidateId, form: e.form, start: hit.start, end: hit.end });
        });
      }
      // One leak per occurrence: "Hughes" seen in the raw text is the tail of "O&#39;Connor-Hughes"
      // seen decoded, so only the longer is reported.
      found.sort((a, b) => a.candidateId.localeCompare(b.candidateId) || a.start - b.start || b.end - a.end || a.form.localeCompare(b.form));
      const leaks: Leak[] = [];
      let cover: (typeof found)[number] | undefined;
      let last = '';
      for (const f of found) {
        if (cover?.candidateId !== f.candidateId) cover = undefined;
        const inside = cover !== undefined && (cover.end > f.end || (cover.end === f.end && cover.start < f.start));
        const key = `${f.candidateId}\u0000${f.start}\u0000${f.end}\u0000${f.form}`;
        if (!inside && key !== last) leaks.push({ candidateId: f.candidateId, form: f.form, index: f.start });
        last = key;
        if (!cover || f.end > cover.end) cover = f;
      }
      return leaks.sort((a, b) => a.index - b.index || a.candidateId.localeCompare(b.candidateId) || a.form.localeCompare(b.form));
    },
  };
}

/** The leak gate: every identity form of every candidate still present in rendered output (HTML, Markdown, CSV, JSON, Atom). */
export function findLeaks(text: string, candidates: CandidateIdentity[]): Leak[] {
  return createLeakScanner(candidates).scan(text);
}
