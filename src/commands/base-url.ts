// The --base-url flag of `build` and `check`. Apart from common.ts: it needs the site renderer
// (handlebars, the redaction rules), which a command that writes an entry must not load
// (docs/decisions/0032-append-startup.md).
import { usageError } from '../domain/errors.js';
import { normaliseBaseUrl } from '../render/site.js';

/** The --base-url of `build` and `check`: an absolute http(s) URL ending in "/", or undefined when not given. */
export function baseUrlFlag(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const url = normaliseBaseUrl(raw);
  if (!url) throw usageError(`--base-url "${raw}" is not an absolute http(s) URL`, 'e.g. --base-url https://example.github.io/disclosure-log/');
  return url;
}
