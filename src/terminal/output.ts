// Printing: JSON for machines, one line per finding for people.
import type { Env } from '../env.js';
import { formatFinding, type Finding } from '../domain/findings.js';

export function printJson(env: Env, value: unknown): void {
  env.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Prefix that makes finding paths clickable from where the user stands. */
export function registerPrefix(env: Env): string {
  const rel = env.registerDir.startsWith(env.cwd) ? env.registerDir.slice(env.cwd.length).replace(/^[\\/]/, '') : env.registerDir;
  return rel ? `${rel.replace(/\\/g, '/')}/` : '';
}

export function printFindings(env: Env, findings: readonly Finding[], out = env.stderr): void {
  const prefix = registerPrefix(env);
  for (const f of findings) out.write(`${formatFinding(f, prefix)}\n`);
}
