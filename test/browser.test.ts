// Accessibility of the built site (issue 4: WCAG 2.2 AA, the UK public sector accessibility
// regulations): the sample site opened over file:// in headless Chromium (Debian's `chromium`,
// driven by playwright-core), with axe-core run on each page. With CI=true this test always runs
// (.ci/run installs chromium); elsewhere it is skipped only when /usr/bin/chromium is missing.
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { run, SAMPLE, tempDir } from './helpers.js';

const CHROMIUM = '/usr/bin/chromium';
const inCI = Boolean(process.env.CI) && process.env.CI !== 'false';
const available = existsSync(CHROMIUM);
if (inCI && !available) throw new Error(`CI=true but ${CHROMIUM} is missing: .ci/run should have installed it (apt-get install chromium)`);

const require = createRequire(import.meta.url);
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

describe.skipIf(!available && !inCI)('the built site in a browser', () => {
  let context: BrowserContext;
  let site: string;
  let axeSource: string;

  beforeAll(async () => {
    const dir = await tempDir();
    const built = await run(['-r', SAMPLE, 'build'], { cwd: dir });
    expect(built.stderr).toBe('');
    expect(built.code).toBe(0);
    site = join(dir, 'site');
    axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
    const { chromium } = await import('playwright-core');
    // A fresh profile each run; no network, no updates, no first-run dialogs.
    context = await chromium.launchPersistentContext(await tempDir('evenhand-chromium-'), {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
      viewport: { width: 1280, height: 900 },
      javaScriptEnabled: true, // for axe only: the site itself has no JavaScript
    });
  });

  afterAll(async () => {
    await context?.close();
  });

  async function open(path: string): Promise<Page> {
    const page = await context.newPage();
    const response = await page.goto(pathToFileURL(join(site, path)).href);
    expect(response === null || response.ok()).toBe(true);
    return page;
  }

  async function axe(page: Page): Promise<AxeViolation[]> {
    await page.addScriptTag({ content: axeSource });
    return page.evaluate(async (tags) => {
      const w = window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: AxeViolation[] }> } };
      const result = await w.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
      return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
    }, WCAG_TAGS);
  }

  for (const path of ['index.html', 'cases/2024-0313-ncw5.html', 'how-we-handle-requests.html']) {
    it(`${path}: no axe-core violations of WCAG 2.0/2.1/2.2 A and AA`, async () => {
      const page = await open(path);
      const violations = await axe(page);
      expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
      await page.close();
    });
  }

  it('the category index works without JavaScript, from file://', async () => {
    const page = await open('index.html');
    await page.click('a[href="#category-budget"]');
    expect(page.url()).toMatch(/index\.html#category-budget$/);
    await page.click('#category-budget ~ .table-wrap a >> nth=0');
    expect(page.url()).toMatch(/\/cases\/2024-\d{4}-[0-9a-z]{4}\.html$/);
    await page.click('text=Back to the disclosure log');
    expect(page.url()).toMatch(/\/index\.html$/);
    await page.close();
  });

  it('prints without the navigation', async () => {
    const page = await open('index.html');
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.site-header nav').isVisible()).toBe(false);
    expect(await page.locator('table.log').first().isVisible()).toBe(true);
    await page.close();
  });

  it('the Atom feed parses as XML with the elements Atom requires', async () => {
    const xml = await readFile(join(site, 'feed.atom'), 'utf8');
    const page = await context.newPage();
    const result = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'application/xml');
      const NS = 'http://www.w3.org/2005/Atom';
      const feed = doc.documentElement;
      const child = (el: Element, name: string) => [...el.children].filter((c) => c.namespaceURI === NS && c.localName === name);
      const entries = child(feed, 'entry');
      return {
        error: doc.getElementsByTagName('parsererror').length > 0,
        root: `${feed.namespaceURI} ${feed.localName}`,
        feed: ['id', 'title', 'updated', 'author'].map((n) => child(feed, n).length),
        entries: entries.length,
        complete: entries.every((e) => ['id', 'title', 'updated', 'link', 'summary', 'content'].every((n) => child(e, n).length === 1)),
      };
    }, xml);
    expect(result).toEqual({ error: false, root: 'http://www.w3.org/2005/Atom feed', feed: [1, 1, 1, 1], entries: 22, complete: true });
    await page.close();
  });
});
