// evenhand's own templates compiled when the bundle is made (docs/decisions/0036-precompiled-templates.md).
// Compiling the fifteen default templates took ~60–170 ms of every small `check` and `build`; the
// bundle (scripts/bundle.mjs) replaces this module with one that holds each default template's
// source and the Handlebars code compiled from it, as code, so a command runs it without compiling.
// Unbundled (the unit tests, dist/*.js) the table is empty and every template is compiled at run
// time, as it always was. Pure: the bundle script does the reading.
import type { TemplateSource } from './site.js';

/** A template as `Handlebars.precompile` gives it, evaluated: what `Handlebars.template()` takes. */
export type TemplateSpec = { compiler: [number, string]; main: (...args: unknown[]) => unknown; [key: string]: unknown };

/** File name → the source compiled at bundle time and the compiled template. */
export const PRECOMPILED_TEMPLATES: ReadonlyMap<string, { source: string; spec: TemplateSpec }> = new Map();

/**
 * The compiled template for a default template whose text is exactly the text the bundle compiled;
 * undefined for a register's own template, or a default edited since the bundle was made (compiled
 * at run time then, as before). The text read at run time is still what the page cache's
 * fingerprint hashes (page-keys.ts templatesFingerprint).
 */
export function precompiledDefault(t: TemplateSource): TemplateSpec | undefined {
  if (t.own) return undefined;
  const pre = PRECOMPILED_TEMPLATES.get(t.name);
  return pre && pre.source === t.source ? pre.spec : undefined;
}
