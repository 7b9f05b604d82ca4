import type { Env } from '../env.js';
import { caseDetail, caseSummary } from '../domain/case-view.js';
import { EXIT, UserError } from '../domain/errors.js';
import { fullPublicView } from '../domain/public-view.js';
import { describeReview, reviewRequired, reviewState } from '../domain/review.js';
import { readValidRegister } from '../store/register-store.js';
import { caseIdArg, today } from './common.js';

interface ShowOptions {
  json?: boolean;
}

export async function runShow(env: Env, _opts: ShowOptions, rawCase: string): Promise<number> {
  const caseId = caseIdArg(rawCase);
  const register = await readValidRegister(env.registerDir);
  const record = register.cases.get(caseId);
  if (!record) throw new UserError(`no case ${caseId} in this register`, EXIT.findings, 'see `evenhand list` for case ids');
  // A case's public text depends on the register's candidates, never on other cases: build this one only.
  const review = reviewState(record, fullPublicView({ ...register, cases: new Map([[caseId, record]]) }).view.cases[0]);
  const reviewText = describeReview(review, reviewRequired(register.config));
  const detail = { ...caseDetail(register, record, today(env)), review: { ...review, text: reviewText } };
  if (env.json) {
    env.stdout.write(`${JSON.stringify(detail, null, 2)}\n`);
    return 0;
  }
  const s = caseSummary(register, record, today(env));
  const out: string[] = [];
  if (register.config.label) out.push(register.config.label);
  out.push(`case ${s.id}  ${s.state}${s.due ? `  (due ${s.due.date}${s.due.rule ? `, ${s.due.rule}` : ''})` : ''}`);
  out.push(`  candidate   ${s.candidate_name} (${s.candidate})`);
  out.push(`  received    ${s.received} by ${s.channel} via ${s.via}${s.foi ? ', FOI Act request' : ''}`);
  out.push(`  category    ${s.category}`);
  out.push(`  subject     ${s.subject}`);
  out.push(`  review      ${reviewText}`);
  for (const e of detail.entries) {
    out.push('');
    out.push(`  ${e.kind} ${e.id}  ${e.date}  (${e.file}, recorded by ${e.recorded_by} at ${e.recorded_at})`);
    for (const [k, v] of Object.entries(e.fields)) {
      const text = Array.isArray(v) ? v.map(showItem).join(k === 'attachments' ? '\n' : '; ') : typeof v === 'object' ? JSON.stringify(v) : String(v);
      const lines = text.split('\n');
      out.push(`    ${k.padEnd(16)}${lines[0]}`);
      for (const l of lines.slice(1)) out.push(`    ${''.padEnd(16)}${l}`);
    }
  }
  if (s.due?.explain?.length) {
    out.push('');
    out.push(`  due date ${s.due.date}: ${s.due.rule}; days not counted:`);
    for (const d of s.due.explain) out.push(`    ${d.date}  ${d.reason}`);
  }
  env.stdout.write(`${out.join('\n')}\n`);
  return 0;
}

/** One item of a list field: an attachment as "name (path, 1,234 bytes)", never [object Object]. */
function showItem(item: unknown): string {
  if (item && typeof item === 'object') {
    const a = item as { name?: unknown; path?: unknown; bytes?: unknown };
    if (typeof a.name === 'string' && typeof a.path === 'string') return `${a.name} (${a.path}${typeof a.bytes === 'number' ? `, ${a.bytes.toLocaleString('en-GB')} bytes` : ''})`;
    return JSON.stringify(item);
  }
  return String(item);
}
