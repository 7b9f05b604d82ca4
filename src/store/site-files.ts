// Disk side of `evenhand build`: reading templates and assets, and writing the site so that the
// last good site is only ever replaced by a whole new one that passed the leak gate.
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UserError, EXIT } from '../domain/errors.js';
import type { SiteFile, TemplateSet } from '../render/site.js';
import type { WrittenFile } from '../render/leak-gate.js';

/** The templates/ folder shipped with evenhand (beside dist/). */
export function defaultTemplatesDir(): string {
  return fileURLToPath(new URL('../../templates/', import.meta.url));
}

/** The folder inside a register whose files override the defaults by name (branding). */
export const REGISTER_TEMPLATES = 'templates';

async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const out: string[] = [];
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (e.name.startsWith('.')) continue;
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await listFiles(join(dir, e.name), rel)));
    else if (e.isFile()) out.push(rel);
  }
  return out;
}

/**
 * The default templates, with the register's `templates/` laid over them: a file there replaces the
 * default of the same name (`_layout.hbs`, `index.html.hbs`, `assets/style.css`, …) or adds a new
 * partial or asset.
 */
export async function loadTemplates(registerDir: string, cwd: string): Promise<TemplateSet> {
  const set: TemplateSet = { templates: new Map(), assets: new Map() };
  const own = join(registerDir, REGISTER_TEMPLATES);
  const layers = [
    { dir: defaultTemplatesDir(), label: 'evenhand/templates' },
    { dir: own, label: relative(cwd, own).replace(/\\/g, '/') || REGISTER_TEMPLATES },
  ];
  for (const { dir, label, own: isOwn } of layers.map((l, i) => ({ ...l, own: i === 1 }))) {
    for (const rel of await listFiles(dir)) {
      const origin = `${label}/${rel}`;
      if (rel.startsWith('assets/')) {
        set.assets.set(rel.slice('assets/'.length), { path: rel.slice('assets/'.length), bytes: await readFile(join(dir, rel)), origin });
      } else if (!rel.includes('/') && rel.endsWith('.hbs')) {
        set.templates.set(rel, { name: rel, source: await readFile(join(dir, rel), 'utf8'), origin, own: isOwn });
      }
    }
  }
  return set;
}

/** Bounded parallelism: a register of 10,000 cases makes 20,000 files, more than the open-file limit. */
async function inParallel<T>(items: T[], fn: (item: T) => Promise<void>, width = 16): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
}

/** Every file under a folder, read back as UTF-8 text (the leak gate reads what is really on disk). */
export async function readSiteFiles(dir: string): Promise<WrittenFile[]> {
  const files = await listFilesAll(dir);
  const out: WrittenFile[] = new Array(files.length);
  await inParallel(files.map((path, i) => ({ path, i })), async ({ path, i }) => {
    out[i] = { path, text: await readFile(join(dir, path), 'utf8') };
  });
  return out;
}

/** Like listFiles, but dot-files too: everything that would be published. */
async function listFilesAll(dir: string, prefix = ''): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const out: string[] = [];
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await listFilesAll(join(dir, e.name), rel)));
    else out.push(rel);
  }
  return out;
}

/** The marker that says a folder is a site evenhand built, so it may be replaced. */
const SITE_MARKER = 'disclosure-log.json';

async function refuseUnsafeOut(out: string, registerDir: string, cwd: string): Promise<void> {
  const shown = relative(cwd, out) || '.';
  const inside = (child: string, parent: string) => child === parent || child.startsWith(parent.endsWith(sep) ? parent : parent + sep);
  // The register may be the root of its repository, so site/ beside cases/ is fine; replacing a
  // folder that holds the register, the current folder or register data is not.
  const registerData = ['cases', 'candidates', 'schemas', REGISTER_TEMPLATES].map((d) => join(registerDir, d));
  if (out === dirname(out) || inside(cwd, out) || inside(registerDir, out) || registerData.some((d) => inside(out, d)))
    throw new UserError(`--out ${shown}: refusing to build into a folder that holds the register, its data or the current folder`, EXIT.usage, 'use a folder of its own, e.g. --out site');
  if (!existsSync(out)) return;
  const s = await stat(out);
  if (!s.isDirectory()) throw new UserError(`--out ${shown} is a file, not a folder`, EXIT.usage, 'use a folder of its own, e.g. --out site');
  const entries = await readdir(out);
  if (entries.length > 0 && !entries.includes(SITE_MARKER))
    throw new UserError(
      `--out ${shown} is not empty and is not a site evenhand built (no ${SITE_MARKER}); refusing to replace it`,
      EXIT.usage,
      'choose another folder, or empty this one',
    );
}

/**
 * Write the site into a temporary folder beside `out`, let `verify` read it back (the leak gate),
 * and only then swap it into place: rename the old site away, rename the new one in, remove the
 * old. When `verify` throws, the temporary folder is removed and the previous site is untouched.
 */
export async function writeSiteAtomically(
  outDir: string,
  files: SiteFile[],
  verify: (written: WrittenFile[]) => void | Promise<void>,
  context: { registerDir: string; cwd: string },
): Promise<void> {
  const out = resolve(outDir);
  await refuseUnsafeOut(out, resolve(context.registerDir), resolve(context.cwd));
  const parent = dirname(out);
  await mkdir(parent, { recursive: true });
  // `.evenhand-tmp-*` is in .gitignore, so a build interrupted here never adds files to a commit.
  const tmp = join(parent, `.evenhand-tmp-${process.pid}-${basename(out)}`);
  const old = `${tmp}.old`;
  await rm(tmp, { recursive: true, force: true });
  await rm(old, { recursive: true, force: true });
  try {
    await mkdir(tmp);
    const targets = files.map((f) => ({ target: join(tmp, ...f.path.split('/')), content: f.content }));
    for (const dir of [...new Set(targets.map((t) => dirname(t.target)))].sort()) await mkdir(dir, { recursive: true });
    await inParallel(targets, (t) => writeFile(t.target, t.content));
    await verify(await readSiteFiles(tmp));
  } catch (err) {
    await rm(tmp, { recursive: true, force: true });
    throw err;
  }
  if (existsSync(out)) {
    await rename(out, old);
    try {
      await rename(tmp, out);
    } catch (err) {
      await rename(old, out);
      await rm(tmp, { recursive: true, force: true });
      throw err;
    }
    await rm(old, { recursive: true, force: true });
  } else {
    await rename(tmp, out);
  }
}
