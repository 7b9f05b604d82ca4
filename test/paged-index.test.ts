// The paged disclosure log (issue 14, docs/decisions/0026-paged-index-and-memory.md): index.html is
// a landing page, and each month received has its own page, months/<YYYY-MM>.html and its Markdown
// twin, whose URL never changes as later requests arrive. The built CLI, real git, a fixed clock.
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gitIn, makeRegister, run, setup } from './helpers.js';

/** A request: state for the builds under test, so through the setup runner. */
async function request(reg: string, candidate: string, received: string, subject: string): Promise<string> {
  const r = await setup(['-r', reg, 'request', '--json', '--candidate', candidate, '--received', received, '--channel', 'email', '--category', 'information', '--subject', subject, '--text', `${subject}, please.`]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout).id as string;
}

async function build(dir: string, reg: string) {
  const b = await run(['-r', reg, 'build', '--out', 'site'], { cwd: dir });
  expect(b.stderr).toBe('');
  expect(b.code).toBe(0);
  return join(dir, 'site');
}

/** Every file under `site/months/`, with its text. */
async function monthFiles(site: string): Promise<Map<string, string>> {
  const names = (await readdir(join(site, 'months'))).sort();
  return new Map(await Promise.all(names.map(async (n) => [n, await readFile(join(site, 'months', n), 'utf8')] as [string, string])));
}

describe('the paged index', () => {
  it('lists each request on exactly one month page, links every month from the landing page, and keeps an earlier month page as it was when a later request arrives', async () => {
    const { dir, reg, alex, bea } = await makeRegister({ initArgs: ['--review', 'off'] });
    const march = [await request(reg, alex, '2024-03-05', 'Custody figures'), await request(reg, bea, '2024-03-20', 'Budget papers')];
    const april = [await request(reg, alex, '2024-04-08', 'Patrol numbers')];
    let site = await build(dir, reg);

    const first = await monthFiles(site);
    expect([...first.keys()]).toEqual(['2024-03.html', '2024-03.md', '2024-04.html', '2024-04.md']);
    for (const [month, ids] of [['2024-03', march], ['2024-04', april]] as const) {
      for (const id of ids) {
        expect(first.get(`${month}.html`)).toContain(`href="../cases/${id}.html"`);
        expect(first.get(`${month}.md`)).toContain(`](../cases/${id}.md)`);
        // The case page links back to its month.
        expect(await readFile(join(site, 'cases', `${id}.html`), 'utf8')).toContain(`href="../months/${month}.html#category-information"`);
      }
    }
    // Exactly one month page (and one Markdown twin) lists each request.
    for (const id of [...march, ...april])
      for (const ext of ['.html', '.md']) expect([...first].filter(([n, text]) => n.endsWith(ext) && text.includes(`cases/${id}${ext}`)).map(([n]) => n)).toHaveLength(1);

    const index = await readFile(join(site, 'index.html'), 'utf8');
    expect(index).toContain('<a href="months/2024-04.html">April 2024</a> (1 request)');
    expect(index).toContain('<a href="months/2024-03.html">March 2024</a> (2 requests)');
    expect(index).toContain('Each month’s page has a search box');
    const indexMd = await readFile(join(site, 'index.md'), 'utf8');
    expect(indexMd).toContain('- [April 2024](months/2024-04.md): 1 request');
    expect(indexMd).toContain('- [March 2024](months/2024-03.md): 2 requests');
    // The search box is on the month pages, over that month's requests.
    expect(first.get('2024-03.html')).toContain('<div id="log-search" data-label="Search the requests received in March 2024"></div>');
    expect(first.get('2024-03.html')).toContain('<script src="../assets/search.js" defer></script>');
    expect(index).not.toContain('search.js');

    const marchCase = await readFile(join(site, 'cases', `${march[0]}.html`), 'utf8');
    const marchCaseMd = await readFile(join(site, 'cases', `${march[0]}.md`), 'utf8');
    // A later request, on a later day: March's pages and its case pages are byte for byte what
    // they were (each shows its own "last updated"); April's month page gains it.
    const later = await request(reg, bea, '2024-04-22', 'Station opening hours');
    site = await build(dir, reg);
    const second = await monthFiles(site);
    expect(await readFile(join(site, 'cases', `${march[0]}.html`), 'utf8')).toBe(marchCase);
    expect(await readFile(join(site, 'cases', `${march[0]}.md`), 'utf8')).toBe(marchCaseMd);
    expect(marchCase).toContain('Last updated <time datetime="2024-03-05">');
    expect(await readFile(join(site, 'cases', `${later}.html`), 'utf8')).toContain('Last updated <time datetime="2024-04-22">');
    expect([...second.keys()]).toEqual([...first.keys()]);
    expect(second.get('2024-03.html')).toBe(first.get('2024-03.html'));
    expect(second.get('2024-03.md')).toBe(first.get('2024-03.md'));
    expect(second.get('2024-04.html')).toContain(`href="../cases/${later}.html"`);
    expect(second.get('2024-04.md')).toContain(`](../cases/${later}.md)`);
    expect(await readFile(join(site, 'index.html'), 'utf8')).toContain('<a href="months/2024-04.html">April 2024</a> (2 requests)');
  });

  it('runs the leak gate over the month pages: a name that only a month page would print stops build and check', async () => {
    const { dir, reg, alex } = await makeRegister({ initArgs: ['--review', 'off'] });
    await request(reg, alex, '2024-04-08', 'Patrol numbers');
    await build(dir, reg);
    const before = await readFile(join(dir, 'site', 'index.html'), 'utf8');
    // The register's own month template: only months/*.html is rendered from it.
    await mkdir(join(reg, 'templates'), { recursive: true });
    await writeFile(join(reg, 'templates', 'month.html.hbs'), '{{#> layout title="A month"}}<p>Thanks to Alex Morgan for this month.</p>{{/layout}}\n');
    await gitIn(reg, ['add', 'templates']);
    await gitIn(reg, ['commit', '-qm', 'own month template']);

    const b = await run(['-r', reg, 'build', '--out', 'site'], { cwd: dir });
    expect(b.code).toBe(1);
    expect(b.stderr).toMatch(/^site\/months\/2024-04\.html: error identifiable: outside any case \(written by a template\): "Alex Morgan" identifies candidate /m);
    // Nothing else leaks: the month page is where the gate found it.
    expect(b.stderr.split('\n').filter((l) => l.includes('error identifiable')).every((l) => l.startsWith('site/months/2024-04.html'))).toBe(true);
    expect(await readFile(join(dir, 'site', 'index.html'), 'utf8')).toBe(before);

    const c = await run(['-r', reg, 'check', '--json']);
    expect(c.code).toBe(1);
    const found = JSON.parse(c.stdout).findings.filter((f: { code: string }) => f.code === 'identifiable');
    expect(found.map((f: { path: string }) => f.path)).toEqual(['site/months/2024-04.html']);
  });
});
