// Which commit HEAD is, read from the git folder in JavaScript rather than asked of a git process
// (`git rev-parse HEAD`): one process fewer on every append (docs/decisions/0028). It reads what git
// itself writes: HEAD (a symbolic `ref: refs/heads/<branch>` or a detached commit id), loose refs
// under refs/, packed-refs, and, in a linked worktree, the common folder named by `commondir`
// (HEAD is per worktree; branches are shared). Anything it does not recognise (a reftable
// repository, a malformed file) is "unknown", and the caller asks git instead.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export type HeadState =
  /** HEAD names a branch (`ref`) that points at `commit`; `commit` is null on an unborn branch (no commit yet). */
  | { kind: 'branch'; ref: string; commit: string | null }
  /** HEAD is a commit id (detached). */
  | { kind: 'detached'; commit: string }
  /** Not readable here: ask git. */
  | { kind: 'unknown'; why: string };

const OBJECT_ID = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** The folder holding refs and packed-refs: the git folder itself, or a linked worktree's common folder. */
export function commonDir(gitDir: string): string {
  const named = readText(join(gitDir, 'commondir'));
  return named === undefined ? gitDir : resolve(gitDir, named.trim());
}

/** A ref's value in packed-refs, or undefined when it is not there. */
function packedRef(common: string, ref: string): string | undefined {
  const packed = readText(join(common, 'packed-refs'));
  if (!packed) return undefined;
  for (const line of packed.split('\n')) {
    // `<id> <ref>`; comments start with '#', peeled tags with '^'.
    if (line.length > 41 && line.endsWith(` ${ref}`) && line.indexOf(' ') === line.length - ref.length - 1) {
      const id = line.slice(0, line.indexOf(' '));
      if (OBJECT_ID.test(id)) return id;
    }
  }
  return undefined;
}

/** Refs git keeps per worktree (in the worktree's own folder); every other ref is shared. */
function perWorktree(ref: string): boolean {
  return !ref.startsWith('refs/') || ref.startsWith('refs/bisect/') || ref.startsWith('refs/worktree/') || ref.startsWith('refs/rewritten/');
}

/** HEAD of the repository whose git folder is `gitDir` (from findGitDir). */
export function readHead(gitDir: string): HeadState {
  const common = commonDir(gitDir);
  // A reftable repository keeps refs elsewhere; its HEAD file is a placeholder.
  if (readText(join(common, 'reftable', 'tables.list')) !== undefined) return { kind: 'unknown', why: 'reftable' };
  let name = 'HEAD';
  // Follow symbolic refs as git does, a few levels at most.
  for (let depth = 0; depth < 5; depth++) {
    const file = readText(join(perWorktree(name) ? gitDir : common, name));
    if (file === undefined) {
      if (name === 'HEAD') return { kind: 'unknown', why: 'no HEAD file' };
      const packed = packedRef(common, name);
      return { kind: 'branch', ref: name, commit: packed ?? null };
    }
    const text = file.trim();
    if (text.startsWith('ref:')) {
      const target = text.slice(4).trim();
      if (!target.startsWith('refs/') || target.includes('..')) return { kind: 'unknown', why: `HEAD names ${target}` };
      name = target;
      continue;
    }
    if (!OBJECT_ID.test(text)) return { kind: 'unknown', why: `${name} holds no object id` };
    return name === 'HEAD' ? { kind: 'detached', commit: text } : { kind: 'branch', ref: name, commit: text };
  }
  return { kind: 'unknown', why: 'symbolic refs nested too deep' };
}
