// What makes an append fast in a register's git repository, whoever made the repository
// (docs/decisions/0028-append-at-the-floor.md). `evenhand init` sets it in a repository it creates;
// `evenhand doctor` finds what a register made otherwise lacks (the benchmark's generator, a
// restore with `cp -a`, a clone), and `doctor --fix` sets it. Facts come from the git folder
// (the index's header, which files are there) and `git config`; fixes are git commands.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { git } from './git.js';
import { readHead } from './git-refs.js';

/**
 * Settings `evenhand init` gives a repository it creates. core.splitIndex: each append rewrites
 * only the index entries that changed since the last shared index, not the whole index (3.3 MB at
 * 10,000 cases).
 */
export const FAST_APPEND_CONFIG: readonly (readonly [string, string])[] = [['core.splitIndex', 'true']];

export interface IndexFacts {
  /** Bytes of .git/index: read and rewritten by every append. */
  bytes: number;
  /** Entries stored in .git/index itself (with a split index: those not in the shared index). */
  entries: number;
  /** With a split index: the shared index's entries and bytes (read by every append, rewritten rarely). */
  shared?: { entries: number; bytes: number };
}

function readIndexFile(path: string): Buffer | undefined {
  try {
    const bytes = readFileSync(path);
    return bytes.length >= 12 && bytes.toString('latin1', 0, 4) === 'DIRC' ? bytes : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The shared index a split index names in its `link` extension (its object id, then bitmaps), or
 * undefined when the index is not split. Found by looking for the extension's signature followed
 * by the id of a sharedindex file that exists: a path holding "link" cannot also name one.
 */
function sharedIndexOf(gitDir: string, index: Buffer): string | undefined {
  for (let at = index.indexOf('link', 12, 'latin1'); at >= 0; at = index.indexOf('link', at + 1, 'latin1')) {
    for (const idBytes of [20, 32]) {
      if (at + 8 + idBytes > index.length || index.readUInt32BE(at + 4) < idBytes) continue;
      const name = `sharedindex.${index.toString('hex', at + 8, at + 8 + idBytes)}`;
      if (existsSync(join(gitDir, name))) return join(gitDir, name);
    }
  }
  return undefined;
}

/** The index's size and, when it is split, its shared part (from the headers: no entry is parsed). */
export function indexFacts(gitDir: string): IndexFacts | undefined {
  const own = readIndexFile(join(gitDir, 'index'));
  if (!own) return undefined;
  const sharedPath = sharedIndexOf(gitDir, own);
  const shared = sharedPath ? readIndexFile(sharedPath) : undefined;
  return { bytes: own.length, entries: own.readUInt32BE(8), shared: shared && { bytes: shared.length, entries: shared.readUInt32BE(8) } };
}

export interface SetupFinding {
  id: 'split-index' | 'split-index-full' | 'signing' | 'hooks-path' | 'head-from-git' | 'no-commits';
  /** `fix`: doctor --fix sets it; `note`: the register's own choice, said with what it costs. */
  level: 'fix' | 'note';
  message: string;
  /** What `doctor --fix` runs (level fix). */
  fix?: string[][];
}

const kb = (n: number) => (n >= 1 << 20 ? `${(n / (1 << 20)).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);

async function configValue(cwd: string, key: string, type?: 'bool'): Promise<string | undefined> {
  const r = await git(cwd, ['config', ...(type ? [`--type=${type}`] : []), '--get', key], { allowFailure: true });
  return r.code === 0 ? r.stdout.trim() : undefined;
}

/**
 * When the split index's own part holds more than this share of the entries, an append rewrites
 * that much more than it needs to. git itself starts a new shared index at 20%
 * (splitIndex.maxPercentChange); a copy or restore can leave a fresh register near that limit for
 * a long time, since evenhand's appends change one or two entries each.
 */
const SPLIT_SHARE_LIMIT = 0.05;
/** Below this many entries, rewriting them costs less than noticing. */
const SPLIT_MIN_ENTRIES = 500;

/** What stands between this repository and a fast append, with the fix for each. */
export async function appendSetupFindings(cwd: string, gitDir: string): Promise<{ findings: SetupFinding[]; index?: IndexFacts }> {
  const findings: SetupFinding[] = [];
  const [split, signs, hooksPath] = await Promise.all([configValue(cwd, 'core.splitIndex', 'bool'), configValue(cwd, 'commit.gpgSign', 'bool'), configValue(cwd, 'core.hooksPath')]);
  const index = indexFacts(gitDir);
  if (split !== 'true') {
    findings.push({
      id: 'split-index',
      level: 'fix',
      message: `core.splitIndex is not set: every append rewrites the whole index${index ? ` (${kb(index.bytes)}, ${index.entries} entries)` : ''}; with it, only the entries that changed`,
      fix: [
        ['config', 'core.splitIndex', 'true'],
        ['update-index', '--split-index'],
      ],
    });
  } else if (index?.shared && index.entries >= SPLIT_MIN_ENTRIES && index.entries > index.shared.entries * SPLIT_SHARE_LIMIT) {
    findings.push({
      id: 'split-index-full',
      level: 'fix',
      message: `the split index holds ${index.entries} entries of its own beside the ${index.shared.entries} of its shared part, and every append rewrites them (${kb(index.bytes)} in all): a copy, a restore or a checkout leaves them there`,
      // Refresh first: entries git could not trust (copied files, files written in the same second
      // as the index) would otherwise stay in the split part.
      fix: [
        ['update-index', '-q', '--refresh'],
        ['update-index', '--split-index'],
      ],
    });
  }
  if (signs === 'true')
    findings.push({ id: 'signing', level: 'note', message: 'commit.gpgSign is on: each entry is committed by `git commit`, which signs it but first checks every tracked file (slower as the register grows); keep it if your entries must be signed' });
  if (hooksPath !== undefined) findings.push({ id: 'hooks-path', level: 'note', message: `core.hooksPath is set (${hooksPath}): every append starts \`git hook run post-commit\` to run a hook that may be there` });
  const head = readHead(gitDir);
  if (head.kind === 'unknown') findings.push({ id: 'head-from-git', level: 'note', message: `HEAD cannot be read from the git folder (${head.why}): each append asks git for it, one process more` });
  else if (head.kind === 'branch' && head.commit === null) findings.push({ id: 'no-commits', level: 'note', message: 'the branch has no commit yet: the first entry is committed by `git commit`' });
  return { findings, index };
}

/** Run the fixes of the given findings, in order. */
export async function applySetupFixes(cwd: string, findings: SetupFinding[]): Promise<void> {
  for (const f of findings)
    for (const args of f.fix ?? []) {
      // `update-index --refresh` exits 1 when files differ from the index: reported, not a failure.
      await git(cwd, args, { allowFailure: args.includes('--refresh') });
    }
}
