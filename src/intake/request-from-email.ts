// `evenhand request --email <file>`: the email's values offered for the SPOC to confirm (issue 13).
// In a terminal each value is shown as the answer Enter keeps; without one, what the email says is
// used for every flag not given. Kept apart from request.ts so the command stays thin.
import { basename } from 'node:path';
import type { Env } from '../env.js';
import { usageError } from '../domain/errors.js';
import { prefillFromEmail } from '../domain/email-request.js';
import type { Candidate } from '../domain/schemas.js';
import { sayDate } from '../domain/typed-date.js';
import { askDate, askOptionalText, askYesNo } from '../terminal/ask.js';
import { readEmailFile, stageAttachments } from './email.js';

export interface EmailFlags {
  candidate?: string;
  received?: string;
  channel?: string;
  subject?: string;
  text?: string;
  keepAttachments?: boolean;
}

export interface EmailIntake {
  values: Required<Pick<EmailFlags, 'channel'>> & Omit<EmailFlags, 'channel' | 'keepAttachments'>;
  /** Attachment files to keep with the request: staged copies and the names they arrived with. */
  attachments: { from: string; name: string }[];
}

const ukTyped = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}${iso.length > 10 ? ` ${iso.slice(11, 16)}` : ''}`;

export async function emailIntake(env: Env, file: string, roster: readonly Candidate[], given: EmailFlags): Promise<EmailIntake> {
  const email = await readEmailFile(file);
  const pre = prefillFromEmail(email, roster);
  const say = (line: string) => env.stderr.write(`${line}\n`);
  const who = pre.sender ? `${pre.sender.name ? `${pre.sender.name} <${pre.sender.address}>` : pre.sender.address}` : 'an unknown sender';
  say(`email ${basename(file)}: from ${who}${pre.forwardedBy ? ` (forwarded by ${pre.forwardedBy.address})` : ''}${pre.received ? `, ${sayDate(pre.received)}` : ''}`);

  let candidate = given.candidate;
  if (candidate === undefined && pre.candidate) {
    const c = pre.candidate;
    if (!env.interactive || (await askYesNo(`Is this a request from candidate ${c.name} (${c.id})?`, true))) candidate = c.id;
  } else if (candidate === undefined && !env.interactive) {
    throw usageError(
      `the sender ${pre.sender?.address ?? '(none given)'} is not a candidate's address on the roster`,
      `pass --candidate <id>, or add the address first: evenhand candidate update <id> --email ${pre.sender?.address ?? '<address>'}`,
    );
  } else if (candidate === undefined) say(`  ${pre.sender?.address ?? 'the sender'} is not on the roster: pick the candidate below`);

  let received = given.received;
  if (received === undefined && pre.received)
    received = env.interactive ? await askDate(env, undefined, '--received', 'Received (from the email)', { time: true, default: ukTyped(pre.received) }) : pre.received;

  let subject = given.subject;
  if (subject === undefined && pre.subject)
    subject = env.interactive ? ((await askOptionalText(env, undefined, `Subject (Enter keeps "${pre.subject}")`)) ?? pre.subject) : pre.subject;

  let text = given.text;
  if (text === undefined && pre.text) {
    if (env.interactive) {
      const lines = pre.text.split('\n');
      say(`  the email's text (${lines.length} line${lines.length === 1 ? '' : 's'}):`);
      for (const l of lines.slice(0, 12)) say(`  | ${l}`);
      if (lines.length > 12) say(`  | … ${lines.length - 12} more`);
      if (await askYesNo("Log the email's text as the request?", true)) text = pre.text;
    } else text = pre.text;
  }

  let keep = given.keepAttachments;
  if (keep === undefined && email.attachments.length && env.interactive)
    keep = await askYesNo(`Keep the ${email.attachments.length} attachment${email.attachments.length > 1 ? 's' : ''} (${email.attachments.map((a) => a.name).join(', ')}) with the request?`, true);
  const kept = keep ? email.attachments : [];
  const staged = await stageAttachments(kept);
  return {
    values: { candidate, received, channel: given.channel ?? 'email', subject, text },
    attachments: staged.map((from, i) => ({ from, name: kept[i].name })),
  };
}
