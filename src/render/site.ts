// Turns the public view into the files of the site (issue 4): HTML pages, their Markdown twins,
// open data and an Atom feed. Pure apart from handlebars: templates come in as text, files go out
// as text, and writing them is the store's job (src/store/site-files.ts). The only input about the
// register is the public view, which holds no candidate (Norfolk 2.2, Humberside 5.a.iv).
import { createHash } from 'node:crypto';
import Handlebars from 'handlebars';
import type { PublicCase, PublicView } from '../domain/public-view.js';
import { EXIT, UserError } from '../domain/errors.js';
import { fixed, markDefaultTemplate, splitFixed } from './fixed-wording.js';
import { markedLabels, registerHelpers } from './helpers.js';
import { longDate, monthYear } from './labels.js';
import { disclosureLogCsvPieces, disclosureLogJsonPieces, joinPieces, type FilePiece } from './open-data.js';
import { publishableOutput, publishableText, publishableView } from './publishable.js';
import { trackReads } from './page-keys.js';
import { precompiledDefault } from './default-templates.js';

export interface TemplateSource {
  /** File name, e.g. `index.html.hbs` or `_layout.hbs` (a partial, used as `{{> layout}}`). */
  name: string;
  source: string;
  /** Where it came from, for error messages: `evenhand/templates/index.html.hbs` or `<register>/templates/…`. */
  origin: string;
  /** True when the register's own templates/ folder supplied it. */
  own?: boolean;
}

export interface AssetSource {
  /** Path under assets/, with forward slashes. */
  path: string;
  bytes: Uint8Array;
  origin: string;
  /** True when the register's own templates/assets/ folder supplied it. */
  own?: boolean;
}

/** The default templates with the register's own laid over them by file name. */
export interface TemplateSet {
  templates: Map<string, TemplateSource>;
  assets: Map<string, AssetSource>;
}

export interface SiteFile {
  /** Relative to the output folder, forward slashes. */
  path: string;
  content: string | Uint8Array;
}

export interface RenderOptions {
  /** Absolute URL the site is published at; used only for the Atom feed and canonical links. */
  baseUrl?: string;
}

/** The page templates every site needs; partials (`_*.hbs`) are optional extras. */
export const PAGE_TEMPLATES = [
  'index.html.hbs',
  'case.html.hbs',
  'how-we-handle-requests.html.hbs',
  'accessibility.html.hbs',
  'index.md.hbs',
  'case.md.hbs',
  'feed.atom.hbs',
  'month.html.hbs',
  'month.md.hbs',
] as const;

/**
 * The Atom feed carries the requests most recently updated (received, clarified or answered), not
 * all of them: a feed reader wants what changed since it last looked, and at 100,000 cases the whole
 * log is a 200 MB feed. 200 is more than a day of changes at a national register's rate (about 90
 * new requests and 90 answers a day); the whole log is in disclosure-log.json and .csv
 * (docs/decisions/0026-paged-index-and-memory.md).
 */
export const FEED_ENTRIES = 200;

/** How many of the newest requests the landing page (index.html, index.md) lists. */
export const LATEST_ON_INDEX = 10;

/** One month page: the requests received in that month (`months/<YYYY-MM>.html` and `.md`). */
export interface MonthPage {
  /** YYYY-MM: the page's name, which never changes once the month has a request. */
  month: string;
  /** "March 2024", marked as the tool's own wording. */
  label: string;
  count: number;
  answered: number;
  awaiting: number;
  /** The latest date in the requests the page shows: the page's own "last updated". */
  last_updated: string;
  /** Categories with requests that month, in the register's order, with their counts. */
  categories: { category: string; count: number }[];
  /** Newest first, as in the view. */
  cases: PublicCase[];
}

/** The month page a request is listed on: the month it was received. */
export function monthOf(c: Pick<PublicCase, 'received'>): string {
  return c.received.slice(0, 7);
}

/** The month pages of a view, newest month first; each request is on exactly one. */
/** The latest day a case changed on: received, clarified, decided or answered. */
export function caseLastUpdated(c: Pick<PublicCase, 'received' | 'updated' | 'decided_on'>): string {
  let last = c.received;
  for (const d of [c.updated, c.decided_on]) if (d && d > last) last = d;
  return last;
}

export function monthPages(view: Pick<PublicView, 'cases' | 'categories'>): MonthPage[] {
  const byMonth = new Map<string, PublicCase[]>();
  for (const c of view.cases) {
    const m = monthOf(c);
    let list = byMonth.get(m);
    if (!list) byMonth.set(m, (list = []));
    list.push(c);
  }
  const order = view.categories.map((c) => c.category as string);
  return [...byMonth.keys()]
    .sort((a, b) => (a < b ? 1 : a > b ? -1 : 0))
    .map((month) => {
      const cases = byMonth.get(month)!;
      const counts = new Map<string, number>();
      let answered = 0;
      let last = '';
      for (const c of cases) {
        counts.set(c.category, (counts.get(c.category) ?? 0) + 1);
        if (c.status === 'answered') answered++;
        const d = caseLastUpdated(c);
        if (d > last) last = d;
      }
      const categories = [...counts.keys()].sort((a, b) => order.indexOf(a) - order.indexOf(b)).map((category) => ({ category, count: counts.get(category)! }));
      return { month, label: fixed(monthYear(month)), count: cases.length, answered, awaiting: cases.length - answered, last_updated: last, categories, cases };
    });
}

/** Check a --base-url and return it ending in "/". Null when it is not an absolute http(s) URL. */
export function normaliseBaseUrl(raw: string): string | null {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return null;
  }
  if ((u.protocol !== 'https:' && u.protocol !== 'http:') || !u.hostname || u.search || u.hash || u.username || u.password) return null;
  if (!u.pathname.endsWith('/')) u.pathname += '/';
  return u.toString();
}

// RFC 4122 name-based UUID (version 5) in the URL namespace: stable ids without a base URL.
const URL_NAMESPACE = Buffer.from('6ba7b8119dad11d180b400c04fd430c8', 'hex');
function uuid5(name: string): string {
  const hash = createHash('sha1').update(URL_NAMESPACE).update(name, 'utf8').digest();
  const b = Buffer.from(hash.subarray(0, 16));
  b[6] = (b[6] & 0x0f) | 0x50;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `urn:uuid:${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * Atom ids never change for a case: tag: URIs (RFC 4151) under the --base-url's host, dated with
 * the poll, or without a base URL, name-based UUIDs of the body, election and case reference.
 */
export function atomIds(view: PublicView, baseUrl?: string): { feed: string; entry: (reference: string) => string } {
  if (baseUrl) {
    const u = new URL(baseUrl);
    const prefix = `tag:${u.hostname},${view.election.poll_date}:${u.pathname}`;
    return { feed: prefix, entry: (ref) => `${prefix}${ref}` };
  }
  const name = `evenhand disclosure log\n${view.body}\n${view.election.name}\n${view.election.poll_date}`;
  return { feed: uuid5(name), entry: (ref) => uuid5(`${name}\n${ref}`) };
}

// The tool's own wording in the feed (fixed-wording.ts): labels from its tables, dates it formats.
const f = fixed;
const { date, category, outcome, status, role } = markedLabels;

/** The text of one feed entry: each field labelled, so no two free texts ever touch. */
function entryContent(c: PublicCase): string {
  const parts = [`${f('Reference: ')}${c.reference}`, f(`Received: ${longDate(c.received)}`), `${f('Category: ')}${category(c.category)}${c.foi ? f(' (Freedom of Information Act request)') : ''}`, `${f('Question: ')}${c.question}`];
  for (const k of c.clarifications) parts.push(`${f(`Clarification received ${longDate(k.received)}: `)}${k.text}`);
  if (c.status !== 'answered') parts.push(`${f('Status: ')}${status(c.status)}`);
  if (c.outcome) parts.push(`${f('Outcome: ')}${outcome(c.outcome)}${c.decided_on ? `${f(', decided on ')}${date(c.decided_on)}${c.decided_by ? `${f(' by the ')}${role(c.decided_by)}` : ''}` : ''}`);
  for (const r of c.reasons) parts.push(`${f('Reason: ')}${r}`);
  if (c.exemptions.length) parts.push(`${f('Exemptions: ')}${c.exemptions.join(', ')}`);
  if (c.response) parts.push(`${f(`Response sent ${longDate(c.answered_on)}: `)}${c.response}`);
  for (const a of c.attachments) parts.push(`${f('Attachment: ')}${a}`);
  return parts.join('\n\n');
}

/** The FEED_ENTRIES requests most recently updated, newest update first (ties in the log's order: newest received first). */
export function feedCases(cases: PublicCase[]): PublicCase[] {
  const order = cases.map((c, i) => ({ c, i }));
  order.sort((a, b) => (a.c.updated < b.c.updated ? 1 : a.c.updated > b.c.updated ? -1 : a.i - b.i));
  return order.slice(0, FEED_ENTRIES).map((o) => o.c);
}

function feedContext(view: PublicView, baseUrl?: string) {
  const ids = atomIds(view, baseUrl);
  const href = (path: string) => (baseUrl ? `${baseUrl}${path}` : path);
  // Atom requires <updated>; an empty log takes the notice of election, never the clock.
  const updated = `${view.last_updated ?? view.election.notice_of_election}T00:00:00Z`;
  return {
    id: ids.feed,
    title: `${view.body}${f(': candidate requests disclosure log')}`,
    subtitle: `${f('Requests from candidates in the ')}${view.election.name}${f(', and the responses, anonymised.')}`,
    updated,
    self: baseUrl ? `${baseUrl}feed.atom` : null,
    alternate: href('index.html'),
    entries: feedCases(view.cases).map((c) => ({
      id: ids.entry(c.reference),
      title: `${c.reference}${f(': ')}${c.subject}`,
      link: href(`cases/${c.reference}.html`),
      published: `${c.received}T00:00:00Z`,
      updated: `${c.updated}T00:00:00Z`,
      category: c.category,
      category_label: category(c.category),
      summary: c.question,
      content: entryContent(c),
    })),
  };
}

/** A rendered file: its content, and what of it is the tool's own (for the leak gate). */
export interface RenderedFile {
  content: string | Uint8Array;
  /** Ranges [start0, end0, …] of a text content that are the tool's own wording (fixed-wording.ts). */
  fixed: number[];
  /** The file's name is the tool's own: a page, or an asset shipped with evenhand. */
  toolName: boolean;
  /** The content is the tool's own: an asset shipped with evenhand that the register did not replace. */
  toolContent: boolean;
}

/** What a file of the site is made from, for the page cache (src/render/page-keys.ts). */
export type FileSource =
  /** A page: a template rendered with a context (the top-level names it reads decide its key). */
  | { template: string; context: () => Record<string, unknown> }
  /** An asset, copied as it is. */
  | { asset: AssetSource }
  /** Made from the whole view (open data): rendered every time. */
  | { data: true };

/**
 * A file of the site not rendered yet: `render()` renders it (each call renders it again); `content()` is its content alone.
 * `render(reads)` also collects the top-level names of the context the templates read.
 */
export interface PlannedFile {
  path: string;
  render: (reads?: Set<string>) => RenderedFile;
  content: () => string | Uint8Array;
  /**
   * A large generated file (the open data) in pieces, each whole for the gate's reader: a build
   * writes, reads back and scans it a piece at a time, so it is never in memory whole.
   * `render()` gives the same text joined.
   */
  pieces?: () => Iterable<FilePiece>;
  source: FileSource;
}

/**
 * Compare paths as a folder listing orders them: folder by folder, by code unit (so "assets/x" and
 * "assets-old.css" come in the order `ls` gives, and the leak gate reports in that order).
 */
export function comparePaths(a: string, b: string): number {
  // Code unit by code unit, with "/" below every other unit: where two paths first differ, the one
  // at a "/" (or at its end) has the shorter name in that folder, which sorts first; the same order
  // as comparing the names folder by folder, without splitting 20,000 paths at every comparison.
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return x === SLASH ? -1 : y === SLASH ? 1 : x - y;
  }
  return a.length - b.length;
}
const SLASH = 0x2f;

/**
 * Every file of the site, sorted by path, each rendered only when asked: a build writes and scans
 * one file at a time instead of holding the whole site in memory. Templates are compiled here, so a
 * broken one is named before anything is rendered.
 */
export function planSite(publicView: PublicView, set: TemplateSet, options: RenderOptions = {}): PlannedFile[] {
  const missing = PAGE_TEMPLATES.filter((n) => !set.templates.has(n));
  // The defaults ship every page template, so a missing one is a broken installation, not a user error.
  if (missing.length) throw new Error(`missing template${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}`);
  // Once, for every file: format characters and what XML forbids taken out of every text (publishable.ts).
  const view = publishableView(publicView);
  // Two environments: the `md*` helpers escape for Markdown only in Markdown pages.
  const envs = { html: Handlebars.create(), markdown: Handlebars.create() };
  registerHelpers(envs.html);
  registerHelpers(envs.markdown, { markdown: true });
  const compile = (t: TemplateSource, hbs: typeof Handlebars) => {
    // A default template as shipped was compiled when the bundle was made (default-templates.ts).
    const shipped = precompiledDefault(t);
    if (shipped) return hbs.template(shipped as unknown as Parameters<typeof hbs.template>[0]);
    try {
      if (t.own) refuseUnescaped(t);
      // A register's own template is data to the gate: any marker in it is taken out. A default
      // template's literal text is marked as the tool's own wording.
      const input = t.own ? publishableText(t.source) : markDefaultTemplate(t.source);
      // Compiled now, once, so a broken template is named before anything is rendered
      // (`hbs.compile` would parse and compile it again on first use).
      const spec = hbs.precompile(input, { preventIndent: true }) as unknown as string;
      return hbs.template(new Function(`return ${spec}`)() as Parameters<typeof hbs.template>[0]);
    } catch (err) {
      if (err instanceof UserError) throw err;
      throw templateError(t, err);
    }
  };
  for (const hbs of Object.values(envs))
    for (const t of set.templates.values()) if (t.name.startsWith('_')) hbs.registerPartial(t.name.slice(1).replace(/\.hbs$/, ''), compile(t, hbs));
  const pages = new Map(
    PAGE_TEMPLATES.map((n) => [n, { t: set.templates.get(n)!, fn: compile(set.templates.get(n)!, n.endsWith('.md.hbs') ? envs.markdown : envs.html) }]),
  );
  const render = (name: (typeof PAGE_TEMPLATES)[number], context: Record<string, unknown>, reads?: Set<string>): RenderedFile => {
    const page = pages.get(name)!;
    let out: string;
    try {
      out = page.fn(reads ? trackReads(context, reads) : context);
    } catch (err) {
      // A failure while rendering may come from any partial the page uses: name the register's own.
      const own = [...set.templates.values()].filter((t) => t.own).map((t) => t.origin);
      const message = err instanceof Error ? err.message.split('\n')[0] : String(err);
      throw new UserError(
        `rendering ${name.replace(/\.hbs$/, '')} (template ${page.t.origin}): ${message}`,
        EXIT.findings,
        own.length ? `check the register's own templates: ${own.join(', ')}` : undefined,
      );
    }
    const { text, fixed: fixedRanges } = splitFixed(publishableOutput(out));
    return { content: text, fixed: fixedRanges, toolName: true, toolContent: false };
  };
  const generated = (pieces: () => Iterable<FilePiece>) => ({ pieces, render: (): RenderedFile => ({ content: joinPieces(pieces()), fixed: [], toolName: true, toolContent: false }) });

  const baseUrl = options.baseUrl;
  const canonical = (path: string) => (baseUrl ? `${baseUrl}${path}` : null);
  // The policy statements are evenhand's own sentences about the register's settings.
  const site = { ...view, policy: { ...view.policy, statements: view.policy.statements.map(fixed) } };
  const files: Omit<PlannedFile, 'content'>[] = [];
  const page = (path: string, template: (typeof PAGE_TEMPLATES)[number], context: () => Record<string, unknown>) =>
    files.push({ path, render: (reads) => render(template, context(), reads), source: { template, context } });
  // The landing page lists the newest requests and every month; each month has its own page
  // (docs/decisions/0026-paged-index-and-memory.md). `cases` stays in every context, for a
  // register's own templates written before the index was paged.
  const months = monthPages(view);
  const landing = { ...site, root: '', latest: view.cases.slice(0, LATEST_ON_INDEX), months };
  page('index.html', 'index.html.hbs', () => ({ ...landing, nav: 'log', canonical: canonical('index.html') }));
  page('how-we-handle-requests.html', 'how-we-handle-requests.html.hbs', () => ({ ...site, root: '', nav: 'how', canonical: canonical('how-we-handle-requests.html') }));
  page('accessibility.html', 'accessibility.html.hbs', () => ({ ...site, root: '', nav: 'accessibility', canonical: canonical('accessibility.html') }));
  page('index.md', 'index.md.hbs', () => landing);
  for (const m of months) {
    const path = `months/${m.month}`;
    // The footer's "last updated" is the month's own: a page changes only when what it lists does.
    const context = { ...site, root: '../', month: m, last_updated: m.last_updated };
    page(`${path}.html`, 'month.html.hbs', () => ({ ...context, nav: 'month', canonical: canonical(`${path}.html`) }));
    page(`${path}.md`, 'month.md.hbs', () => context);
  }
  for (const c of view.cases) {
    const path = `cases/${c.reference}`;
    const month = { month: monthOf(c), label: fixed(monthYear(monthOf(c))) };
    // Like a month page, a case page's "last updated" is its own: a new entry elsewhere, even on a
    // new day, leaves it byte for byte as it was (an incremental build rewrites only what changed).
    const own = { ...site, case: c, month, root: '../', last_updated: caseLastUpdated(c) };
    page(`${path}.html`, 'case.html.hbs', () => ({ ...own, nav: 'case', canonical: canonical(`${path}.html`) }));
    page(`${path}.md`, 'case.md.hbs', () => own);
  }
  page('feed.atom', 'feed.atom.hbs', () => ({ ...site, feed: feedContext(view, baseUrl) }));
  files.push({ path: 'disclosure-log.json', ...generated(() => disclosureLogJsonPieces(view)), source: { data: true } });
  files.push({ path: 'disclosure-log.csv', ...generated(() => disclosureLogCsvPieces(view)), source: { data: true } });
  for (const a of set.assets.values())
    files.push({ path: `assets/${a.path}`, render: () => ({ content: a.bytes, fixed: [], toolName: !a.own, toolContent: !a.own }), source: { asset: a } });
  // Each file given its `content` in place: a second object per file would be held as long as the plan.
  for (const f of files) (f as PlannedFile).content = () => f.render().content;
  return (files as PlannedFile[]).sort((a, b) => comparePaths(a.path, b.path));
}

/**
 * A register's own template may not write data unescaped: `{{{ }}}` and `{{& }}` would let a
 * request's text run as script in a reader's browser (issue 11). The defaults use neither.
 */
function refuseUnescaped(t: TemplateSource): void {
  let ast: hbs.AST.Program;
  try {
    ast = Handlebars.parseWithoutProcessing(t.source);
  } catch {
    return; // the compiler names the syntax error
  }
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(visit);
    const n = node as { type?: string; escaped?: boolean; loc?: { start: { line: number } } };
    if (n.type === 'MustacheStatement' && n.escaped === false)
      throw new UserError(
        `template ${t.origin}:${n.loc?.start.line ?? 1}: {{{ }}} and {{& }} write text without escaping it, which would let a request's text run as script in a reader's browser`,
        EXIT.findings,
        'use {{ }}, which escapes; the helpers already give safe text',
      );
    for (const [k, v] of Object.entries(n)) if (k !== 'loc' && typeof v === 'object') visit(v);
  };
  visit(ast);
}

/** Render every file of the site, sorted by path. */
export function renderSite(view: PublicView, set: TemplateSet, options: RenderOptions = {}): SiteFile[] {
  return planSite(view, set, options).map((f) => ({ path: f.path, content: f.content() }));
}

function templateError(t: TemplateSource, err: unknown): UserError {
  // Handlebars messages span lines (the line, a caret, what was expected): keep them on one line.
  const message = err instanceof Error ? err.message.split('\n').map((l) => l.trim()).filter((l) => l && !/^-*\^$/.test(l)).join(' ') : String(err);
  return new UserError(`template ${t.origin}: ${message}`, EXIT.findings, 'fix the template, or remove it to use the default');
}
