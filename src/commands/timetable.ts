import type { Env } from '../env.js';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { electionTimetable } from '../domain/calendar.js';
import { usageError } from '../domain/errors.js';
import { IsoDate, NATIONS } from '../domain/schemas.js';
import { requireConfig } from '../store/register-store.js';

interface TimetableOptions {
  pollDate?: string;
  nation?: string;
  explain?: boolean;
  json?: boolean;
}

export async function runTimetable(env: Env, opts: TimetableOptions): Promise<number> {
  // With --poll-date the register is optional: staff can ask about any election.
  const config = opts.pollDate && !existsSync(join(env.registerDir, 'register.yaml')) ? undefined : await requireConfig(env.registerDir);
  const poll = opts.pollDate ?? config!.election.poll_date;
  if (!IsoDate.safeParse(poll).success) throw usageError(`--poll-date "${poll}" is not a date`, 'use YYYY-MM-DD, e.g. 2024-05-02');
  const nation = (opts.nation ?? config?.election.nation ?? 'england-and-wales') as (typeof NATIONS)[number];
  if (!NATIONS.includes(nation)) throw usageError(`--nation "${nation}" is not one of: ${NATIONS.join(', ')}`);
  const extra = config?.election.extra_non_working_days ?? [];
  const t = electionTimetable(poll, nation, extra);
  // Avon and Somerset 12.1.1: the pre-election period starts with the notice of election,
  // unless the returning officer set a date (register.yaml policy.pre_election_period_start).
  const setByRO = opts.pollDate ? undefined : config?.policy.pre_election_period_start;
  const pre = setByRO ?? t.notice_of_election;
  const result = {
    poll: t.poll,
    nation,
    notice_of_election: t.notice_of_election,
    nominations_close: t.nominations_close,
    pre_election_period_start: pre,
    pre_election_period_source: setByRO ? 'returning officer (register.yaml)' : 'notice of election',
    ...(opts.explain ? { explain: { notice_of_election: t.skipped_notice, nominations_close: t.skipped_nominations } } : {}),
  };
  if (env.json) {
    env.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return 0;
  }
  const day = (d: string) => new Date(`${d}T12:00:00Z`).toLocaleDateString('en-GB', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  const out = [
    `poll                      ${day(t.poll)}  (${nation})`,
    `notice of election        ${day(t.notice_of_election)}  (no later than the 25th working day before the poll)`,
    `nominations close         ${day(t.nominations_close.slice(0, 10))} 4 pm  (the 19th working day before the poll)`,
    `pre-election period from  ${day(pre)}  (${result.pre_election_period_source})`,
  ];
  if (opts.explain) {
    out.push('', 'Counting back from the poll (poll day not counted), these days are not working days under the election rules:');
    const seen = new Set<string>();
    for (const d of [...t.skipped_notice, ...t.skipped_nominations]) {
      if (seen.has(d.date) || /^(Saturday|Sunday)$/.test(d.reason)) continue;
      seen.add(d.date);
      out.push(`  ${d.date}  ${d.reason}`);
    }
    const weekends = new Set([...t.skipped_notice].filter((d) => /^(Saturday|Sunday)$/.test(d.reason)).map((d) => d.date)).size;
    // "and" only joins a list that has something before it.
    const listed = seen.size > 0;
    if (weekends > 0) out.push(`  ${listed ? 'and ' : ''}${weekends} ${weekends === 1 ? 'Saturday or Sunday' : 'Saturdays and Sundays'}`);
    else if (!listed) out.push('  none');
  }
  env.stdout.write(`${out.join('\n')}\n`);
  return 0;
}
