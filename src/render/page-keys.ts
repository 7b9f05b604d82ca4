// Keys for the page cache (issue 14, docs/decisions/0025-incremental-check-and-build.md). A page is
// a template rendered with a context; rendering is a pure function of the values it reads, so two
// renderings that read the same top-level names with the same values, through the same templates
// and the same evenhand, give the same bytes. Which names a page reads is recorded when it is
// rendered (trackReads), and its key is a hash of the templates and of those values: a case page
// that reads only `case`, `root` and the register's name keeps its key when another case is added,
// a page that reads `cases` does not. Pure: no disk; the store keeps the records.
import { createHash, hash } from 'node:crypto';
import Handlebars from 'handlebars';
import type { FileSource, TemplateSet } from './site.js';
import { provenanceOf } from '../domain/provenance.js';

/** Recorded when the templates list the context's keys (`{{#each this}}`, a helper serialising it): every name counts. */
export const READS_EVERYTHING = '\u0000*';

/** Each tracking proxy, with the object it wraps, where it records and which names it does not count. */
const tracked = new WeakMap<object, { target: object; reads: Set<string>; own?: ReadonlySet<string> }>();

/**
 * The context, telling `reads` every top-level name a template looks up, tests or lists. Names in
 * `own` are not the context's: a partial's hash argument (`{{> rows cases=month.cases}}`) whose
 * value was read, and counted, where the partial was called.
 */
export function trackReads<T extends object>(context: T, reads: Set<string>, own?: ReadonlySet<string>): T {
  const count = (key: string | symbol) => {
    if (typeof key === 'string' && !own?.has(key)) reads.add(key);
  };
  const proxy = new Proxy(context, {
    get(target, key, receiver) {
      count(key);
      return Reflect.get(target, key, receiver);
    },
    has(target, key) {
      count(key);
      return Reflect.has(target, key);
    },
    getOwnPropertyDescriptor(target, key) {
      count(key);
      return Reflect.getOwnPropertyDescriptor(target, key);
    },
    ownKeys(target) {
      reads.add(READS_EVERYTHING);
      return Reflect.ownKeys(target);
    },
  });
  tracked.set(proxy, { target: context, reads, own });
  return proxy;
}

/**
 * Handlebars hands a partial a copy of its context (`Utils.extend({}, context, hash)`, even for
 * `{{#> layout}}` with no hash), which would read every name. Copying a tracked context copies
 * without counting and tracks the copy instead, into the same record: a name counts when a
 * template reads it. An untracked copy behaves exactly as before. Should a later handlebars copy
 * some other way, every name counts: slower, never wrong.
 */
const utils = Handlebars.Utils as unknown as { extend: (obj: Record<string, unknown>, ...sources: object[]) => Record<string, unknown> };
const plainExtend = utils.extend;
utils.extend = function extend(obj, ...sources) {
  let reads: Set<string> | undefined;
  // Names an untracked source (the partial's hash) sets over a tracked context: not the context's.
  let own: Set<string> | undefined;
  const raw = sources.map((s) => {
    const t = s && tracked.get(s);
    if (!t) {
      if (reads && s) for (const k of Object.keys(s)) own!.add(k);
      return s;
    }
    reads = t.reads;
    own = new Set(t.own);
    return t.target;
  });
  const out = plainExtend(obj, ...raw);
  return reads ? trackReads(out, reads, own) : out;
};

// One-shot: the same digest as createHash().update().digest() without a Hash object for each of
// the ~70,000 values and pages a cold run at 10,000 cases hashes (docs/decisions/0039-cheaper-rendering.md).
const sha = (data: string | Uint8Array) => hash('sha256', data, 'base64');

class Unhashable extends Error {}
const UNDEFINED = { '\u0000undefined': 1 };

/**
 * The exact text of a data value: JSON, with what JSON would merge told apart (undefined and a
 * missing key, NaN and null, a Date and a string). Not V8's serialisation: that also records which
 * objects are shared, so equal values read from the cache and from the files would differ.
 */
function exactText(value: unknown): string {
  return JSON.stringify(value === undefined ? UNDEFINED : value, function (this: Record<string, unknown>, key: string, v: unknown) {
    const raw = this[key];
    if (raw === undefined) return UNDEFINED;
    if (typeof raw === 'number') return Number.isFinite(raw) ? raw : { '\u0000number': String(raw) };
    if (raw instanceof Date) return { '\u0000date': v };
    if (typeof raw === 'function' || typeof raw === 'symbol' || typeof raw === 'bigint') throw new Unhashable();
    return v;
  });
}

class NotPlain extends Error {}

/** Whether every value in a plain object or array is a string, finite number, boolean or null (JSON writes it exactly). */
function flat(value: object): boolean {
  for (const v of Object.values(value)) {
    if (v === null || typeof v === 'string' || typeof v === 'boolean') continue;
    if (typeof v === 'number' && Number.isFinite(v)) continue;
    return false;
  }
  return true;
}

/** A short string stands for itself in a key (hashing it would cost more than it saves); '=' never starts a hash. */
const SHORT = 128;
/**
 * An object whose text is this long gets a hash of its own, and a value holding it writes `#hash`
 * in its place: the landing page's every month, a month's every case, are not written out again
 * for each page that reads them. Whether a part is written so depends on its value alone, so equal
 * values have equal texts; `#` never starts a JSON value, so no other text reads the same.
 */
const OWN_HASH = 1024;

/**
 * Hashes of context values, each object hashed once per run however many pages share it. A value
 * that is not plain data (a function) has no hash: the page is rendered every time.
 */
export function createValueHasher(): (value: unknown) => string | undefined {
  const memo = new WeakMap<object, string | undefined>();
  // Parts (long enough to have their own hash) hashed already, by object.
  const parts = new WeakMap<object, string>();
  // The text of plain data, JSON but with long parts as their hash; NotPlain for anything else.
  const write = (value: unknown): string => {
    if (value === null || typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) throw new NotPlain();
      return JSON.stringify(value);
    }
    if (typeof value !== 'object') throw new NotPlain();
    // A value made by a pure function from inputs with a known hash (a public case: the public-case
    // cache's key) stands for that hash, not its text; '@' never starts JSON or another part.
    const origin = provenanceOf(value);
    if (origin !== undefined) return `@${origin}`;
    const known = parts.get(value);
    if (known !== undefined) return `#${known}`;
    let text: string;
    if (Array.isArray(value)) {
      // Holes and undefined items are not plain (JSON would write null).
      for (let i = 0; i < value.length; i++) if (!(i in value) || value[i] === undefined) throw new NotPlain();
      text = flat(value) ? JSON.stringify(value) : `[${value.map(write).join(',')}]`;
    } else {
      const proto = Object.getPrototypeOf(value) as unknown;
      if (proto !== Object.prototype && proto !== null) throw new NotPlain();
      if (flat(value)) text = JSON.stringify(value);
      else {
        text = '{';
        let first = true;
        for (const [k, v] of Object.entries(value)) {
          text += `${first ? '' : ','}${JSON.stringify(k)}:${write(v)}`;
          first = false;
        }
        text += '}';
      }
    }
    if (text.length < OWN_HASH) return text;
    const hash = sha(text);
    parts.set(value, hash);
    return `#${hash}`;
  };
  return (value) => {
    if (typeof value === 'string' && value.length <= SHORT) return `=${JSON.stringify(value)}`;
    const isObject = value !== null && typeof value === 'object';
    if (isObject && memo.has(value)) return memo.get(value);
    let hash: string | undefined;
    try {
      const text = write(value);
      hash = text.startsWith('#') ? text.slice(1) : sha(text);
    } catch (err) {
      if (!(err instanceof NotPlain)) throw err;
      // Not plain data: the exact text of the whole value (exactText tells apart what JSON merges).
      try {
        hash = sha(exactText(value));
      } catch (inner) {
        if (!(inner instanceof Unhashable)) throw inner;
      }
    }
    if (isObject) memo.set(value, hash);
    return hash;
  };
}

/** Everything about the templates that can change a page: every template's name, source, origin and whose it is. */
export function templatesFingerprint(set: TemplateSet): string {
  const h = createHash('sha256');
  for (const t of [...set.templates.values()].sort((a, b) => (a.name < b.name ? -1 : 1))) h.update(`${t.name}\0${t.origin}\0${t.own ? 1 : 0}\0${t.source.length}\0`).update(t.source);
  return h.digest('base64');
}

/**
 * The key of a file given the names its last rendering read; undefined when it cannot have one
 * (open data, made from the whole view, is rendered every time).
 */
export function fileKey(path: string, source: FileSource, reads: readonly string[], templates: string, hashValue: (value: unknown) => string | undefined): string | undefined {
  if ('data' in source) return undefined;
  const h = createHash('sha256').update(`${path}\0`);
  if ('asset' in source) {
    const a = source.asset;
    return h.update(`asset\0${a.path}\0${a.own ? 1 : 0}\0`).update(a.bytes).digest('base64');
  }
  h.update(`page\0${source.template}\0${templates}\0`);
  const context = source.context();
  const names = reads.includes(READS_EVERYTHING) ? Reflect.ownKeys(context).filter((k): k is string => typeof k === 'string') : reads;
  for (const name of [...names].sort()) {
    const value = Object.hasOwn(context, name) ? hashValue(context[name]) : '-';
    if (value === undefined) return undefined;
    h.update(`${name}\0${value}\0`);
  }
  if (reads.includes(READS_EVERYTHING)) h.update(READS_EVERYTHING);
  return h.digest('base64');
}

/** The hash a page's content is recorded under. */
export function contentHash(content: string | Uint8Array): string {
  return sha(content);
}
