// The public site for every reader (issue 13): a phone-sized screen, the accessibility statement the
// Public Sector Bodies Accessibility Regulations 2018 require, and the privacy notice link. The
// layout is judged by where the browser puts things (boxes), never by comparing pixels.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { gitIn, makeRegister, run, SAMPLE, sampleSite, tempDir } from './helpers.js';
import { axe, launchBrowser, skipBrowser } from './browser-helpers.js';

const PHONE = { width: 390, height: 844 };

describe.skipIf(skipBrowser)('the disclosure log on a 390 px phone screen', () => {
  let phone: BrowserContext;
  let desktop: BrowserContext;
  let site: string;

  beforeAll(async () => {
    const built = await sampleSite();
    expect(built.code, built.stderr).toBe(0);
    site = built.site;
    [phone, desktop] = await Promise.all([launchBrowser(PHONE), launchBrowser()]);
  });

  afterAll(async () => {
    await Promise.all([phone?.close(), desktop?.close()]);
  });

  async function open(context: BrowserContext, path: string): Promise<Page> {
    const page = await context.newPage();
    await page.goto(pathToFileURL(join(site, path)).href);
    return page;
  }

  /** The boxes of the first row of the first table of requests, by the label each cell carries. */
  function firstRowBoxes(page: Page) {
    return page.evaluate(() => {
      const row = document.querySelector('table.log tbody tr')!;
      const box = (el: Element) => {
        const r = el.getBoundingClientRect();
        return { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
      };
      return {
        reference: box(row.querySelector('th')!),
        cells: [...row.querySelectorAll('td')].map((td) => ({ label: td.getAttribute('data-label'), ...box(td) })),
        pageWidth: document.documentElement.scrollWidth,
        viewport: window.innerWidth,
      };
    });
  }

  it('never scrolls sideways, and every field of a request starts on screen', async () => {
    for (const path of ['index.html', 'months/2024-03.html', 'cases/2024-0313-ncw5.html', 'how-we-handle-requests.html', 'accessibility.html']) {
      const page = await open(phone, path);
      const { scroll, viewport } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, viewport: window.innerWidth }));
      expect(scroll, path).toBeLessThanOrEqual(viewport);
      await page.close();
    }
    const page = await open(phone, 'index.html');
    const row = await firstRowBoxes(page);
    expect(row.cells.map((c) => c.label)).toEqual(['Received', 'Category', 'Question', 'Outcome', 'Answered']);
    for (const c of row.cells) {
      expect(c.left, c.label!).toBeGreaterThanOrEqual(0);
      expect(c.right, c.label!).toBeLessThanOrEqual(row.viewport);
    }
    await page.close();
  });

  it('stacks each request as a summary: the fields one under another, each labelled', async () => {
    const page = await open(phone, 'index.html');
    const row = await firstRowBoxes(page);
    let above = row.reference.bottom;
    for (const c of row.cells) {
      expect(c.top, `${c.label} starts below the field before it`).toBeGreaterThanOrEqual(above - 1);
      above = c.bottom;
    }
    const label = await page.evaluate(() => getComputedStyle(document.querySelector('table.log td[data-label="Outcome"]')!, '::before').content);
    expect(label).toBe('"Outcome: "');
    await page.close();
  });

  it('keeps the table on a desktop screen: the fields of a request side by side', async () => {
    const page = await open(desktop, 'index.html');
    const row = await firstRowBoxes(page);
    const tops = new Set(row.cells.map((c) => Math.round(c.top)));
    expect(tops.size).toBe(1);
    for (let i = 1; i < row.cells.length; i++) expect(row.cells[i].left).toBeGreaterThan(row.cells[i - 1].left);
    await page.close();
  });

  for (const path of ['index.html', 'months/2024-03.html', 'cases/2024-0313-ncw5.html', 'accessibility.html']) {
    it(`${path} at 390 px: no axe-core violations of WCAG 2.2 A and AA`, async () => {
      const page = await open(phone, path);
      const violations = await axe(page);
      expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
      await page.close();
    });
  }
});

describe.skipIf(skipBrowser)('the search box over the log', () => {
  let site: string;
  let withJs: BrowserContext;
  let withoutJs: BrowserContext;

  beforeAll(async () => {
    const built = await sampleSite();
    expect(built.code, built.stderr).toBe(0);
    site = built.site;
    withJs = await launchBrowser();
    const { chromium } = await import('playwright-core');
    withoutJs = await chromium.launchPersistentContext(await tempDir('evenhand-chromium-'), {
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
      javaScriptEnabled: false,
    });
  });

  afterAll(async () => {
    await Promise.all([withJs?.close(), withoutJs?.close()]);
  });

  const visibleReferences = (page: Page) =>
    page.evaluate(() =>
      [...document.querySelectorAll('table.log tbody tr')].filter((tr) => (tr as HTMLElement).offsetParent !== null).map((tr) => tr.querySelector('th')!.textContent!.trim()),
    );

  it("from file://, narrows a month's page to the requests that match every word, each listed once, and says how many", async () => {
    const log = JSON.parse(await readFile(join(site, 'disclosure-log.json'), 'utf8')) as { cases: { reference: string; subject: string; category: string; received: string }[] };
    // The box searches the page it is on: the requests received that month.
    const json = { cases: log.cases.filter((c) => c.received.startsWith('2024-04')) };
    const budget = json.cases.filter((c) => c.category === 'budget');
    expect(budget.length).toBeGreaterThan(1);
    const page = await withJs.newPage();
    await page.goto(pathToFileURL(join(site, 'months/2024-04.html')).href);
    const all = await visibleReferences(page);
    expect(new Set(all).size).toBe(json.cases.length);

    await page.getByLabel('Search the requests').fill('budget and finance');
    expect((await visibleReferences(page)).sort()).toEqual(budget.map((c) => c.reference).sort());
    await expect.poll(() => page.locator('.search-status').textContent()).toBe(`${budget.length} requests match.`);

    const one = json.cases[0];
    await page.getByLabel('Search the requests').fill(`${one.subject.toUpperCase()} ${one.reference}`);
    expect(await visibleReferences(page)).toEqual([one.reference]);
    expect(await page.locator('.search-status').textContent()).toBe('1 request matches.');

    await page.getByLabel('Search the requests').fill('zzzz-no-such-words');
    expect(await visibleReferences(page)).toEqual([]);
    expect(await page.locator('.search-status').textContent()).toBe('No request matches.');

    await page.getByLabel('Search the requests').fill('');
    expect(await visibleReferences(page)).toEqual(all);
    expect(await axe(page)).toEqual([]);
    await page.close();
  });

  it("without JavaScript there is no dead search box, and every request of the month is listed", async () => {
    const page = await withoutJs.newPage();
    await page.goto(pathToFileURL(join(site, 'months/2024-04.html')).href);
    expect(await page.locator('input[type="search"]').count()).toBe(0);
    const json = JSON.parse(await readFile(join(site, 'disclosure-log.json'), 'utf8')) as { cases: { received: string }[] };
    expect(new Set(await visibleReferences(page)).size).toBe(json.cases.filter((c) => c.received.startsWith('2024-04')).length);
    await page.close();
  });
});

describe('the accessibility statement and the privacy notice', () => {
  it('are built from register.yaml: contact, date of the last test, result, known issues, privacy link', async () => {
    const { dir, reg } = await makeRegister();
    const config = await readFile(join(reg, 'register.yaml'), 'utf8');
    await writeFile(
      join(reg, 'register.yaml'),
      `${config}website:
  privacy_notice_url: https://test-opcc.example/privacy
  accessibility:
    contact: accessibility@test-opcc.example
    last_tested: 2024-03-01
    tested_by: the OPCC digital team
    compliance: partial
    known_issues:
      - The PDF budget summary attached to one answer is not tagged for screen readers.
`,
    );
    await gitIn(reg, ['commit', '-qam', 'website settings']);
    const built = await run(['-r', reg, 'build', '--out', 'site'], { cwd: dir });
    expect(built.code, built.stderr).toBe(0);
    const statement = await readFile(join(dir, 'site', 'accessibility.html'), 'utf8');
    expect(statement).toContain('accessibility@test-opcc.example');
    expect(statement).toContain('<time datetime="2024-03-01">1 March 2024</time> by the OPCC digital team');
    expect(statement).toContain('partially compliant');
    expect(statement).toContain('<li>The PDF budget summary attached to one answer is not tagged for screen readers.</li>');
    expect(statement).toContain('Equality Advisory and Support Service');
    for (const page of ['index.html', 'how-we-handle-requests.html', 'accessibility.html']) {
      const html = await readFile(join(dir, 'site', page), 'utf8');
      expect(html, page).toContain('<a href="https://test-opcc.example/privacy">Privacy notice</a>');
      expect(html, page).toContain('href="accessibility.html"');
    }
  });

  it('falls back to the single point of contact, says no test is recorded, and links no privacy notice it was not given', async () => {
    // The sample register (no website settings) as `evenhand build` makes it: built once per run.
    const { dir, code, stderr } = await sampleSite();
    expect(code, stderr).toBe(0);
    const statement = await readFile(join(dir, 'site', 'accessibility.html'), 'utf8');
    expect(statement).toContain('candidates@wessex-opcc.example');
    expect(statement).toContain('has not yet recorded its own test');
    expect(statement).toContain('fully compliant');
    expect(await readFile(join(dir, 'site', 'index.html'), 'utf8')).not.toContain('Privacy notice');
  });

  it('refuses a privacy notice that is not an http(s) URL, naming the field', async () => {
    const { dir, reg } = await makeRegister();
    const config = await readFile(join(reg, 'register.yaml'), 'utf8');
    await writeFile(join(reg, 'register.yaml'), `${config}website:\n  privacy_notice_url: javascript:alert(1)\n`);
    await gitIn(reg, ['commit', '-qam', 'bad website settings']);
    const built = await run(['-r', reg, 'build', '--out', 'site'], { cwd: dir });
    expect(built.code).toBe(1);
    expect(built.stderr).toContain('privacy_notice_url');
    expect(built.stderr).not.toMatch(/\n\s+at /);
  });
});
