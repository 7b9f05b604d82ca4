// Handlebars helpers for the default templates (and any a register brings). Every helper returns
// plain text that {{ }} then escapes, except `md` and `mdCell`, which escape for Markdown themselves
// and so return a SafeString. No helper ever returns data unescaped.
import type HandlebarsNamespace from 'handlebars';
import type { PublicCase } from '../domain/public-view.js';
import { REDACTION_TOKENS } from '../domain/redaction.js';
import { escapeMarkdown, escapeMarkdownCell } from './markdown.js';
import { categoryLabel, longDate, outcomeLabel, roleLabel, statusLabel } from './labels.js';

type Hbs = typeof HandlebarsNamespace;

/** Helpers get the handlebars options object as their last argument: drop it. */
function args(list: unknown[]): unknown[] {
  return list.slice(0, -1);
}

const str = (v: unknown): string => (v === null || v === undefined ? '' : String(v));

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
export function readableHtml(text: unknown, escape: (s: string) => string): string {
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
    out += `${escape(plain.slice(last, m.index))}<span class="redacted">${words}<span class="visually-hidden"> (removed)</span></span>`;
    last = m.index + m[0].length;
  }
  return out + escape(plain.slice(last));
}

export function registerHelpers(hbs: Hbs): void {
  // Public text for the HTML pages, redactions read as words (escaped like {{ }}, then marked up).
  hbs.registerHelper('readable', (text: unknown) => new hbs.SafeString(readableHtml(text, hbs.escapeExpression)));
  hbs.registerHelper('hasRedaction', (...a: unknown[]) => args(a).some((v) => (Array.isArray(v) ? v.some(hasRedaction) : hasRedaction(v))));
  hbs.registerHelper('date', (iso: unknown) => longDate(str(iso)));
  hbs.registerHelper('dateWithDay', (iso: unknown) => longDate(str(iso), true));
  hbs.registerHelper('categoryLabel', (c: unknown) => categoryLabel(str(c)));
  hbs.registerHelper('outcomeLabel', (o: unknown) => outcomeLabel(str(o)));
  hbs.registerHelper('statusLabel', (s: unknown) => statusLabel(str(s)));
  hbs.registerHelper('roleLabel', (r: unknown) => roleLabel(str(r)));
  hbs.registerHelper('paragraphs', (text: unknown) => paragraphs(text));
  hbs.registerHelper('eq', (...a: unknown[]) => {
    const [x, y] = args(a);
    return x === y;
  });
  hbs.registerHelper('concat', (...a: unknown[]) => args(a).map(str).join(''));
  hbs.registerHelper('join', (list: unknown, sep: unknown) => (Array.isArray(list) ? list.map(str).join(typeof sep === 'string' ? sep : ', ') : ''));
  hbs.registerHelper('plural', (n: unknown, one: unknown, many: unknown) => (Number(n) === 1 ? str(one) : str(many)));
  hbs.registerHelper('casesIn', (cases: unknown, category: unknown) =>
    Array.isArray(cases) ? (cases as PublicCase[]).filter((c) => c.category === category) : [],
  );
  hbs.registerHelper('pluck', (list: unknown, key: unknown) => (Array.isArray(list) ? list.map((o) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[str(key)] : undefined)) : []));
  hbs.registerHelper('first', (list: unknown, n: unknown) => (Array.isArray(list) ? list.slice(0, Math.max(0, Number(n) || 0)) : []));
  hbs.registerHelper('md', (text: unknown) => new hbs.SafeString(escapeMarkdown(str(text))));
  hbs.registerHelper('mdCell', (text: unknown) => new hbs.SafeString(escapeMarkdownCell(str(text))));
  // Line breaks inside a paragraph become Markdown hard breaks (a backslash at the end of the line).
  hbs.registerHelper(
    'mdParagraphs',
    (text: unknown) => new hbs.SafeString(paragraphs(text).map((p) => p.split('\n').map((l) => escapeMarkdown(l.trim())).join('\\\n')).join('\n\n')),
  );
}
