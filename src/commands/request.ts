import type { Env } from '../env.js';
import { findCandidate } from '../domain/candidates.js';
import { EXIT, UserError, usageError } from '../domain/errors.js';
import { newCaseId } from '../domain/ids.js';
import { caseFolder } from '../domain/register-model.js';
import * as S from '../domain/schemas.js';
import { validateNewRequest } from '../domain/workflow.js';
import { newCase } from '../domain/write-check.js';
import { readAttachmentSource } from '../store/attachments.js';
import { claimCaseFolder, releaseEmptyCaseFolder } from '../store/entry-writer.js';
import { readWriteInputs } from '../store/parsed-inputs.js';
import { assertRegisterWritable } from '../store/repo-state.js';
import { askChoice, askDate, askLongText, askOptionalText, askText, askYesNo, enumChoices, readDate } from '../terminal/ask.js';
import { judgeWrite } from '../terminal/write-findings.js';
import * as C from './common.js';

interface RequestOptions {
  candidate?: string;
  received?: string;
  channel?: string;
  category?: string;
  subject?: string;
  text?: string;
  textFile?: string;
  via: string;
  foi?: boolean;
  publicSummary?: string;
  requesterRole: string;
  private?: string[];
  email?: string;
  keepAttachments?: boolean;
  departFromProtocol?: string;
  eventOn?: string;
  org?: string;
  asPublic?: boolean;
  statutory?: string;
  json?: boolean;
}

export async function runRequest(env: Env, opts: RequestOptions): Promise<number> {
  // An email's attachments are staged in a temporary folder (src/intake/email.ts): removed once the
  // request is logged or refused, so no copy of a candidate's attachment stays behind.
  const staged: string[] = [];
  try {
    return await logRequest(env, opts, staged);
  } finally {
    if (staged.length) await (await import('../intake/email.js')).discardStagedAttachments(staged);
  }
}

async function logRequest(env: Env, opts: RequestOptions, staged: string[]): Promise<number> {
  // git's user.name is looked up while the register is read, not after.
  const recordedByP = C.recorder(env);
  // register.yaml and the roster, parsed only when their bytes changed since the last write (src/store/parsed-inputs.ts).
  const { config, candidates: roster, findings: rosterFindings } = await readWriteInputs(env.registerDir);
  if (rosterFindings.some((f) => f.severity === 'error'))
    throw new UserError('the candidate files are invalid; fix them first', EXIT.findings, 'run `evenhand check`', rosterFindings);
  // Before any question, and before the case folder is claimed: nothing is written into a repository
  // where the commit would be lost or mixed (detached HEAD, a rebase…). appendEntry asks again under the lock.
  await assertRegisterWritable(env.registerDir);
  if (roster.size === 0) throw new UserError('the register has no candidates yet', EXIT.usage, 'add one first: evenhand candidate add --name "<name>"');

  // --email: the message's sender, date, subject and text fill what the flags leave out (issue 13).
  const fromEmail = opts.email === undefined ? undefined : await (await import('../intake/request-from-email.js')).emailIntake(env, opts.email, [...roster.values()].map((c) => c.value), { ...opts, text: await C.readTextOption(opts.text, opts.textFile, '--text') });
  if (fromEmail) opts = { ...opts, ...fromEmail.values, textFile: undefined };
  for (const a of fromEmail?.attachments ?? []) staged.push(a.from);

  const candidateChoices = [...roster.values()].map(({ value: c }) => ({ value: c.id, name: `${c.name} (${c.status}${c.party ? `, ${c.party}` : ''})` }));
  const candidateArg = opts.candidate === undefined ? await askChoice(env, undefined, '--candidate', 'Which candidate?', candidateChoices) : opts.candidate;
  const found = findCandidate([...roster.values()].map((c) => c.value), candidateArg);
  if (found.kind === 'none') throw new UserError(`--candidate "${candidateArg}": no such candidate`, EXIT.usage, 'give an id from `evenhand candidate list` (e.g. c-7k2q) or the exact name');
  if (found.kind === 'many')
    throw new UserError(`--candidate "${candidateArg}" matches ${found.ids.join(', ')}`, EXIT.usage, 'give the candidate id instead');
  const candidate = found.candidate;

  const category = await askChoice(env, opts.category, '--category', 'Category', enumChoices(S.CATEGORIES));
  // Kent 4: clearly political requests (endorsements, party invitations) are forwarded and deleted without logging.
  if (category === 'political' && config.policy.political_requests === 'forward-unlogged') {
    const to = config.policy.political_forward_to ?? "the PCC's personal email account (copied to the Head of Strategy and Engagement)";
    if (env.json) env.stdout.write(`${JSON.stringify({ id: null, logged: false, forward_to: to }, null, 2)}\n`);
    else
      env.stdout.write(
        `not logged: this register forwards clearly political requests unlogged (policy.political_requests: forward-unlogged; Kent protocol 4).\nForward it to ${to}, then delete it.\n`,
      );
    return 0;
  }

  // Judged as typed: a bad or future date is asked again at once, nothing typed later is lost.
  const received = await askDate(env, opts.received, '--received', 'Received', {
    time: true,
    default: env.interactive ? 'now' : undefined,
    // At the prompt, a future date is asked again; from a flag, the workflow rule below refuses it.
    check: (v) => (opts.received === undefined && (v.length > 10 ? v > C.nowLocal(env) : v > C.today(env)) ? `${v.replace('T', ' ')} is in the future (it is now ${C.nowLocal(env).replace('T', ' ')})` : undefined),
  });
  const channel = await askChoice(env, opts.channel, '--channel', 'How did it arrive?', enumChoices(S.CHANNELS));
  const subject = await askText(env, opts.subject, '--subject', 'Subject (one line)', '"Overtime budget"');
  const text = await askLongText(env, await C.readTextOption(opts.text, opts.textFile, '--text'), '--text', 'The request, as received');
  const publicSummary = await askOptionalText(env, opts.publicSummary, 'Wording for publication');
  const via = await askChoice(env, opts.via, '--via', 'Routed via', enumChoices(S.ROUTES));
  const role = await askChoice(env, opts.requesterRole, '--requester-role', 'Who made it', enumChoices(S.REQUESTER_ROLES));

  let foi = opts.foi;
  if (foi === undefined && env.interactive) {
    foi = await askYesNo('Handle under the Freedom of Information Act (20 working days)?', false);
  }
  if (opts.eventOn !== undefined && !(S.EVENT_CATEGORIES as readonly string[]).includes(category))
    throw usageError(`--event-on is for ${S.EVENT_CATEGORIES.join(', ')} requests, not ${category}`);
  const eventOn = opts.eventOn === undefined ? undefined : readDate(env, opts.eventOn, '--event-on');
  // One register for several organisations (Humberside 11.b): the first listed handles a case unless told.
  const orgIds = config.organisations.map((o) => o.id);
  if (opts.org !== undefined && !orgIds.includes(opts.org))
    throw usageError(`--org "${opts.org}" is not an organisation of this register`, orgIds.length ? `one of: ${orgIds.join(', ')}` : 'register.yaml lists no organisations');
  const recordedBy = await recordedByP;
  const draft = {
    id: '0000-0000-0000',
    kind: 'request' as const,
    candidate: candidate.id,
    requester_role: role,
    received,
    channel,
    via,
    category,
    foi: Boolean(foi),
    subject,
    text,
    public_summary: publicSummary,
    private: opts.private ?? [],
    event_on: eventOn,
    organisation: opts.org ?? orgIds[0],
    as_public: Boolean(opts.asPublic),
    statutory: opts.statutory,
    recorded_by: recordedBy,
    recorded_at: env.now().toISOString(),
  };
  const dateOk = S.DateOrDateTime.safeParse(received);
  if (!dateOk.success) throw usageError(`--received "${received}": ${dateOk.error.issues[0].message}`);
  C.refuseIf(validateNewRequest(draft as never, C.today(env), C.nowLocal(env)), 'request');

  const exempt = candidate.incumbent && config.policy.undeclared_exempts_incumbent;
  if (candidate.status === 'prospective' && config.policy.undeclared === 'treat-as-public' && !opts.asPublic && opts.statutory === undefined && !exempt)
    env.stderr.write(
      `warning: ${candidate.id} has not declared; this register treats undeclared people as members of the public (Avon and Somerset 3.3.5). Logging it as a candidate request anyway (--as-public records it as a member of the public's).\n`,
    );
  if (candidate.status === 'withdrawn') env.stderr.write(`warning: ${candidate.id} has withdrawn from the election\n`);

  const caseId = await claimCaseFolder(env.registerDir, () => newCaseId(received, env.randomBytes));
  const kept = await keptAttachments(fromEmail?.attachments ?? [], caseFolder(caseId));
  const entry = S.RequestEntry.parse({ ...draft, id: caseId, attachments: kept.attachments, departs_from_protocol: opts.departFromProtocol });
  try {
    // What check will say about the new case (the check's own rules: undeclared, political, written confirmation …).
    const folder = caseFolder(caseId);
    judgeWrite(env, { config, candidates: roster }, undefined, newCase(caseId, folder, { value: entry, file: `${folder}/request.yaml`, lines: {} }), 'request', opts.departFromProtocol);
    await C.writeAndCommit(env, {
      caseId,
      folder: caseFolder(caseId),
      entry,
      extraFiles: kept.files,
      label: config.label,
    });
  } catch (err) {
    await releaseEmptyCaseFolder(env.registerDir, caseId);
    throw err;
  }
  C.printId(env, caseId, caseId);
  return 0;
}

/** Files kept with the request, beside it in the case folder and added in its commit (as respond does). */
async function keptAttachments(files: { from: string; name: string }[], folder: string) {
  const attachments: { name: string; path: string; sha256: string; bytes: number }[] = [];
  const copies: { bytes: Uint8Array; to: string }[] = [];
  for (const [i, f] of files.entries()) {
    // Read once: the bytes hashed are the bytes stored (a regular file within the size limit).
    const source = readAttachmentSource(f.from, '--keep-attachments', f.name);
    const path = `attachments/request-${i + 1}-${f.name.replace(/[^\w.-]+/g, '_')}`;
    attachments.push({ name: f.name, path, sha256: source.sha256, bytes: source.size });
    copies.push({ bytes: source.bytes, to: `${folder}/${path}` });
  }
  return { attachments, files: copies };
}
