// The leak gate reads what a reader sees, and `check` runs it too (issue 11). Built CLI against
// small throwaway registers: candidates named like markup and like the tool's own wording can
// have a log; a real leak in a template or an asset still stops both `build` and `check`; what
// a reader's software could be fooled by (format characters, triple-stash, formula cells,
// attachment names with line breaks) never reaches the site.
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { Parser } from 'htmlparser2';
import { makeRegister, run, setup, tempDir } from './helpers.js';

async function listAll(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await listAll(join(dir, e.name), rel)));
    else out.push(rel);
  }
  return out.sort();
}

async function request(reg: string, candidate: string, received: string, subject: string, text: string): Promise<string> {
  const r = await setup(['-r', reg, 'request', '--json', '--candidate', candidate, '--received', received, '--channel', 'email', '--category', 'information', '--subject', subject, '--text', text]);
  if (r.code !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout).id;
}

async function answer(reg: string, id: string, decided: string, by: string, extra: string[] = []) {
  expect((await setup(['-r', reg, 'decide', id, '--outcome', 'provide', '--by', by, '--on', decided])).code).toBe(0);
  const r = await setup(['-r', reg, 'respond', id, '--sent', decided, '--channel', 'email', '--text', 'The figures are attached.', ...extra]);
  expect(r.stderr).toBe('');
}

/** The `identifiable` (and other) errors `check --json` reports. */
async function checkErrors(reg: string) {
  const c = await run(['-r', reg, 'check', '--as-of', '2024-04-30', '--json']);
  return { code: c.code, errors: JSON.parse(c.stdout).findings.filter((f: { severity: string }) => f.severity === 'error') as { code: string; case: string | null; path: string | null; message: string }[] };
}

describe('over-redaction: names that are markup or the tool\'s own wording', () => {
  it('a register whose candidates are named Li, May, Day, Lang, Link, Main, Good, Christmas, Constable and Self builds, and check agrees', async () => {
    const dir = await tempDir();
    const reg = join(dir, 'register');
    // Review off: this test is about the gate, and every case must reach the site (issue 11's review is tested in approve.test.ts).
    // The register and its candidates are state for the build under test: through the setup runner.
    expect((await setup(['init', reg, '--body', 'Test OPCC', '--election', 'Test PCC election 2024', '--poll-date', '2024-05-02', '--review', 'off'], { cwd: dir })).code).toBe(0);
    const ids: string[] = [];
    for (const name of ['Wei Li', 'Theresa May', 'Doris Day', 'Anna Lang', 'Tom Link', 'Ria Main', 'Ben Good', 'Noel Christmas', 'John Constable', 'Will Self']) {
      const r = await setup(['-r', reg, 'candidate', 'add', '--json', '--name', name, '--status', 'declared', '--declared-on', '2024-04-05']);
      expect(r.stderr).toBe('');
      ids.push(JSON.parse(r.stdout).id);
    }
    const a = await request(reg, ids[0], '2024-04-08', 'Crime figures', 'Please send the crime figures for the county.');
    await answer(reg, a, '2024-04-09', 'chief-constable');
    const b = await request(reg, ids[1], '2024-04-10', 'Visit', 'Can we visit the control room?');
    await answer(reg, b, '2024-04-11', 'chief-executive');
    await request(reg, ids[2], '2024-04-12', 'Budget', 'What is the budget for next year?');
    const built = await run(['-r', reg, 'build', '--base-url', 'https://example.org/log/'], { cwd: dir });
    expect(built.stderr).toBe('');
    expect(built.code).toBe(0);
    const site = join(dir, 'site');
    // The markup and the wording the gate now reads past are really there.
    const how = await readFile(join(site, 'how-we-handle-requests.html'), 'utf8');
    expect(how).toMatch(/<li>/);
    expect(how).toContain('lang="en-GB"');
    expect(how).toContain('<link rel="stylesheet"');
    expect(how).toContain('<main id="main"');
    expect(how).toContain('Christmas Day and Good Friday');
    expect(how).toContain('Thursday 2 May 2024');
    expect(await readFile(join(site, `cases/${a}.html`), 'utf8')).toContain('by the Chief Constable');
    expect(await readFile(join(site, 'feed.atom'), 'utf8')).toContain('rel="self"');
    expect(await readFile(join(site, 'disclosure-log.json'), 'utf8')).toContain('"chief-constable"');
    const c = await checkErrors(reg);
    expect(c.errors).toEqual([]);
    expect(c.code).toBe(0);
  });
});

describe('check and build agree', () => {
  it('a register that cannot be built fails check with the same findings', async () => {
    const { dir, reg, alex } = await makeRegister({ initArgs: ['--review', 'off'] });
    const id = await request(reg, alex, '2024-04-08', 'Figures', 'Please send the figures.');
    expect((await run(['-r', reg, 'build'], { cwd: dir })).code).toBe(0);
    expect((await checkErrors(reg)).errors).toEqual([]);
    // Branding that names a candidate with a <wbr> inside the name, and a compressed PDF naming them.
    await mkdir(join(reg, 'templates', 'assets'), { recursive: true });
    await writeFile(join(reg, 'templates', '_footer.hbs'), '<footer><p>Office of Commissioner Alex Mor<wbr>gan</p></footer>\n');
    const doc = await PDFDocument.create();
    doc.addPage().drawText('Leaflet by Alex Morgan', { x: 40, y: 700, size: 12, font: await doc.embedFont(StandardFonts.Helvetica) });
    await writeFile(join(reg, 'templates', 'assets', 'leaflet.pdf'), await doc.save());
    await writeFile(join(reg, 'templates', 'assets', 'brand.woff2'), Buffer.from('wOF2\0\0\0\0'));
    const b = await run(['-r', reg, 'build'], { cwd: dir });
    expect(b.code).toBe(1);
    expect(b.stderr).toMatch(/^site\/assets\/leaflet\.pdf \(PDF page 1\): error identifiable: outside any case \(written by a template\): "Alex Morgan" identifies candidate /m);
    expect(b.stderr).toMatch(new RegExp(`^site/cases/${id}\\.html: error identifiable: case ${id} \\(written by a template, not by the case text\\): "Alex Morgan"`, 'm'));
    expect(b.stderr).toMatch(/^site\/assets\/brand\.woff2: error unreadable-asset: .*web font/m);
    const c = await checkErrors(reg);
    expect(c.code).toBe(1);
    // The same (file, case, form) in both: every build line has a check finding.
    const fromBuild = [...b.stderr.matchAll(/^site\/(\S+)(?: \((?:[^)]*)\))?: error (\S+): (?:case (\S+)|outside any case)[^"]*"([^"]+)"/gm)].map((m) => `${m[2]} ${m[3] ?? '-'} ${m[4]}`);
    const fromCheck = c.errors.filter((f) => f.code === 'identifiable').map((f) => `identifiable ${f.case ?? '-'} ${/"([^"]+)"/.exec(f.message)![1]}`);
    expect(new Set(fromCheck)).toEqual(new Set(fromBuild));
    expect(c.errors.filter((f) => f.code === 'unreadable-asset').map((f) => f.path)).toEqual(['site/assets/brand.woff2']);
  });

  it('a template that does not render, or writes unescaped, fails check as it fails build', async () => {
    const { dir, reg, alex } = await makeRegister({ initArgs: ['--review', 'off'] });
    await request(reg, alex, '2024-04-08', 'Figures', 'Please send the figures.');
    await mkdir(join(reg, 'templates'), { recursive: true });
    await writeFile(join(reg, 'templates', 'case.html.hbs'), '<!DOCTYPE html>\n<title>x</title>\n<p>{{{case.question}}}</p>\n');
    const b = await run(['-r', reg, 'build'], { cwd: dir });
    expect(b.code).toBe(1);
    expect(b.stderr).toMatch(/template register\/templates\/case\.html\.hbs:3: \{\{\{ \}\}\} and \{\{& \}\} write text without escaping it/);
    const c = await checkErrors(reg);
    expect(c.code).toBe(1);
    expect(c.errors.map((f) => f.code)).toEqual(['template']);
    expect(c.errors[0].message).toMatch(/case\.html\.hbs:3/);
    await writeFile(join(reg, 'templates', 'case.html.hbs'), '<!DOCTYPE html>\n<title>x</title>\n<p>{{& case.question}}</p>\n');
    expect((await run(['-r', reg, 'build'], { cwd: dir })).stderr).toMatch(/case\.html\.hbs:3: /);
  });
});

describe('what a reader\'s software could be fooled by', () => {
  it('strips bidi controls, format and XML-forbidden characters from every file; defuses full-width formulas; keeps attachment names on one line', async () => {
    const { dir, reg, alex } = await makeRegister({ initArgs: ['--review', 'off'] });
    // (A lone surrogate cannot travel through a command line: publishable.test.ts covers it.)
    const text = 'Figures\u202E for\u2066 the\u200B county\u00AD\uFEFF \u0001\uFFFE\uFFFF please.';
    const id = await request(reg, alex, '2024-04-08', '\uFF1DHYPERLINK("http://evil.example")', text);
    const second = await request(reg, alex, '2024-04-09', '\u200B=1+1', 'Second request.');
    await writeFile(join(dir, 'figures\nannex.csv'), 'a\n');
    await answer(reg, id, '2024-04-10', 'chief-executive', ['--attachment', join(dir, 'figures\nannex.csv')]);
    const b = await run(['-r', reg, 'build'], { cwd: dir });
    expect(b.stderr).toBe('');
    expect(b.code).toBe(0);
    const site = join(dir, 'site');
    for (const f of await listAll(site)) {
      const body = await readFile(join(site, f), 'utf8');
      // eslint-disable-next-line no-control-regex
      expect(body, f).not.toMatch(/[\p{Cf}\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDFFF]/u);
    }
    const page = await readFile(join(site, `cases/${id}.html`), 'utf8');
    expect(page).toContain('Figures for the county  please.');
    // feed.atom parses as XML with no error.
    const errors: string[] = [];
    const parser = new Parser({ onerror: (e) => errors.push(e.message) }, { xmlMode: true });
    parser.end(await readFile(join(site, 'feed.atom'), 'utf8'));
    expect(errors).toEqual([]);
    const json = JSON.parse(await readFile(join(site, 'disclosure-log.json'), 'utf8'));
    const first = json.cases.find((c: { reference: string }) => c.reference === id);
    expect(first.attachments).toEqual(['figures annex.csv']);
    const csv = await readFile(join(site, 'disclosure-log.csv'), 'utf8');
    expect(csv).toContain('\'\uFF1DHYPERLINK(""http://evil.example"")');
    expect(csv).toContain(`${second},`);
    expect(csv).toMatch(/,'=1\+1,/);
    expect(await readFile(join(site, `cases/${id}.html`), 'utf8')).toContain('<li>figures annex.csv</li>');
  });
});
