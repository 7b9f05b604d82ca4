import type { Command } from 'commander';
import { action } from './action.js';
import { collect } from './options.js';
import type { Env } from '../env.js';

interface RespondOptions {
  sent?: string;
  channel?: string;
  text?: string;
  textFile?: string;
  publicText?: string;
  offeredTo?: string[];
  attachment?: string[];
  withhold?: string;
  departFromProtocol?: string;
  by?: string;
  org?: string;
  circulatedTo?: string[];
  json?: boolean;
}

export async function runRespond(env: Env, opts: RespondOptions, rawCase: string): Promise<number> {
  const { basename, resolve } = await import('node:path');
  const { askChoice, askChoices, askLongText, readDate, enumChoices } = await import('../terminal/ask.js');
  const { latestDecision } = await import('../domain/case-state.js');
  const S = await import('../domain/schemas.js');
  const { usageError, UserError, EXIT } = await import('../domain/errors.js');
  const { newEntryId } = await import('../domain/ids.js');
  const { findCandidate } = await import('../domain/candidates.js');
  const { validateNewResponse, responsePreconditions } = await import('../domain/workflow.js');
  const { readAttachmentSource } = await import('../store/attachments.js');
  const C = await import('./common.js');

  const caseId = C.caseIdArg(rawCase);
  const recordedByP = C.recorder(env); // looked up while the case is read
  const { config, record } = await C.loadCase(env, caseId);
  // Refuse before asking anything when no response can be recorded (no decision, already answered).
  C.refuseIf(responsePreconditions(record), 'response');
  const { labelled, responseSubject } = await import('../domain/label.js');
  const { standingOn, candidateServed } = await import('../domain/candidates.js');
  const { prospectiveUntil } = await import('../domain/standing.js');
  const sent = opts.sent === undefined ? C.today(env) : readDate(env, opts.sent, '--sent');
  const channel = await askChoice(env, opts.channel, '--channel', 'Sent by', enumChoices(S.CHANNELS));
  const text = await askLongText(env, await C.readTextOption(opts.text, opts.textFile, '--text'), '--text', 'The response as sent');

  const decision = latestDecision(record)?.value;
  const askOffer = !opts.offeredTo?.length && decision?.offer_to_all && env.interactive;
  const sendToAll = config.policy.share_answers === 'send-to-all';
  const rosterMap = opts.offeredTo?.length || opts.circulatedTo?.length || sendToAll || askOffer ? await C.loadCandidates(env) : new Map();
  const roster = [...rosterMap.values()].map((c) => c.value);
  const pick = (flag: string, typed: string[] | undefined) =>
    (typed ?? []).map((t) => {
      const m = findCandidate(roster, t);
      if (m.kind !== 'one') throw new UserError(`${flag} "${t}": ${m.kind === 'none' ? 'no such candidate' : 'matches several candidates'}`, EXIT.usage, 'use ids from `evenhand candidate list`');
      return m.candidate.id;
    });
  const offeredTo = pick('--offered-to', opts.offeredTo);
  if (askOffer) {
    // The decision offered the same to every candidate: say who it went to, every candidate
    // standing on the day it was sent ticked to start with (equal treatment; Norfolk 2.1).
    const standing = new Set(standingOn(roster, sent, prospectiveUntil(config)).map((c) => c.id));
    const choices = roster
      .filter((c) => c.status !== 'withdrawn' || standing.has(c.id))
      .map((c) => ({ value: c.id, name: `${c.name} (${c.id}, ${c.status})`, checked: standing.has(c.id) }));
    offeredTo.push(...(await askChoices('The same offer went to', choices)));
  }
  // share_answers: send-to-all (Humberside 14): unless told, the answer goes to every candidate
  // standing that day but the one who asked.
  let circulatedTo = pick('--circulated-to', opts.circulatedTo);
  const req = record.request!.value;
  if (sendToAll && opts.circulatedTo === undefined && req.statutory === undefined && !req.as_public) {
    const asker = candidateServed(rosterMap, req.candidate)?.id;
    circulatedTo = standingOn(roster, sent, prospectiveUntil(config))
      .map((c) => c.id)
      .filter((id) => id !== asker);
  }
  const orgIds = config.organisations.map((o) => o.id);
  if (opts.org !== undefined && !orgIds.includes(opts.org))
    throw usageError(`--org "${opts.org}" is not an organisation of this register`, orgIds.length ? `one of: ${orgIds.join(', ')}` : 'register.yaml lists no organisations');

  const entryId = newEntryId('response', env.randomBytes);
  const attachments: { name: string; path: string; sha256: string; bytes: number }[] = [];
  const extraFiles: { bytes: Uint8Array; to: string }[] = [];
  for (const a of opts.attachment ?? []) {
    const from = resolve(env.cwd, a);
    // Read once: the bytes hashed here are the bytes stored (a regular file only, within the size limit).
    const source = readAttachmentSource(from, '--attachment', a);
    const name = basename(from);
    // Kept beside the entry, named after it, so the commit that adds the response adds its attachments.
    const path = `attachments/${entryId}-${name.replace(/[^\w.-]+/g, '_')}`;
    attachments.push({ name, path, sha256: source.sha256, bytes: source.size });
    extraFiles.push({ bytes: source.bytes, to: `${record.folder}/${path}` });
  }

  const draft = {
    id: entryId,
    kind: 'response' as const,
    case: caseId,
    sent_on: sent,
    channel,
    text,
    public_text: opts.publicText,
    attachments,
    offered_to: offeredTo,
    circulated_to: circulatedTo,
    sent_by: opts.by,
    organisation: opts.org ?? req.organisation,
    publish: opts.withhold !== undefined ? { withheld: opts.withhold } : true,
    departs_from_protocol: opts.departFromProtocol,
    recorded_by: await recordedByP,
    recorded_at: env.now().toISOString(),
  };
  const parsed = S.ResponseEntry.safeParse(draft);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const flag = { sent_on: '--sent', publish: '--withhold' }[String(issue.path[0])];
    throw usageError(`${flag ?? String(issue.path[0])}: ${issue.message}`);
  }
  // The response's own rules, then what check would report on the case once it is in it (the
  // check's own rules: responders, withholding, equal treatment…); judged again under the write lock.
  const { judgeWithCheck } = await import('../terminal/write-findings.js');
  const { withEntry } = await import('../domain/write-check.js');
  const { entryFile } = await import('../domain/register-model.js');
  const judge = judgeWithCheck<{ record: typeof record; config: typeof config }>(
    env,
    await C.loadCandidates(env),
    'response',
    opts.departFromProtocol,
    (c) => validateNewResponse(c.record, parsed.data, C.today(env)),
    (r) => withEntry(r, { value: parsed.data, file: entryFile(r.folder, caseId, entryId), lines: {} }),
  );
  C.refuseIf(judge({ record, config }), 'response');
  await C.writeAndCommit(env, {
    caseId,
    folder: record.folder,
    entry: parsed.data,
    recheck: C.judgedUnderLock(env, caseId, 'response', judge),
    extraFiles,
    label: config.label,
  });
  // The response as it goes out, headed with the register's label (Hampshire 3.4, 7.2).
  const forSending = config.label ? `\nto send:\nSubject: ${responseSubject(config, req.subject)}\n\n${text.trim()}\n` : '';
  C.printId(env, entryId, `${caseId}: response recorded as ${entryId}${circulatedTo.length ? `; send it also to ${circulatedTo.join(', ')}` : ''}${forSending}`);
  return 0;
}

export function registerRespond(program: Command): void {
  program
    .command('respond')
    .description('record the response sent to the candidate')
    .argument('<case>', 'case id, e.g. 2024-0325-k7q2')
    .option('--sent <date>', 'date sent: 27/11/2026, today, yesterday or 2026-11-27 (default: today)')
    .option('--channel <channel>', 'email | letter | phone | in-person | social-media | web-form')
    .option('--text <text>', 'the response as sent')
    .option('--text-file <file>', 'read the response text from a file')
    .option('--public-text <text>', 'wording for the disclosure log (else the text is redacted and published)')
    .option('--offered-to <candidate>', 'a candidate the same offer went to (repeatable; equal treatment)', collect)
    .option('--attachment <file>', 'a file sent with the response, kept in the register (repeatable; an ordinary file of at most 25 MiB)', collect)
    .option('--withhold <reason>', 'do not publish this response, for this reason')
    .option('--depart-from-protocol <why>', 'record it although check will report it, saying why (kept in the entry; check keeps reporting it)')
    .option('--by <role>', 'the role sending it, one of register.yaml responders (Humberside 11.e)')
    .option('--org <id>', 'the organisation sending it (default: the one handling the case)')
    .option('--circulated-to <candidate>', 'a candidate the answer was also sent to (repeatable; default under share_answers: send-to-all: every candidate standing that day)', collect)
    .option('--json', 'print {"id": ...}')
    .addHelpText(
      'after',
      `
Every response is published, anonymised, unless withheld with a reason (Kent 5; Norfolk 2.2).
Examples:
  evenhand respond 2024-0325-k7q2 --sent 2024-04-02 --channel email --text-file reply.txt
  evenhand respond 2024-0402-m3x9 --channel email --text "A visit is offered to every candidate on 12 April." \\
    --offered-to c-7k2q --offered-to c-p4m1 --offered-to c-x9z3`,
    )
    .action(action(runRespond));
}
