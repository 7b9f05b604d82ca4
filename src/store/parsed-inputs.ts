// register.yaml and the candidate roster as an append needs them, without parsing them again when
// their bytes have not changed (docs/decisions/0028-append-at-the-floor.md). Every file is still
// read, in full, on every run; what is kept in .git/evenhand/cache/write-inputs.bin
// (src/store/cache-store.ts) is what register-store made of exactly those bytes: the validated
// config, the roster and the roster's findings. The key is a hash of every file's name and bytes,
// so a changed, added, removed or renamed file parses everything again through the one reader
// (register-store.ts), and every rule that reader enforces (candidate ids used by two files, a
// file that is not valid, a link in candidates/) is enforced exactly as before. Parsing the roster
// (YAML + zod, a few ms a file) was the largest part of a request after Node's own start.
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding } from '../domain/findings.js';
import type { Loaded } from '../domain/register-model.js';
import type { Candidate, RegisterConfig } from '../domain/schemas.js';
import { openCache, type CacheHandle } from './cache-store.js';
import { direntKind, pathKind, readRegisterTextSync } from './contained.js';
import { CONFIG_FILE, readCandidates, requireConfig } from './register-store.js';

interface WriteInputs {
  config?: { key: string; value: RegisterConfig };
  roster?: { key: string; candidates: [string, Loaded<Candidate>][]; findings: Finding[] };
}

const hashOf = (parts: string[]) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(`${p.length}:`).update(p);
  return h.digest('hex');
};

/** The key of register.yaml's bytes, or undefined when it cannot be read plainly (the reader reports why). */
function configKey(dir: string): string | undefined {
  const read = readRegisterTextSync(dir, CONFIG_FILE);
  return 'text' in read ? hashOf([CONFIG_FILE, read.text]) : undefined;
}

/**
 * The key of the roster: every candidates/*.yaml file's name and bytes, in the order the reader
 * reads them; undefined when anything in candidates/ is not a plain file or folder (a link, a
 * pipe) or cannot be read, which the reader turns into findings.
 */
function rosterKey(dir: string): string | undefined {
  const kind = pathKind(join(dir, 'candidates'));
  if (kind === undefined) return hashOf(['no candidates folder']);
  if (kind !== 'dir') return undefined;
  const parts: string[] = [];
  const entries = readdirSync(join(dir, 'candidates'), { withFileTypes: true });
  if (entries.some((d) => direntKind(d) !== 'file' && direntKind(d) !== 'dir')) return undefined;
  // As readCandidates lists them: regular files named *.yaml, not hidden, sorted.
  const names = entries.filter((d) => d.isFile() && d.name.endsWith('.yaml') && !d.name.startsWith('.')).map((d) => d.name).sort();
  for (const name of names) {
    const read = readRegisterTextSync(dir, `candidates/${name}`);
    if (!('text' in read)) return undefined;
    parts.push(name, read.text);
  }
  return hashOf(parts);
}

export interface WriteInputsRead {
  config: RegisterConfig;
  candidates: Map<string, Loaded<Candidate>>;
  /** The roster's findings, exactly as readCandidates reports them. */
  findings: Finding[];
}

/**
 * register.yaml (refusing, as requireConfig does, when it is not valid) and the roster with its
 * findings, parsed only when their bytes differ from the last run's. `useCache: false` reads both
 * cold and leaves the cache alone.
 */
export async function readWriteInputs(dir: string, opts: { useCache?: boolean } = {}): Promise<WriteInputsRead> {
  const cache: CacheHandle<WriteInputs> | undefined = opts.useCache === false ? undefined : await openCache<WriteInputs>(dir, 'write-inputs');
  const kept = cache?.read() ?? {};
  const cKey = cache && configKey(dir);
  const rKey = cache && rosterKey(dir);
  const next: WriteInputs = { ...kept };
  let config: RegisterConfig;
  if (cKey !== undefined && kept.config?.key === cKey) config = kept.config.value;
  else {
    config = await requireConfig(dir);
    // Kept only when the bytes did not change while they were parsed.
    if (cKey !== undefined && configKey(dir) === cKey) next.config = { key: cKey, value: config };
  }
  let candidates: Map<string, Loaded<Candidate>>;
  let findings: Finding[];
  if (rKey !== undefined && kept.roster?.key === rKey) {
    candidates = new Map(kept.roster.candidates);
    findings = kept.roster.findings;
  } else {
    findings = [];
    candidates = await readCandidates(dir, findings);
    if (rKey !== undefined && rosterKey(dir) === rKey) next.roster = { key: rKey, candidates: [...candidates], findings };
  }
  if (cache && (next.config !== kept.config || next.roster !== kept.roster)) cache.write(next);
  return { config, candidates, findings };
}
