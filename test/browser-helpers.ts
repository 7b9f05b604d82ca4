// Headless Chromium for the tests that look at the site as a reader would: Debian's `chromium`,
// driven by playwright-core, with axe-core for WCAG checks. With CI=true the browser must be there
// (.ci/run installs it); elsewhere the browser tests are skipped only when it is missing.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { BrowserContext, Page } from 'playwright-core';
import { tempDir } from './helpers.js';

export const CHROMIUM = '/usr/bin/chromium';
const inCI = Boolean(process.env.CI) && process.env.CI !== 'false';
const available = existsSync(CHROMIUM);
if (inCI && !available) throw new Error(`CI=true but ${CHROMIUM} is missing: .ci/run should have installed it (apt-get install chromium)`);
/** Skip a browser suite only off CI, and only when there is no browser. */
export const skipBrowser = !available && !inCI;

const require = createRequire(import.meta.url);
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** A fresh profile each run; no network, no updates, no first-run dialogs. */
export async function launchBrowser(viewport = { width: 1280, height: 900 }): Promise<BrowserContext> {
  const { chromium } = await import('playwright-core');
  return chromium.launchPersistentContext(await tempDir('evenhand-chromium-'), {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    viewport,
    javaScriptEnabled: true, // for axe, and for the search box that enhances the page
  });
}

let axeSource: string | undefined;

/** Run axe-core on the page against WCAG 2.0/2.1/2.2 A and AA. */
export async function axe(page: Page): Promise<AxeViolation[]> {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async (tags) => {
    const w = window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: AxeViolation[] }> } };
    const result = await w.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
  }, WCAG_TAGS);
}
