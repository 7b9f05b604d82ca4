// Handlebars helpers for the default templates (and any a register brings). Every helper returns
// plain text that {{ }} then escapes, except `md` and `mdCell`, which escape for Markdown themselves
// and so return a SafeString. No helper ever returns data unescaped.
import type HandlebarsNamespace from 'handlebars';
import type { PublicCase } from '../domain/public-view.js';
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

export function registerHelpers(hbs: Hbs): void {
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
  hbs.registerHelper('first', (list: unknown, n: unknown) => (Array.isArray(list) ? list.slice(0, Math.max(0, Number(n) || 0)) : []));
  hbs.registerHelper('md', (text: unknown) => new hbs.SafeString(escapeMarkdown(str(text))));
  hbs.registerHelper('mdCell', (text: unknown) => new hbs.SafeString(escapeMarkdownCell(str(text))));
  // Line breaks inside a paragraph become Markdown hard breaks (a backslash at the end of the line).
  hbs.registerHelper(
    'mdParagraphs',
    (text: unknown) => new hbs.SafeString(paragraphs(text).map((p) => p.split('\n').map((l) => escapeMarkdown(l.trim())).join('\\\n')).join('\n\n')),
  );
}
