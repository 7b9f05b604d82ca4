import { isCommonGivenName, isCommonWord, PARTICLES, ROLE_WORDS, SUFFIXES, TITLES } from './name-words.js';
import type { FormerValues } from './former-identity.js';
import { nameVariants } from './given-names.js';
import { foldString } from './text-folding.js';

export interface CandidateIdentity {
  id: string;
  name: string;
  aliases: string[];
  party?: string;
  emails: string[];
  phones: string[];
  handles: string[];
  /** Values the candidate had before (replaced names, parties, contacts): still identity forms. */
  former?: Partial<FormerValues>;
}

// ---------------------------------------------------------------------------------------------
// Identity forms
// ---------------------------------------------------------------------------------------------

export type FormKind = 'name' | 'party' | 'email' | 'phone' | 'handle';

export interface FormSpec {
  kind: FormKind;
  /** The form as shown to people (identityForms, leak messages). */
  text: string;
  /** Common-word form: every word must be capitalised in the text. */
  weak?: boolean;
  /** Starts with an initial: the initial must be a capital ("S. Hughes", not "it's hughes"). */
  initial?: boolean;
  /** Handles only: also match without the "@". */
  bare?: boolean;
  /**
   * One word that is a name only in a name context or capitalised (name-context.ts): a surname that
   * is an everyday word ("Hope"), a given name or its short form ("Maggie", "Will"). With `weak`
   * too, a capitalised one must also not be plainly an ordinary word ("Good Friday", "2 May").
   */
  contextual?: boolean;
}

/** Lower-case letters and digits only: how forms that differ only in spacing or punctuation are compared. */
export function formKey(s: string): string {
  // Each letter as its capital folds, in lower case: "Н" folds to the lookalike "H" but "н" has
  // none, so both must key as "h" for "ШЕВЧЕНКО" and "Шевченко" to be one name.
  let out = '';
  for (const ch of foldString(s).toLowerCase()) out += foldString(ch.toUpperCase()).toLowerCase();
  return out.replace(/[^\p{L}\p{N}]/gu, '');
}

export function splitWords(name: string): string[] {
  return name
    .trim()
    .split(/\s+/)
    .map((w) => w.replace(/^[,;:]+|[,;:]+$/g, ''))
    .filter((w) => formKey(w) !== '');
}

/** Name words without leading titles and trailing honours. */
export function nameWords(name: string): string[] {
  const words = splitWords(name);
  while (words.length > 1 && TITLES.has(formKey(words[0]))) words.shift();
  while (words.length > 1 && SUFFIXES.has(formKey(words[words.length - 1]))) words.pop();
  return words;
}

/** "Neill" in "O'Neill", "Arcy" in "D'Arcy": people drop the prefix ("Ms Neill"). */
function apostropheTail(word: string): string[] {
  const m = /^(?:O|D|L|Mc|Mac)['\u2018\u2019\u02BC](\p{L}{3,})$/u.exec(word);
  return m ? [m[1]] : [];
}

function hyphenHalves(word: string): string[] {
  const halves = foldString(word).split('-').filter((h) => formKey(h) !== '');
  return halves.length > 1 ? word.split(/[-\u2010-\u2015\u2212]/).filter((h) => formKey(h) !== '') : [];
}

export function letterCount(s: string): number {
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
  for (const part of [last, ...hyphenHalves(last)]) surnames.push(...apostropheTail(part));
  // A two-letter surname ("Li", "Ma") is an everyday syllable: it needs the same care as a common word.
  const isWeak = (s: string) => splitWords(s).length === 1 && (isCommonWord(formKey(s)) || letterCount(s) <= 2);
  for (const s of surnames) {
    // A one-letter "surname" is not identifying and would redact every "a".
    if (letterCount(s) >= 2) forms.push({ kind: 'name', text: s, weak: isWeak(s), contextual: isWeak(s) });
  }
  if (words.length >= 2) {
    const first = words[0];
    const firstNames = [first, ...hyphenHalves(first)].filter((f) => letterCount(f) >= 2);
    const initialLetter = [...foldString(first)].find((ch) => /\p{L}/u.test(ch));
    for (const s of surnames) {
      for (const f of firstNames) forms.push({ kind: 'name', text: `${f} ${s}` });
      if (initialLetter) forms.push({ kind: 'name', text: `${initialLetter.toUpperCase()}. ${s}`, initial: true, weak: isWeak(s) });
    }
    forms.push(...givenNameForms(words));
  }
  return forms;
}

/**
 * Each given name and its usual short forms, alone ("Thanks, Zoë", "- Maggie"): they need a capital
 * or a name context; an everyday word or a two-letter name ("Will", "Al") needs more
 * (name-context.ts). With a surname each word is found on its own ("Maggie [candidate]").
 */
function givenNameForms(words: string[]): FormSpec[] {
  const forms: FormSpec[] = [];
  const given = words.slice(0, -1).filter((w) => !PARTICLES.has(formKey(w)) && letterCount(w) >= 2);
  for (const g of given) {
    const variants = [g, ...nameVariants(formKey(g)).map((v) => v[0].toUpperCase() + v.slice(1))];
    for (const v of variants) {
      if (letterCount(v) < 2) continue;
      const everyday = isCommonGivenName(formKey(v)) || letterCount(v) <= 2;
      forms.push({ kind: 'name', text: v, contextual: true, weak: everyday });
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

/** Every party a candidate has stood for in the register. */
function partiesOf(c: CandidateIdentity): string[] {
  return [c.party, ...(c.former?.parties ?? [])].filter((p): p is string => p !== undefined && partyKey(p) !== '');
}

/**
 * A party identifies whenever it narrows the requester to fewer than three people on the roster,
 * withdrawn candidates included (only one of two may be standing; issue 11).
 */
function partyForms(c: CandidateIdentity, all: CandidateIdentity[]): FormSpec[] {
  return partiesOf(c).flatMap((p) => {
    const key = partyKey(p);
    const sharing = all.filter((o) => partiesOf(o).some((q) => partyKey(q) === key)).length;
    return sharing < 3 ? onePartyForms(p) : [];
  });
}

function onePartyForms(typed: string): FormSpec[] {
  const key = partyKey(typed);
  const party = typed.trim();
  const forms: FormSpec[] = [{ kind: 'party', text: party, weak: splitWords(party).length === 1 && isCommonWord(key) }];
  // "the Wessex Green candidate" names the party without the word "Party".
  const short = party.replace(/^the\s+/i, '').replace(/\s+party$/i, '').trim();
  if (short !== party && letterCount(short) >= 2) {
    forms.push({ kind: 'party', text: short, weak: splitWords(short).length === 1 && isCommonWord(formKey(short)) });
  }
  return forms;
}

/** The handle itself, from "@sianforpcc", "sianforpcc" or "https://x.com/sianforpcc". */
export function handleBody(handle: string): string {
  const trimmed = handle.trim().replace(/\/+$/, '');
  const lastSegment = trimmed.includes('/') ? trimmed.slice(trimmed.lastIndexOf('/') + 1) : trimmed;
  return foldString(lastSegment.replace(/^@+/, ''));
}

/** A bare handle that is a short or everyday word ("hope") would match ordinary text: require the "@". */
function bareHandleAllowed(body: string): boolean {
  return body.length >= 4 && !isCommonWord(body);
}

export function describeForms(c: CandidateIdentity, all: CandidateIdentity[]): FormSpec[] {
  const forms: FormSpec[] = [];
  // The name and aliases as typed come first, so that they are the forms a leak message names.
  if (formKey(c.name)) forms.push({ kind: 'name', text: c.name.trim() });
  const aliases = c.aliases.filter((a) => formKey(a));
  // An alias the SPOC typed is matched in any case, even a single everyday word.
  for (const alias of aliases) forms.push({ kind: 'name', text: alias.trim() });
  forms.push(...personalNameForms(c.name));
  for (const alias of aliases) if (looksLikePersonalName(alias)) forms.push(...personalNameForms(alias));
  // Names the candidate had before: the full name as typed, and every form derived from it.
  const formerNames = (c.former?.names ?? []).filter((n) => formKey(n));
  for (const n of formerNames) forms.push({ kind: 'name', text: n.trim() });
  for (const n of formerNames) if (looksLikePersonalName(n)) forms.push(...personalNameForms(n));
  const emails = [...c.emails, ...(c.former?.emails ?? [])];
  const phones = [...c.phones, ...(c.former?.phones ?? [])];
  const handles = [...c.handles, ...(c.former?.handles ?? [])];
  for (const email of emails) if (email.trim()) forms.push({ kind: 'email', text: email.trim() });
  for (const phone of phones) if (phoneDigits(phone)) forms.push({ kind: 'phone', text: phone.trim() });
  for (const handle of handles) {
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
    // The same words as a strong form and a weak or contextual one: keep the strong (matches more).
    if (!prior) seen.set(key, f);
    else {
      const weak = prior.weak === true && f.weak === true;
      const contextual = prior.contextual === true && f.contextual === true;
      if (weak !== (prior.weak === true) || contextual !== (prior.contextual === true)) seen.set(key, { ...prior, weak, contextual });
    }
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

/** The digits that stay the same however a number is written: UK numbers without +44, 0044, (0) or the leading 0. */
export function phoneDigits(phone: string): { digits: string; uk: boolean } | undefined {
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
