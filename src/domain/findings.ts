// A finding is data: every validation collects all of them and never stops at the first (DESIGN.md habit 2).
export type Severity = 'error' | 'warning';

export interface Finding {
  code: string;
  severity: Severity;
  /** Path relative to the register folder, with forward slashes. */
  file?: string;
  line?: number;
  /** The field, e.g. `outcome` or `reasons[0]`. */
  path?: string;
  case?: string;
  message: string;
  hint?: string;
}

export function formatFinding(f: Finding, registerPrefix = ''): string {
  const where = f.file ? `${registerPrefix}${f.file}${f.line ? `:${f.line}` : ''}: ` : '';
  const field = f.path ? `${f.path}: ` : '';
  const hint = f.hint ? ` (hint: ${f.hint})` : '';
  return `${where}${f.severity} ${f.code}: ${field}${f.message}${hint}`;
}

export function countBySeverity(findings: readonly Finding[]): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const f of findings) {
    if (f.severity === 'error') errors++;
    else warnings++;
  }
  return { errors, warnings };
}

/** Stable order: by file, then line, then code, so output is the same on every run. */
export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort(
    (a, b) =>
      (a.case ?? '').localeCompare(b.case ?? '') ||
      (a.file ?? '').localeCompare(b.file ?? '') ||
      (a.line ?? 0) - (b.line ?? 0) ||
      a.code.localeCompare(b.code) ||
      a.message.localeCompare(b.message),
  );
}
