// The default templates are compiled when the bundle is made, not by every `check` and `build`
// (docs/decisions/0036-precompiled-templates.md): the bundle's table holds exactly the shipped
// templates, compiled exactly as a run would compile them; a command on a register without its own
// templates compiles none; a register's own templates, and only they, are still compiled at run
// time. That the precompiled site is byte for byte the golden site is test/site.test.ts's.
import { execFile } from 'node:child_process';
import { readdir, readFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import { makeRegister, ROOT, run, setupId, tempDir, testEnv } from './helpers.js';
import { markDefaultTemplate } from '../src/render/fixed-wording.js';
import type { TemplateSpec } from '../src/render/default-templates.js';

const TEMPLATES = join(ROOT, 'templates');
const COUNTER = join(ROOT, 'test', 'fixtures', 'count-template-compiles.cjs');

type Bundled = typeof import('../src/render/default-templates.js');
const BUNDLED = join(ROOT, 'dist', 'bundle', 'default-templates.js');
const bundled = (): Promise<Bundled> => import(BUNDLED) as Promise<Bundled>;

/** A spec compiled now, as src/render/site.ts compiles a template at run time. */
function compiledNow(source: string): TemplateSpec {
  return new Function(`return ${Handlebars.precompile(markDefaultTemplate(source), { preventIndent: true })}`)() as TemplateSpec;
}

/** Each member of a spec as text (functions by their code). */
function specText(spec: TemplateSpec): Record<string, string> {
  return Object.fromEntries(Object.entries(spec).map(([k, v]) => [k, typeof v === 'function' ? v.toString() : JSON.stringify(v)]));
}

/** Run the CLI counting the templates it compiles at run time. */
async function runCounting(args: string[], cwd: string) {
  const file = join(await tempDir(), 'compiles');
  const r = await run(args, { cwd, env: { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${COUNTER}`.trim(), EVENHAND_TEST_COMPILES: file } });
  return { ...r, compiles: Number(await readFile(file, 'utf8')) };
}

describe('precompiled default templates', () => {
  it('the bundle holds every shipped template with its exact text, compiled as a run would compile it', async () => {
    // Read by node itself: the test runner's own module transform would reprint the code.
    const listed = await new Promise<string>((done, fail) =>
      execFile(
        process.execPath,
        ['--input-type=module', '-e', `const { PRECOMPILED_TEMPLATES: t } = await import(${JSON.stringify(pathToFileURL(BUNDLED).href)}); console.log(JSON.stringify([...t].map(([n, { source, spec }]) => [n, source, Object.fromEntries(Object.entries(spec).map(([k, v]) => [k, typeof v === 'function' ? v.toString() : JSON.stringify(v)]))])))`],
        { env: testEnv(), maxBuffer: 1 << 24 },
        (err, stdout) => (err ? fail(err) : done(stdout)),
      ),
    );
    const table = new Map((JSON.parse(listed) as [string, string, Record<string, string>][]).map(([n, source, spec]) => [n, { source, spec }]));
    const shipped = (await readdir(TEMPLATES)).filter((n) => n.endsWith('.hbs')).sort();
    expect(shipped.length).toBeGreaterThanOrEqual(15);
    expect([...table.keys()].sort()).toEqual(shipped);
    for (const name of shipped) {
      const source = await readFile(join(TEMPLATES, name), 'utf8');
      const pre = table.get(name)!;
      expect(pre.source, name).toBe(source);
      expect(pre.spec, name).toEqual(specText(compiledNow(source)));
    }
  });

  it('gives the compiled template only for a default whose text is unchanged', async () => {
    const { precompiledDefault, PRECOMPILED_TEMPLATES } = await bundled();
    const source = await readFile(join(TEMPLATES, 'case.html.hbs'), 'utf8');
    const origin = 'evenhand/templates/case.html.hbs';
    expect(precompiledDefault({ name: 'case.html.hbs', source, origin })).toBe(PRECOMPILED_TEMPLATES.get('case.html.hbs')!.spec);
    // A default edited after the bundle was made, a register's own template (even with the same
    // text), a template the bundle never saw: compiled at run time.
    expect(precompiledDefault({ name: 'case.html.hbs', source: `${source} `, origin })).toBeUndefined();
    expect(precompiledDefault({ name: 'case.html.hbs', source, origin: 'register/templates/case.html.hbs', own: true })).toBeUndefined();
    expect(precompiledDefault({ name: '_extra.hbs', source, origin: 'evenhand/templates/_extra.hbs' })).toBeUndefined();
    // Rendering it gives what the template compiled now gives.
    const context = { case: { reference: '2024-0101-abcd', subject: 'a visit', question: 'when?' }, root: '../', name: 'Test OPCC' };
    const env = () => {
      const hbs = Handlebars.create();
      hbs.registerHelper('helperMissing', () => '');
      return hbs;
    };
    const a = env();
    const b = env();
    for (const n of PRECOMPILED_TEMPLATES.keys()) if (n.startsWith('_')) {
      a.registerPartial(n.slice(1, -4), a.template(PRECOMPILED_TEMPLATES.get(n)!.spec as never));
      b.registerPartial(n.slice(1, -4), b.template(compiledNow(PRECOMPILED_TEMPLATES.get(n)!.source) as never));
    }
    expect(a.template(PRECOMPILED_TEMPLATES.get('case.md.hbs')!.spec as never)(context)).toBe(b.template(compiledNow(PRECOMPILED_TEMPLATES.get('case.md.hbs')!.source) as never)(context));
  });

  it('check and build compile no template at run time; a register\'s own templates, and only they, are compiled', async () => {
    const { dir, reg, alex } = await makeRegister({ initArgs: ['--review', 'off'] });
    await setupId(['-r', reg, 'request', '--candidate', alex, '--received', '2024-04-08', '--channel', 'email', '--category', 'visit', '--subject', 'a visit', '--text', 'Can we visit the neighbourhood office?']);
    const check = await runCounting(['-r', reg, 'check'], dir);
    expect(check.stderr).toBe('');
    expect(check.compiles).toBe(0);
    const build = await runCounting(['-r', reg, 'build', '--out', join(dir, 'site')], dir);
    expect(build.stderr).toBe('');
    expect(build.code).toBe(0);
    expect(build.compiles).toBe(0);
    // A partial of its own (in both the HTML and the Markdown environment) and one page of its own.
    await mkdir(join(reg, 'templates'), { recursive: true });
    await writeFile(join(reg, 'templates', '_footer.hbs'), '<footer><p>Our own footer</p></footer>\n');
    await writeFile(join(reg, 'templates', 'accessibility.html.hbs'), '<!DOCTYPE html><title>Accessibility</title>{{> footer}}\n');
    const own = await runCounting(['-r', reg, 'build', '--out', join(dir, 'site2')], dir);
    expect(own.stderr).toBe('');
    expect(own.code).toBe(0);
    expect(own.compiles).toBe(3);
    expect(await readFile(join(dir, 'site2', 'accessibility.html'), 'utf8')).toBe('<!DOCTYPE html><title>Accessibility</title><footer><p>Our own footer</p></footer>\n\n');
    expect(await readFile(join(dir, 'site2', 'index.html'), 'utf8')).toContain('<footer><p>Our own footer</p></footer>');
  });
});
