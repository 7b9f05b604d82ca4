// Disk side of `evenhand build`: reading templates and assets, and writing the site so that the
// last good site is only ever replaced by a whole new one that passed the leak gate.
import { closeSync, existsSync, fstatSync, openSync, readSync, writeSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UserError, EXIT } from '../domain/errors.js';
import type { PlannedFile, TemplateSet } from '../render/site.js';
import type { GateFile } from '../render/leak-gate.js';

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
        set.assets.set(rel.slice('assets/'.length), { path: rel.slice('assets/'.length), bytes: await readFile(join(dir, rel)), origin, own: isOwn });
      } else if (!rel.includes('/') && rel.endsWith('.hbs')) {
        set.templates.set(rel, { name: rel, source: await readFile(join(dir, rel), 'utf8'), origin, own: isOwn });
      }
    }
  }
  return set;
}

/** A separate function, so that the rendered text and its bytes can be freed before the file is read back. */
function writeAll(fd: number, content: string | Uint8Array): void {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  for (let off = 0; off < bytes.length; ) off += writeSync(fd, bytes, off, bytes.length - off);
}

/**
 * Write a new file and read back what it now holds, through the same descriptor: the leak gate
 * scans the bytes on disk, not the string that was meant to be written. Synchronous on purpose:
 * small writes to the page cache cost less than the promise machinery around them, and the site is
 * written one file at a time so that only one is ever held in memory.
 */
function writeAndReadBack(target: string, content: string | Uint8Array): Buffer {
  const fd = openSync(target, 'wx+');
  try {
    writeAll(fd, content);
    const size = fstatSync(fd).size;
    const back = Buffer.allocUnsafe(size);
    let got = 0;
    while (got < size) {
      const n = readSync(fd, back, got, size - got, got);
      if (n === 0) break;
      got += n;
    }
    return back.subarray(0, got);
  } finally {
    closeSync(fd);
  }
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
 * Write the site into a temporary folder beside `out`, one file at a time: each is rendered, written,
 * read back from disk and handed to `scan` (the leak gate) before the next is rendered. Then
 * `verify` decides (it throws to refuse), and only then is the new site swapped into place: rename
 * the old site away, rename the new one in, remove the old. When anything throws, the temporary
 * folder is removed and the previous site is untouched.
 */
export async function writeSiteAtomically(
  outDir: string,
  files: PlannedFile[],
  gate: { scan: (file: GateFile) => void | Promise<void>; verify: () => void | Promise<void> },
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
    const target = (path: string) => join(tmp, ...path.split('/'));
    for (const dir of [...new Set(files.map((f) => dirname(target(f.path))))].sort()) await mkdir(dir, { recursive: true });
    const written = new Set<string>();
    for (const f of files) {
      const r = f.render();
      const back = writeAndReadBack(target(f.path), r.content);
      const common = { path: f.path, toolName: r.toolName, toolContent: r.toolContent };
      if (typeof r.content === 'string') {
        const text = back.toString('utf8');
        // The tool's own wording is known by its place in the text meant to be written: only when
        // the disk holds exactly that text.
        await gate.scan({ ...common, text, fixed: text === r.content ? r.fixed : [] });
      } else await gate.scan({ ...common, bytes: back });
      written.add(f.path);
    }
    // Nothing else should be in the folder; whatever is would be published, so it is scanned too.
    for (const path of await listFilesAll(tmp)) if (!written.has(path)) await gate.scan({ path, bytes: await readFile(target(path)) });
    await gate.verify();
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
