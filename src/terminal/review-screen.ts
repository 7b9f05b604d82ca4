// What `evenhand review` shows for one case: its public text exactly as the log will publish it,
// redactions marked, each flagged span marked and numbered, and the flags listed below with why.
import { Chalk } from 'chalk';
import type { PublicCase } from '../domain/public-view.js';
import { publicTexts, reviewFlags, type FlagContext, type ReviewFlag } from '../domain/review-flags.js';

const TOKEN = /\[[a-z][a-z -]*\]/g;

interface Style {
  token(s: string): string;
  flagged(s: string): string;
  number(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
}

function style(color: boolean): Style {
  if (!color) return { token: (s) => s, flagged: (s) => `⟨${s}⟩`, number: (s) => s, dim: (s) => s, bold: (s) => s };
  const c = new Chalk({ level: 1 });
  return { token: (s) => c.inverse(s), flagged: (s) => c.yellow.underline(s), number: (s) => c.yellow(s), dim: (s) => c.dim(s), bold: (s) => c.bold(s) };
}

/** A text with its flagged spans (merged where they overlap) marked and numbered, and its redactions styled. */
function markText(text: string, flags: { start: number; end: number; n: number }[], st: Style): string {
  const spans: { start: number; end: number; ns: number[] }[] = [];
  for (const f of [...flags].sort((a, b) => a.start - b.start || b.end - a.end)) {
    const last = spans.at(-1);
    if (last && f.start < last.end) {
      last.end = Math.max(last.end, f.end);
      last.ns.push(f.n);
    } else spans.push({ start: f.start, end: f.end, ns: [f.n] });
  }
  const tokens = (s: string) => s.replace(TOKEN, (t) => st.token(t));
  let out = '';
  let pos = 0;
  for (const s of spans) {
    out += tokens(text.slice(pos, s.start)) + st.flagged(tokens(text.slice(s.start, s.end))) + st.number(superscript(s.ns));
    pos = s.end;
  }
  return out + tokens(text.slice(pos));
}

const SUP = '⁰¹²³⁴⁵⁶⁷⁸⁹';
function superscript(ns: number[]): string {
  return ns.map((n) => String(n).replace(/\d/g, (d) => SUP[Number(d)])).join('˒');
}

export interface ReviewScreen {
  text: string;
  flags: (ReviewFlag & { field: string; n: number })[];
}

const LABELS: Record<string, string> = { subject: 'Subject', question: 'Question', response: 'Response' };

function label(field: string): string {
  const m = /^(\w+)\[(\d+)\]$/.exec(field);
  if (!m) return LABELS[field] ?? field;
  const name = { clarifications: 'Clarification', reasons: 'Reason', attachments: 'Attachment' }[m[1]] ?? m[1];
  return `${name} ${Number(m[2]) + 1}`;
}

function indent(text: string, by: string): string {
  return text.split('\n').join(`\n${by}`);
}

/** The screen for one case. `heading` says which case and where it stands in the queue. */
export function reviewScreen(pub: PublicCase, ctx: FlagContext, heading: string, color: boolean): ReviewScreen {
  const st = style(color);
  const lines: string[] = [st.bold(heading), ''];
  const flags: ReviewScreen['flags'] = [];
  const width = Math.max(...publicTexts(pub).map((t) => label(t.field).length)) + 2;
  for (const { field, text } of publicTexts(pub)) {
    const own = reviewFlags(text, ctx).map((f) => ({ ...f, field, n: flags.length + 1 }));
    own.forEach((f, i) => (f.n = flags.length + i + 1));
    flags.push(...own);
    const name = `${label(field)}:`.padEnd(width);
    lines.push(`${st.dim(name)}${indent(markText(text, own, st), ' '.repeat(width))}`);
  }
  lines.push('');
  lines.push(st.dim(`Published as ${pub.status}${pub.outcome ? `, outcome ${pub.outcome}` : ''}; ${pub.category}${pub.foi ? ', FOI Act' : ''}; received ${pub.received}${pub.answered_on ? `, answered ${pub.answered_on}` : ''}. [ ] marks a redaction.`));
  if (flags.length === 0) lines.push('No flags: nothing the automatic checks cannot judge. Read it once more all the same.');
  else {
    lines.push(`${flags.length} flag${flags.length === 1 ? '' : 's'}: look at each before approving.`);
    for (const f of flags) lines.push(`  ${st.number(String(f.n).padStart(2))}. ${f.kind} ${JSON.stringify(f.text)} (${label(f.field).toLowerCase()}): ${f.why}`);
  }
  return { text: `${lines.join('\n')}\n`, flags };
}
