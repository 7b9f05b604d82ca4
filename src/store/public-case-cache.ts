// The public-case cache (issue 14, docs/decisions/0037-warm-runs-redact-only-what-changed.md): each
// case's public form (its redacted texts) and what the `identifiable` rule found in them, so a warm
// check or build redacts and scans only the cases that changed. A case's public form is a pure
// function of its own entry files, the candidates' identity forms and the register's
// organisations (src/domain/public-view.ts publicCase), so it is keyed by exactly those: the hash
// of every file of the case as parsed in this run (the parse cache's, itself a SHA-256 of the text
// read), the identity forms and the organisations. A new alias, a changed organisation or one byte
// of one entry makes the case built and scanned again; the evenhand build is in the cache's header.
import { createHash } from 'node:crypto';
import { deserialize, serialize } from 'node:v8';
import { candidateIdentities, type BuiltCase, type CaseLeak, type PublicCaseMemo } from '../domain/public-view.js';
import type { CaseRecord, Register } from '../domain/register-model.js';
import { openMapCache } from './cache-store.js';
import { setProvenance } from '../domain/provenance.js';
import type { ParseCache } from './parse-cache.js';

interface Stored {
  key: string;
  built: BuiltCase;
  /** Null until a `check` scanned the case under these forms. */
  leaks: CaseLeak[] | null;
}

export interface PublicCaseCache extends PublicCaseMemo {
  /** Write the cases of this run (and only them) back. */
  save(): void;
  /** Cases taken from the cache and cases built (redacted) in this run, each counted once, for EVENHAND_CACHE_STATS. */
  stats: { reused: number; built: number };
}

/** What EVENHAND_CACHE_STATS prints of the public cases. */
export function publicCaseStatsLine(stats: PublicCaseCache['stats']): string {
  return `public cases: ${stats.reused} from the cache, ${stats.built} redacted`;
}

/**
 * The cache for this register as read through `parsed`, or undefined where a key cannot be made
 * (outside git, no parse cache). `fresh` (--no-cache): start empty, write a new one.
 */
export async function openPublicCaseCache(registerDir: string, register: Register, parsed: ParseCache | undefined, opts: { fresh?: boolean } = {}): Promise<PublicCaseCache | undefined> {
  if (!parsed || !register.config) return undefined;
  const handle = await openMapCache<Stored>(registerDir, 'public-cases');
  if (!handle) return undefined;
  const read = opts.fresh ? undefined : handle.read();
  let old = read instanceof Map ? read : new Map<string, Stored>();
  const next = new Map<string, Stored>();
  // What every case's public form shares: the forms redaction removes, and the organisations a response names.
  const shared = createHash('sha256').update(JSON.stringify([candidateIdentities(register), register.config.organisations])).digest('base64');
  const keyOf = (record: CaseRecord): string | undefined => {
    const h = createHash('sha256').update(`${shared}\0${record.id}\0`);
    for (const [part, list] of [['request', record.request ? [record.request] : []], ['entries', record.entries], ['withdrawn', record.withdrawn ?? []]] as const) {
      h.update(`${part}\0`);
      for (const e of list) {
        // A file not parsed in this run (none should be): no key, so never a hit.
        const hash = parsed.hashOf(e.file);
        if (hash === undefined) return undefined;
        h.update(`${e.file}\0${hash}\0`);
      }
    }
    return h.digest('base64');
  };
  // Cases handed out in this run: asked for again (a register that requires review builds two
  // views), a case is a copy, never an object an earlier reader could have changed.
  const given = new Set<string>();
  const stats = { reused: 0, built: 0 };
  // Nothing new (a build after the check that saw the same cases): the file is not written again.
  let changed = opts.fresh === true;
  return {
    stats,
    built(record) {
      const key = keyOf(record);
      const hit = key === undefined ? undefined : (next.get(record.id) ?? old.get(record.id));
      if (!hit || hit.key !== key) return undefined;
      next.set(record.id, hit);
      let built = hit.built;
      if (!given.has(record.id)) {
        given.add(record.id);
        stats.reused++;
      } else built = deserialize(serialize(hit.built)) as BuiltCase;
      // The key names everything the public case is made from: page keys name the case by it (ADR 0042).
      setProvenance(built.pub, key!);
      return built;
    },
    keep(record, built) {
      stats.built++;
      const key = keyOf(record);
      if (key === undefined) return;
      setProvenance(built.pub, key);
      next.set(record.id, { key, built, leaks: null });
      given.add(record.id);
      changed = true;
    },
    leaks: (reference) => next.get(reference)?.leaks ?? undefined,
    keepLeaks(reference, leaks) {
      const stored = next.get(reference);
      if (stored) next.set(reference, { ...stored, leaks });
      changed = true;
    },
    save() {
      if (changed || next.size !== old.size) handle.write(next);
      // Cases not asked for in this run are not asked for later in it.
      old = new Map();
    },
  };
}
