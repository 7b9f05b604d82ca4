import { isCommonWord, PARTICLES, ROLE_WORDS, SUFFIXES, TITLES } from './name-words.js';
import { foldString } from './text-folding.js';

export interface CandidateIdentity {
  id: string;
  name: string;
  aliases: string[];
  party?: string;
  emails: string[];
  phones: string[];
  handles: string[];
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
}

/** Lower-case letters and digits only: how forms that differ only in spacing or punctuation are compared. */
export function formKey(s: string): string {
  return foldString(s).toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
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
