// The default templates are compiled knowing every helper evenhand registers (helpers.ts
// defaultTemplateCompileOptions, docs/decisions/0039-cheaper-rendering.md); a register's own
// templates are compiled as before, so one that names a helper evenhand lacks fails as it did.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import type { PublicView } from '../domain/public-view.js';
import { defaultTemplateCompileOptions, registerHelpers } from './helpers.js';
import { planSite, type TemplateSet } from './site.js';

const TEMPLATES = join(import.meta.dirname, '..', '..', 'templates');

function defaults(): TemplateSet {
  const templates = new Map(
    readdirSync(TEMPLATES)
      .filter((n) => n.endsWith('.hbs'))
      .map((name) => [name, { name, source: readFileSync(join(TEMPLATES, name), 'utf8'), origin: `evenhand/templates/${name}` }]),
  );
  return { templates, assets: new Map() };
}

const VIEW = { body: 'Test OPCC', cases: [], categories: [], policy: { statements: [] }, election: { name: 'the test election', poll_date: '2024-05-02' } } as unknown as PublicView;

describe('compiling the default templates', () => {
  it('names to the compiler exactly the helpers a run registers', () => {
    const bare = Object.keys(Handlebars.create().helpers);
    const hbs = Handlebars.create();
    registerHelpers(hbs);
    const ours = Object.keys(hbs.helpers).filter((n) => !bare.includes(n));
    expect(ours.length).toBeGreaterThan(15);
    expect(Object.keys(defaultTemplateCompileOptions().knownHelpers).sort()).toEqual(ours.sort());
    expect(defaultTemplateCompileOptions()).toMatchObject({ preventIndent: true, knownHelpersOnly: true });
  });

  it("compiles a register's own template as before: a helper evenhand lacks fails when the page is rendered", () => {
    const set = defaults();
    const source = '<p>{{nosuch body}}</p>\n';
    // With the defaults' options the compiler itself would refuse it.
    expect(() => Handlebars.precompile(source, defaultTemplateCompileOptions())).toThrow(/unknown helper nosuch/);
    set.templates.set('accessibility.html.hbs', { name: 'accessibility.html.hbs', source, origin: 'register/templates/accessibility.html.hbs', own: true });
    const page = planSite(VIEW, set).find((f) => f.path === 'accessibility.html')!;
    expect(() => page.render()).toThrow(/rendering accessibility\.html .*Missing helper: "nosuch"/);
  });

  it("renders a register's own template that reads a value, and a default edited since the bundle, through the same helpers", () => {
    const set = defaults();
    set.templates.set('accessibility.html.hbs', { name: 'accessibility.html.hbs', source: '<p>{{body}} {{plural 1 "one" "many"}}</p>\n', origin: 'register/templates/accessibility.html.hbs', own: true });
    const edited = set.templates.get('how-we-handle-requests.html.hbs')!;
    set.templates.set(edited.name, { ...edited, source: `${edited.source}<!-- edited -->\n` });
    const files = planSite(VIEW, set);
    expect(files.find((f) => f.path === 'accessibility.html')!.content()).toBe('<p>Test OPCC one</p>\n');
    expect(files.find((f) => f.path === 'how-we-handle-requests.html')!.content()).toContain('Test OPCC');
  });
});
