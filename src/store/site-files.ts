// Disk side of `evenhand build`: reading templates and assets, and writing the site so that the
// last good site is only ever replaced by a whole new one that passed the leak gate.
import { closeSync, existsSync, fstatSync, linkSync, lstatSync, openSync, readdirSync, readFileSync, readSync, realpathSync, rmSync, writeSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UserError, EXIT } from '../domain/errors.js';
import type { PlannedFile, TemplateSet } from '../render/site.js';
import type { GateFile } from '../render/leak-gate.js';
import { contentHash } from '../render/page-keys.js';
import type { Finding } from '../domain/findings.js';
import { direntKind, linkFinding, pathKind, readRegisterFileSync, specialFinding, LINK_HINT } from './contained.js';
import { MAX_TEMPLATE_FILE_BYTES } from '../domain/limits.js';
import { pushAll } from '../domain/push-all.js';

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
    if (e.isDirectory()) pushAll(out, await listFiles(join(dir, e.name), rel));
    else if (e.isFile()) out.push(rel);
  }
  return out;
}

/**
 * The files of the register's templates/ (paths relative to it), never following a link: a link as
 * templates/ itself or anywhere in it, or a pipe or device, is a finding (issue 10: a linked
 * templates folder once copied files from elsewhere into the site).
 */
export function registerTemplateFiles(registerDir: string): { files: string[]; findings: Finding[] } {
  const findings: Finding[] = [];
  const files: string[] = [];
  const walk = (rel: string) => {
    for (const d of readdirSyncTyped(join(registerDir, rel))) {
      if (d.name.startsWith('.')) continue;
      const child = `${rel}/${d.name}`;
      const kind = direntKind(d);
      if (kind === 'link') findings.push(linkFinding(child));
      else if (kind === 'special') findings.push(specialFinding(child));
      else if (kind === 'dir') walk(child);
      else files.push(child.slice(REGISTER_TEMPLATES.length + 1));
    }
  };
  const top = pathKind(join(registerDir, REGISTER_TEMPLATES));
  if (top === 'link') findings.push(linkFinding(REGISTER_TEMPLATES));
  else if (top === 'special' || top === 'file') findings.push(specialFinding(REGISTER_TEMPLATES));
  else if (top === 'dir') walk(REGISTER_TEMPLATES);
  return { files, findings };
}

function readdirSyncTyped(dir: string) {
  return readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * The default templates, with the register's `templates/` laid over them: a file there replaces the
 * default of the same name (`_layout.hbs`, `index.html.hbs`, `assets/style.css`, …) or adds a new
 * partial or asset. A link in the register's templates refuses the build: nothing from outside the
 * register reaches the site.
 */
export async function loadTemplates(registerDir: string, cwd: string): Promise<TemplateSet> {
  const set: TemplateSet = { templates: new Map(), assets: new Map() };
  const own = join(registerDir, REGISTER_TEMPLATES);
  const label = relative(cwd, own).replace(/\\/g, '/') || REGISTER_TEMPLATES;
  const add = (rel: string, bytes: Buffer, origin: string, isOwn: boolean) => {
    if (rel.startsWith('assets/')) set.assets.set(rel.slice('assets/'.length), { path: rel.slice('assets/'.length), bytes, origin, own: isOwn });
    else if (!rel.includes('/') && rel.endsWith('.hbs')) set.templates.set(rel, { name: rel, source: bytes.toString('utf8'), origin, own: isOwn });
  };
  const wanted = (rel: string) => rel.startsWith('assets/') || (!rel.includes('/') && rel.endsWith('.hbs'));
  // evenhand's own templates ship with it: read as they are.
  const defaults = defaultTemplatesDir();
  for (const rel of await listFiles(defaults)) if (wanted(rel)) add(rel, await readFile(join(defaults, rel)), `evenhand/templates/${rel}`, false);
  const { files, findings } = registerTemplateFiles(registerDir);
  for (const rel of files.filter(wanted)) {
    const read = readRegisterFileSync(registerDir, `${REGISTER_TEMPLATES}/${rel}`, undefined, MAX_TEMPLATE_FILE_BYTES);
    if (read.ok) add(rel, read.bytes, `${label}/${rel}`, true);
    else if (!read.gone) findings.push(read.finding);
  }
  if (findings.length)
    throw new UserError(`${label}/ holds ${findings.length === 1 ? 'a file' : `${findings.length} files`} evenhand will not read; nothing was built`, EXIT.findings, LINK_HINT, findings);
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

/**
 * A file made in pieces (the open data, render/open-data.ts): each piece is written, read back from
 * disk through the same descriptor and scanned before the next is made, so the file is never in
 * memory whole. The gate reads each piece framed as its reader needs (`before` + read back + `after`).
 */
async function writePiecesAndScan(
  target: string,
  f: PlannedFile & { pieces: NonNullable<PlannedFile['pieces']> },
  scan: (file: GateFile) => unknown,
  scanPiece: (file: GateFile & { text: string }) => unknown,
): Promise<void> {
  const fd = openSync(target, 'wx+');
  try {
    let at = 0;
    for (const piece of f.pieces()) {
      const bytes = Buffer.from(piece.text, 'utf8');
      for (let off = 0; off < bytes.length; ) off += writeSync(fd, bytes, off, bytes.length - off, at + off);
      const back = Buffer.allocUnsafe(bytes.length);
      let got = 0;
      while (got < bytes.length) {
        const n = readSync(fd, back, got, bytes.length - got, at + got);
        if (n === 0) break;
        got += n;
      }
      at += bytes.length;
      await scanPiece({ path: f.path, text: `${piece.before ?? ''}${back.subarray(0, got).toString('utf8')}${piece.after ?? ''}`, fixed: [], toolName: true, toolContent: false });
    }
    // Anything past what was written would be published too.
    const size = fstatSync(fd).size;
    if (size > at) {
      const rest = Buffer.allocUnsafe(size - at);
      readSync(fd, rest, 0, rest.length, at);
      await scan({ path: f.path, bytes: rest });
    }
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
    if (e.isDirectory()) pushAll(out, await listFilesAll(join(dir, e.name), rel));
    else out.push(rel);
  }
  return out;
}

/** The marker that says a folder is a site evenhand built, so it may be replaced. */
const SITE_MARKER = 'disclosure-log.json';

/** `path` with its longest existing ancestor resolved through realpath: comparable with the (real) register folder. */
function realish(path: string): string {
  let head = path;
  const tail: string[] = [];
  for (;;) {
    try {
      return join(realpathSync.native(head), ...tail);
    } catch {
      const up = dirname(head);
      if (up === head) return path;
      tail.unshift(basename(head));
      head = up;
    }
  }
}

async function refuseUnsafeOut(givenOut: string, registerDir: string, givenCwd: string): Promise<void> {
  const shown = relative(givenCwd, givenOut) || '.';
  // A site folder that is a link would put the site (and the removal of the old one) elsewhere.
  const isLink = (() => {
    try {
      return lstatSync(givenOut).isSymbolicLink();
    } catch {
      return false;
    }
  })();
  if (isLink) throw new UserError(`--out ${shown} is a symbolic link; refusing to build through it, and nothing was written`, EXIT.findings, 'remove the link and build into a real folder, e.g. --out site');
  // Compared through realpath, as the register folder is (src/env.ts).
  const out = realish(givenOut);
  const cwd = realish(givenCwd);
  const inside = (child: string, parent: string) => child === parent || child.startsWith(parent.endsWith(sep) ? parent : parent + sep);
  // The register may be the root of its repository, so site/ beside cases/ is fine; replacing a
  // folder that holds the register, the current folder or register data is not.
  const registerData = ['cases', 'candidates', 'schemas', REGISTER_TEMPLATES].map((d) => join(realish(registerDir), d));
  if (out === dirname(out) || inside(cwd, out) || inside(realish(registerDir), out) || registerData.some((d) => inside(out, d)))
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
/**
 * Take `from` (a file of the last site) into the new site at `to` as a hard link, when it holds
 * exactly the bytes expected (`hash`): read through the new link, so what is checked is what is
 * published. False, and nothing left at `to`, when it is not there, not a plain file, or differs
 * (edited by hand since it was built).
 */
function carryForward(from: string, to: string, hash: string): boolean {
  try {
    if (!lstatSync(from).isFile()) return false;
    linkSync(from, to);
  } catch {
    return false;
  }
  let same = false;
  try {
    same = contentHash(readFileSync(to)) === hash;
  } catch {
    same = false;
  }
  if (!same) rmSync(to, { force: true });
  return same;
}

/** How `build` takes unchanged files from the last site instead of writing them again (issue 14). */
export interface SiteReuse {
  /** The hash of the bytes a file must have to be taken from the last site as it is; undefined: render it. */
  previous(f: PlannedFile): string | undefined;
  /** The file was taken from the last site. */
  carried(f: PlannedFile): void;
  /** The file was rendered (its templates reading `reads`), written, read back and scanned. */
  written(f: PlannedFile, reads: Set<string>, back: Uint8Array, scan: { clean: boolean; references: string[] }): void;
}

export async function writeSiteAtomically(
  outDir: string,
  files: PlannedFile[],
  gate: {
    scan: (file: GateFile) => void | Promise<{ clean: boolean; references: string[] }> | { clean: boolean; references: string[] };
    /** A piece of a file made in pieces, as read back; defaults to `scan`. */
    scanPiece?: (file: GateFile & { text: string }) => unknown;
    verify: () => void | Promise<void>;
  },
  context: { registerDir: string; cwd: string },
  reuse?: SiteReuse,
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
      if (f.pieces) {
        await writePiecesAndScan(target(f.path), { ...f, pieces: f.pieces }, gate.scan, gate.scanPiece ?? gate.scan);
        written.add(f.path);
        continue;
      }
      // Unchanged since the last build, scanned clean then, and still byte for byte what was built.
      const hash = reuse?.previous(f);
      if (hash !== undefined && carryForward(join(out, ...f.path.split('/')), target(f.path), hash)) {
        reuse!.carried(f);
        written.add(f.path);
        continue;
      }
      const reads = new Set<string>();
      const r = f.render(reads);
      const back = writeAndReadBack(target(f.path), r.content);
      const common = { path: f.path, toolName: r.toolName, toolContent: r.toolContent };
      let scan;
      if (typeof r.content === 'string') {
        const text = back.toString('utf8');
        // The tool's own wording is known by its place in the text meant to be written: only when
        // the disk holds exactly that text.
        scan = await gate.scan({ ...common, text, fixed: text === r.content ? r.fixed : [] });
      } else scan = await gate.scan({ ...common, bytes: back });
      if (reuse && scan) reuse.written(f, reads, back, scan);
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
