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

/** Colours for people at a terminal: plain when env.color is off (pipes, NO_COLOR, --no-color). */
export async function painter(env: Env) {
  const { Chalk } = await import('chalk');
  const c = new Chalk({ level: env.color ? 1 : 0 });
  return {
    severity: (severity: string, text: string) => (severity === 'error' ? c.red.bold(text) : c.yellow(text)),
    heading: (text: string) => c.bold(text),
    dim: (text: string) => c.dim(text),
  };
}

/** A finding as formatFinding writes it, its severity and code in colour. */
export function paintFinding(f: Finding, line: string, paint: Awaited<ReturnType<typeof painter>>): string {
  const label = `${f.severity} ${f.code}:`;
  const at = line.indexOf(label);
  return at < 0 ? line : `${line.slice(0, at)}${paint.severity(f.severity, label)}${line.slice(at + label.length)}`;
}
