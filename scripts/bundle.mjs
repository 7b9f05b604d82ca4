// Bundles the compiled CLI (dist/cli.js and everything it imports, lazily loaded commands
// included) into dist/bundle/, one chunk per lazily loaded part. Loading one file instead of the
// hundreds that zod, yaml and commander are made of halves the start-up of a write command
// (docs/decisions/0007-bundle-the-cli.md).
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { markDefaultTemplate } from '../dist/render/fixed-wording.js';

// zod's classic API re-exports all of its ~60 translated error-message locales (360 kB of the
// bundle, parsed on every start); evenhand only ever uses English, which zod configures itself.
const englishOnlyZod = {
  name: 'english-only-zod',
  setup(b) {
    b.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, () => ({
      contents: 'export { default as en } from "./en.js";',
      resolveDir: join(root, 'node_modules', 'zod', 'v4', 'locales'),
    }));
  },
};

// date-holidays loads moment-timezone and every zone in the world when it is imported: ~180 ms of CPU
// on every command whose chunk reaches src/domain/calendar.ts (request, decide, check…), most of
// which never count a working day. The bundle gives calendar.ts the UK bank holidays the library
// itself computes, here at build time, for the years a register can meet; a year outside that
// range asks the real library, loaded then (docs/decisions/0028-append-at-the-floor.md).
const HOLIDAY_YEARS = [1990, 2100];
const bankHolidayTable = {
  name: 'bank-holiday-table',
  setup(b) {
    b.onResolve({ filter: /^date-holidays$/ }, (args) => (args.importer.endsWith(join('dist', 'domain', 'calendar.js')) ? { path: 'bank-holidays', namespace: 'evenhand' } : undefined));
    b.onLoad({ filter: /^bank-holidays$/, namespace: 'evenhand' }, () => {
      const Holidays = createRequire(import.meta.url)('date-holidays');
      const table = {};
      for (const region of ['ENG', 'SCT', 'NIR']) {
        const h = new Holidays('GB', region);
        table[region] = {};
        for (let y = HOLIDAY_YEARS[0]; y <= HOLIDAY_YEARS[1]; y++)
          table[region][y] = h.getHolidays(y).filter((d) => d.type === 'public').map((d) => [d.date, d.name]);
      }
      // Each year's days as a JSON string, parsed when that year is asked for: a command counts a few
      // working days, never 111 years (docs/decisions/0032-append-startup.md).
      const years = {};
      for (const [region, byYear] of Object.entries(table)) {
        years[region] = {};
        for (const [y, days] of Object.entries(byYear)) years[region][y] = JSON.stringify(days);
      }
      return {
        resolveDir: root,
        contents: `
const YEARS = ${JSON.stringify(years)};
const parsed = new Map();
const daysOf = (region, year) => {
  const json = YEARS[region]?.[year];
  if (json === undefined) return undefined;
  const key = region + ' ' + year;
  if (!parsed.has(key)) parsed.set(key, JSON.parse(json));
  return parsed.get(key);
};
const library = 'date-holidays'; // a name, not a literal import: left out of the bundle, loaded only if needed
export default class Holidays {
  constructor(country, region) {
    this.country = country;
    this.region = region;
  }
  getHolidays(year) {
    const days = this.country === 'GB' ? daysOf(this.region, year) : undefined;
    if (days) return days.map(([date, name]) => ({ date, name, type: 'public' }));
    this.real ??= new (require(library))(this.country, this.region);
    return this.real.getHolidays(year);
  }
}
`,
      };
    });
  },
};

// The default templates compiled here, once, instead of by every `check` and `build` (~60–170 ms
// each): src/render/default-templates.ts gets each template's source and the code Handlebars
// compiles from it, as code (docs/decisions/0036-precompiled-templates.md). Compiled exactly as
// src/render/site.ts compiles them at run time: the literal text marked as the tool's own wording,
// `preventIndent`. A default edited after the bundle was made no longer matches its source and is
// compiled at run time. The module is also written to dist/bundle/default-templates.js, for the tests.
let precompiledModule;
function defaultTemplatesModule() {
  if (precompiledModule) return precompiledModule;
  const Handlebars = createRequire(import.meta.url)('handlebars');
  const dir = join(root, 'templates');
  const entries = readdirSync(dir)
    .filter((n) => n.endsWith('.hbs'))
    .sort()
    .map((name) => {
      const source = readFileSync(join(dir, name), 'utf8');
      const spec = Handlebars.precompile(markDefaultTemplate(source), { preventIndent: true });
      return `  [${JSON.stringify(name)}, { source: ${JSON.stringify(source)}, spec: ${spec} }],\n`;
    });
  const original = readFileSync(join(root, 'dist', 'render', 'default-templates.js'), 'utf8');
  const empty = 'export const PRECOMPILED_TEMPLATES = new Map();';
  if (original.split(empty).length !== 2) throw new Error(`bundle.mjs: dist/render/default-templates.js no longer holds "${empty}" once`);
  precompiledModule = original.replace(empty, () => `export const PRECOMPILED_TEMPLATES = new Map([\n${entries.join('')}]);`);
  return precompiledModule;
}
const precompiledTemplates = {
  name: 'precompiled-templates',
  setup(b) {
    b.onLoad({ filter: /[\\/]dist[\\/]render[\\/]default-templates\.js$/ }, () => ({ contents: defaultTemplatesModule(), resolveDir: join(root, 'dist', 'render') }));
  },
};

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist', 'bundle');
const cjsOutdir = join(root, 'dist', 'bundle-cjs');
rmSync(outdir, { recursive: true, force: true });
rmSync(cjsOutdir, { recursive: true, force: true }); // its code caches too: they were made for the old code

// The build's identity: a hash of the compiled code and the shipped templates. Caches in
// .git/evenhand/cache/ written by any other build are ignored (src/store/cache-store.ts).
function hashTree(h, dir) {
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (p !== outdir && p !== cjsOutdir) hashTree(h, p);
    } else if (e.isFile()) h.update(p.slice(root.length)).update(readFileSync(p));
  }
}
const stamp = createHash('sha256');
for (const d of ['dist', 'templates', 'presets']) hashTree(stamp, join(root, d));
const buildStamp = stamp.digest('hex').slice(0, 16);
// The cold audit's worker thread (src/store/audit-reader-worker.ts) is a file of its own beside each
// bundle, found by its name (src/store/entry-feed.ts; docs/decisions/0040-the-audit-reads-beside-git.md).
const AUDIT_WORKER = join(root, 'dist', 'store', 'audit-reader-worker.js');
await build({
  entryPoints: [join(root, 'dist', 'cli.js'), { in: AUDIT_WORKER, out: 'audit-reader' }],
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Browser tooling is for tests only; never part of the CLI.
  external: ['playwright-core', 'axe-core'],
  // Some dependencies are CommonJS and call require(); give ESM chunks a require.
  banner: { js: "import { createRequire as __evenhandRequire } from 'node:module'; const require = __evenhandRequire(import.meta.url);" },
  plugins: [englishOnlyZod, bankHolidayTable, precompiledTemplates],
  define: { __EVENHAND_BUILD__: JSON.stringify(buildStamp), __EVENHAND_AUDIT_WORKER__: JSON.stringify('./audit-reader.js') },
  logLevel: 'warning',
});

writeFileSync(join(outdir, 'default-templates.js'), defaultTemplatesModule());

// The same CLI as one CommonJS file, which a command runs through vm.Script with a V8 code cache
// (src/cli/code-cache.ts; docs/decisions/0032-append-startup.md). One file, so a command never mixes
// classes with the ES module bundle. Libraries only an interactive or e-mail path uses stay outside
// it (loaded from node_modules by import() when needed): the file stays small to read and hash.
const commonJs = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external: ['playwright-core', 'axe-core', '@inquirer/prompts', 'html-to-text', 'postal-mime', '@kenjiuno/msgreader', 'unpdf'],
  banner: { js: "var __evenhandModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
  plugins: [englishOnlyZod, bankHolidayTable, precompiledTemplates],
  logLevel: 'warning',
};
const commonJsDefines = { __EVENHAND_BUILD__: JSON.stringify(buildStamp), 'import.meta.url': '__evenhandModuleUrl' };
await build({
  ...commonJs,
  entryPoints: [join(root, 'dist', 'cli.js')],
  outfile: join(cjsOutdir, 'cli.cjs'),
  define: { ...commonJsDefines, __EVENHAND_AUDIT_WORKER__: JSON.stringify('./audit-reader.cjs') },
  charset: 'ascii',
});

// The worker as a plain CommonJS file: started by `new Worker(file)` (no code cache: it is small, and
// starts while the main thread spawns git).
await build({ ...commonJs, entryPoints: [AUDIT_WORKER], outfile: join(cjsOutdir, 'audit-reader.cjs'), define: commonJsDefines });

// esbuild leaves non-ASCII characters in comments and regular expressions. An ASCII file is read
// into a one-byte string without UTF-8 decoding (~6 ms less on every start: src/cli/code-cache.ts),
// so each such UTF-16 unit becomes a \\uXXXX escape, which means the same character in a regular
// expression (with or without the u flag) and in a comment. A template literal would see the
// escape in its raw text: the build refuses one rather than change it.
const cjsFile = join(cjsOutdir, 'cli.cjs');
const cjsText = readFileSync(cjsFile, 'utf8');
const asciiText = cjsText.replace(/[^\x00-\x7f]/g, (ch, at) => {
  const start = cjsText.lastIndexOf('\n', at) + 1;
  const line = cjsText.slice(start, cjsText.indexOf('\n', at));
  const inComment = cjsText.slice(start, at).includes('//') || /^\s*\*/.test(line);
  if (!inComment && line.includes('`')) throw new Error(`bundle.mjs: a non-ASCII character on a line with a template literal in ${cjsFile}: ${line.slice(0, 120)}`);
  return `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
});
// An import() in code V8 took from a cache fails in Node 20 ("A dynamic import callback was not
// specified": the callback is tied to the compile, which a cache skips), and the callback that would
// work in a fresh compile prints an ExperimentalWarning. So each import() of a library left outside
// the bundle calls the loader's own import() instead (src/cli/code-cache.ts: __evenhandImport).
let imports = 0;
const hostImports = asciiText.replace(/\bimport\((["'])([^"'\n]+)\1\)/g, (_, q, spec) => (imports++, `__evenhandImport(${q}${spec}${q})`));
if (imports === 0 || /\bimport\(\s*[^)\s]/.test(hostImports.replace(/\/\/.*$/gm, ''))) throw new Error(`bundle.mjs: ${cjsFile}: an import() left that the loader does not handle`);
writeFileSync(cjsFile, hostImports);
