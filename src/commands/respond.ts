import type { Env } from '../env.js';
import { basename, resolve } from 'node:path';
import { attachmentPath } from '../domain/attachment-path.js';
import { candidateServed, findCandidate, standingOn } from '../domain/candidates.js';
import { latestDecision } from '../domain/case-state.js';
import { EXIT, UserError, usageError } from '../domain/errors.js';
import { newEntryId } from '../domain/ids.js';
import { labelled, responseSubject } from '../domain/label.js';
import { entryFile } from '../domain/register-model.js';
import * as S from '../domain/schemas.js';
import { prospectiveUntil } from '../domain/standing.js';
import { responsePreconditions, validateNewResponse } from '../domain/workflow.js';
import { withEntry } from '../domain/write-check.js';
import { readAttachmentSource } from '../store/attachments.js';
import { askChoice, askChoices, askLongText, enumChoices, readDate } from '../terminal/ask.js';
import { judgeWithCheck } from '../terminal/write-findings.js';
import * as C from './common.js';

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
  const caseId = C.caseIdArg(rawCase);
  const recordedByP = C.recorder(env); // looked up while the case is read
  const { config, record } = await C.loadCase(env, caseId);
  // Refuse before asking anything when no response can be recorded (no decision, already answered).
  C.refuseIf(responsePreconditions(record), 'response');
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
    // Two files of one name (a/report.pdf, b/report.pdf) are both kept: the second is numbered.
    const path = attachmentPath(entryId, name, new Set(attachments.map((x) => x.path)));
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

