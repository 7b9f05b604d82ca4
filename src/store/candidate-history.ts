// Every value a candidate file has held in the register's git history, so that a name, party or
// contact edited away by hand (or by a version of evenhand that did not keep `former`) is still
// redacted. One git process: the whole history of candidates/, each diff with the whole file as
// context, from which each version of the file before and after the commit is read back.
import { basename } from 'node:path';
import { parse } from 'yaml';
import { nestedTooDeeply } from '../domain/yaml-depth.js';
import { MAX_REGISTER_FILE_BYTES, MAX_YAML_ALIASES } from '../domain/limits.js';
import { addSnapshot, emptyFormer, type CandidateSnapshot, type FormerValues } from '../domain/former-identity.js';
import { git } from './git.js';

/** Candidate id → every value its file ever held. Empty outside a git repository or before the first commit. */
export async function readCandidateHistory(registerDir: string): Promise<Map<string, FormerValues>> {
  // Reading a register never needs git: without it (or outside a repository) there is no history.
  const r = await git(
    registerDir,
    ['log', '-p', '--unified=100000', '--format=', '--no-color', '--no-ext-diff', '--no-renames', '--', 'candidates/'],
    { allowFailure: true },
  ).catch(() => undefined);
  return r?.code === 0 ? parseCandidateHistory(r.stdout) : new Map();
}

/** Parses `git log -p` output of candidate files (exported for tests). */
export function parseCandidateHistory(log: string): Map<string, FormerValues> {
  const out = new Map<string, FormerValues>();
  for (const block of log.split(/^diff --git /m).slice(1)) {
    const header = /^a\/(\S+) b\/(\S+)/.exec(block);
    const file = header?.[2] ?? header?.[1];
    if (!file || !file.endsWith('.yaml')) continue;
    const id = basename(file, '.yaml');
    const before: string[] = [];
    const after: string[] = [];
    let inHunk = false;
    for (const line of block.split('\n')) {
      if (line.startsWith('@@')) {
        inHunk = true;
        continue;
      }
      if (!inHunk) continue;
      const mark = line[0];
      if (mark === ' ' || mark === '-') before.push(line.slice(1));
      if (mark === ' ' || mark === '+') after.push(line.slice(1));
    }
    const values = out.get(id) ?? emptyFormer();
    for (const text of [before, after]) {
      const snap = readSnapshot(text.join('\n'));
      if (snap) addSnapshot(values, snap);
    }
    out.set(id, values);
  }
  return out;
}

function readSnapshot(text: string): CandidateSnapshot | undefined {
  // Past versions come from git, not from a file check has seen: the same limits as the register (issue 10).
  if (!text.trim() || text.length > MAX_REGISTER_FILE_BYTES) return undefined;
  try {
    // Nested past the limit: read as lines below, never by the parser (yaml-depth.ts).
    if (nestedTooDeeply(text)) throw new RangeError('nested too deeply');
    const v: unknown = parse(text, { maxAliasCount: MAX_YAML_ALIASES });
    return v && typeof v === 'object' ? (v as CandidateSnapshot) : undefined;
  } catch {
    // A version that was not valid YAML: read what lines say "key: value", so nothing is lost.
    const snap: Record<string, string[]> = {};
    for (const m of text.matchAll(/^(name|party|aliases|emails|phones|handles):\s*(.+)$|^\s+-\s+(.+)$/gm)) {
      if (m[1]) (snap[m[1]] ??= []).push(m[2]);
      else (snap.aliases ??= []).push(m[3]);
    }
    return snap;
  }
}
