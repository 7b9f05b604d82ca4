// Accessibility of the built site (issue 4: WCAG 2.2 AA, the UK public sector accessibility
// regulations): the sample site opened over file:// in headless Chromium (Debian's `chromium`,
// driven by playwright-core), with axe-core run on each page. With CI=true this test always runs
// (.ci/run installs chromium); elsewhere it is skipped only when /usr/bin/chromium is missing.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { sampleSite } from './helpers.js';
import { axe, launchBrowser, skipBrowser } from './browser-helpers.js';

describe.skipIf(skipBrowser)('the built site in a browser', () => {
  let context: BrowserContext;
  let site: string;

  beforeAll(async () => {
    const built = await sampleSite();
    expect(built.stderr).toBe('');
    expect(built.code).toBe(0);
    site = built.site;
    context = await launchBrowser();
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

  for (const path of ['index.html', 'months/2024-03.html', 'cases/2024-0313-ncw5.html', 'how-we-handle-requests.html', 'accessibility.html']) {
    it(`${path}: no axe-core violations of WCAG 2.0/2.1/2.2 A and AA`, async () => {
      const page = await open(path);
      const violations = await axe(page);
      expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
      await page.close();
    });
  }

  it('the month pages and their category index work without JavaScript, from file://', async () => {
    const page = await open('index.html');
    await page.click('a[href="months/2024-04.html"]');
    expect(page.url()).toMatch(/\/months\/2024-04\.html$/);
    await page.click('a[href="#category-budget"]');
    expect(page.url()).toMatch(/months\/2024-04\.html#category-budget$/);
    await page.click('#category-budget ~ .table-wrap a >> nth=0');
    expect(page.url()).toMatch(/\/cases\/2024-04\d{2}-[0-9a-z]{4}\.html$/);
    await page.click('text=Requests received in April 2024');
    expect(page.url()).toMatch(/\/months\/2024-04\.html$/);
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
