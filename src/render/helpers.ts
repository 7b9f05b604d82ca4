// Handlebars helpers for the default templates (and any a register brings). Every helper returns
// plain text that {{ }} then escapes, except `readable` (escaped HTML with redactions marked up) and
// `md`, `mdCell` and `mdParagraphs` in a Markdown page,
// which escape for Markdown themselves and so return a SafeString; in any other page they return
// plain text like the rest (Markdown escaping does not make text safe in HTML). No helper ever
// returns data unescaped.
// Labels and dates from evenhand's own tables come back marked as the tool's fixed wording
// (fixed-wording.ts), so that the leak gate does not read "2 May 2024" or "Chief Constable" as a
// name; a label made up from an unknown code is data and is not marked.
import type HandlebarsNamespace from 'handlebars';
import type { PublicCase } from '../domain/public-view.js';
import { REDACTION_TOKENS } from '../domain/redaction.js';
import { fixed, unmarked } from './fixed-wording.js';
import { escapeMarkdown, escapeMarkdownCell } from './markdown.js';
import { categoryLabel, hasLabel, longDate, outcomeLabel, roleLabel, statusLabel } from './labels.js';

type Hbs = typeof HandlebarsNamespace;

/** Helpers get the handlebars options object as their last argument: drop it. */
function args(list: unknown[]): unknown[] {
  return list.slice(0, -1);
}

const str = (v: unknown): string => (v === null || v === undefined ? '' : String(v));
/** A value as data: any fixed-wording markers taken out. */
const plain = (v: unknown): string => unmarked(str(v));

/** Paragraphs of a text: split on blank lines; single line breaks are kept (CSS white-space: pre-line). */
export function paragraphs(text: unknown): string[] {
  return str(text)
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
}

/**
 * How each redaction reads in running text on the HTML pages (issue 13: "a candidate" reads better
 * than "[candidate]"). The open data, Markdown and feed keep the bracketed tokens, which a program
 * can find; docs/disclosure-log-format.md lists them.
 */
export const REDACTION_WORDING: Record<keyof typeof REDACTION_TOKENS, string> = {
  candidate: 'a candidate',
  email: 'an email address',
  phone: 'a phone number',
  postcode: 'a postcode',
  handle: 'a social media account',
  party: 'a party',
  private: 'text withheld',
};

const TOKEN_PATTERN = new RegExp(
  Object.values(REDACTION_TOKENS)
    .map((t) => t.replace(/[[\]]/g, '\\$&'))
    .join('|'),
  'g',
);
const WORDING_BY_TOKEN = new Map<string, string>(Object.entries(REDACTION_TOKENS).map(([kind, token]) => [token, REDACTION_WORDING[kind as keyof typeof REDACTION_TOKENS]]));

/** True when the text holds a redaction token. */
export function hasRedaction(text: unknown): boolean {
  return str(text).search(TOKEN_PATTERN) !== -1;
}

/**
 * Escaped HTML of a public text with each redaction token read as words, marked as a redaction.
 * A sentence that starts with one gets a capital ("A candidate asked …").
 */
export function readableHtml(text: unknown, escape: (s: string) => string, mark: (s: string) => string = (s) => s): string {
  const plain = str(text);
  let out = '';
  let last = 0;
  for (const m of plain.matchAll(TOKEN_PATTERN)) {
    const before = plain.slice(0, m.index);
    const startsSentence = /(^|[.!?:]\s+|\n\s*)$/.test(before);
    let words = WORDING_BY_TOKEN.get(m[0])!;
    // "the [party] dinner" reads "the party dinner", not "the a party dinner".
    if (/\b(the|a|an|this|that|my|our|your|his|her|their|its)\s+$/i.test(before)) words = words.replace(/^(a|an) /, '');
    else if (startsSentence) words = words[0].toUpperCase() + words.slice(1);
    // The words and markup are the tool's own wording (`mark` wraps them as such for the leak gate).
    out += `${escape(plain.slice(last, m.index))}${mark(`<span class="redacted">${words}<span class="visually-hidden"> (removed)</span></span>`)}`;
    last = m.index + m[0].length;
  }
  return out + escape(plain.slice(last));
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A date formatted from an ISO date is the tool's wording; anything else comes back as it was given. */
const dateText = (iso: unknown, withWeekday: boolean): string => {
  const s = plain(iso);
  return ISO_DATE.test(s.slice(0, 10)) && (s.length === 10 || s[10] === 'T') ? fixed(longDate(s, withWeekday)) : longDate(s, withWeekday);
};
const labelText = (known: (code: string) => boolean, label: (code: string) => string) => (code: unknown) => {
  const c = plain(code);
  return known(c) ? fixed(label(c)) : label(c);
};

/** Labels and dates as the helpers give them: marked as the tool's wording when they come from its tables (site.ts uses them for the feed). */
export const markedLabels = {
  date: (iso: unknown) => dateText(iso, false),
  dateWithDay: (iso: unknown) => dateText(iso, true),
  category: labelText(hasLabel.category, categoryLabel),
  outcome: labelText(hasLabel.outcome, outcomeLabel),
  status: labelText(hasLabel.status, statusLabel),
  role: labelText(hasLabel.role, roleLabel),
};

export interface HelperOptions {
  /** The page is Markdown: the `md*` helpers return Markdown-escaped SafeStrings. */
  markdown?: boolean;
}

export function registerHelpers(hbs: Hbs, options: HelperOptions = {}): void {
  // Public text for the HTML pages, redactions read as words (escaped like {{ }}, then marked up).
  hbs.registerHelper('readable', (text: unknown) => new hbs.SafeString(readableHtml(text, hbs.escapeExpression, fixed)));
  hbs.registerHelper('hasRedaction', (...a: unknown[]) => args(a).some((v) => (Array.isArray(v) ? v.some(hasRedaction) : hasRedaction(v))));
  hbs.registerHelper('date', markedLabels.date);
  hbs.registerHelper('dateWithDay', markedLabels.dateWithDay);
  hbs.registerHelper('categoryLabel', markedLabels.category);
  hbs.registerHelper('outcomeLabel', markedLabels.outcome);
  hbs.registerHelper('statusLabel', markedLabels.status);
  hbs.registerHelper('roleLabel', markedLabels.role);
  hbs.registerHelper('paragraphs', (text: unknown) => paragraphs(text));
  hbs.registerHelper('eq', (...a: unknown[]) => {
    const [x, y] = args(a);
    return (typeof x === 'string' ? unmarked(x) : x) === (typeof y === 'string' ? unmarked(y) : y);
  });
  hbs.registerHelper('concat', (...a: unknown[]) => args(a).map(str).join(''));
  hbs.registerHelper('join', (list: unknown, sep: unknown) => (Array.isArray(list) ? list.map(str).join(typeof sep === 'string' ? sep : ', ') : ''));
  hbs.registerHelper('plural', (n: unknown, one: unknown, many: unknown) => (Number(n) === 1 ? str(one) : str(many)));
  hbs.registerHelper('casesIn', (cases: unknown, category: unknown) =>
    Array.isArray(cases) ? (cases as PublicCase[]).filter((c) => c.category === plain(category)) : [],
  );
  hbs.registerHelper('pluck', (list: unknown, key: unknown) => (Array.isArray(list) ? list.map((o) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[plain(key)] : undefined)) : []));
  hbs.registerHelper('first', (list: unknown, n: unknown) => (Array.isArray(list) ? list.slice(0, Math.max(0, Number(plain(n)) || 0)) : []));
  const markdown = (text: string) => (options.markdown ? new hbs.SafeString(text) : text);
  hbs.registerHelper('md', (text: unknown) => markdown(escapeMarkdown(str(text))));
  hbs.registerHelper('mdCell', (text: unknown) => markdown(escapeMarkdownCell(str(text))));
  // Line breaks inside a paragraph become Markdown hard breaks (a backslash at the end of the line).
  hbs.registerHelper('mdParagraphs', (text: unknown) => markdown(paragraphs(text).map((p) => p.split('\n').map((l) => escapeMarkdown(l.trim())).join('\\\n')).join('\n\n')));
}
