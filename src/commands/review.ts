// `evenhand review`: a person reads each case whose public wording is not yet approved, exactly as
// the log will publish it, with what automatic redaction cannot judge flagged, and approves it,
// rewrites its public wording or marks words private (both recorded as correction entries), or skips.
import type { Env } from '../env.js';
import { finalResponse } from '../domain/case-state.js';
import { buildCorrectionSet } from '../domain/correction.js';
import { EXIT, UserError, usageError } from '../domain/errors.js';
import { newEntryId } from '../domain/ids.js';
import { buildPublicView, fullPublicView } from '../domain/public-view.js';
import { registerFlagContext } from '../domain/review-flags.js';
import { approvalFor, describeReview, publicTextHash, reviewItems, reviewRequired } from '../domain/review.js';
import { CorrectionEntry } from '../domain/schemas.js';
import { readValidRegister } from '../store/register-store.js';
import { reviewScreen } from '../terminal/review-screen.js';
import * as C from './common.js';

interface ReviewOptions {
  all?: boolean;
}

type Choice = 'approve' | 'edit' | 'private' | 'skip' | 'quit';

export async function runReview(env: Env, opts: ReviewOptions, rawCases: string[] = []): Promise<number> {
  if (!env.interactive)
    throw usageError(
      'review asks questions, so it needs a terminal',
      'in scripts and CI use `evenhand approve <case>…` (or `approve --all`) after reading each case with `evenhand show`',
    );
  const { select, editor, input } = await import('@inquirer/prompts');
  type Register = Awaited<ReturnType<typeof readValidRegister>>;

  const wanted = new Set(rawCases.map(C.caseIdArg));
  let register = await readValidRegister(env.registerDir);
  for (const id of wanted) if (!register.cases.has(id)) throw new UserError(`no case ${id} in this register`, EXIT.findings, 'see `evenhand list` for case ids');
  const itemsOf = (r: Register) => reviewItems(r, fullPublicView(r).view.cases);
  const queue = itemsOf(register)
    .filter((i) => (wanted.size ? wanted.has(i.record.id) : i.state.state === 'awaiting' || i.state.state === 'void' || opts.all))
    .map((i) => i.record.id);
  if (queue.length === 0) {
    env.stdout.write(wanted.size ? 'those cases are not published (withheld), so there is nothing to review\n' : 'nothing awaits review: every published case has approved public text\n');
    return 0;
  }
  const who = await C.recorder(env);
  const tally = { approved: 0, corrected: 0, skipped: 0 };
  const approvedNow = new Set<string>();

  /** Record one correction entry, as `evenhand correct` would. */
  const correct = async (caseId: string, target: { kind: string; id: string }, field: string, raw: string, literal: boolean, reason: string) => {
    const record = register.cases.get(caseId)!;
    const loaded = target.kind === 'request' ? record.request! : record.entries.find((e) => e.value.id === target.id)!;
    const built = buildCorrectionSet(loaded.value, [{ field, raw, literal }]);
    if (!built.ok) {
      env.stdout.write(`not recorded: ${built.message}\n`);
      return false;
    }
    const entry = CorrectionEntry.parse({
      id: newEntryId('correction', env.randomBytes),
      kind: 'correction',
      case: caseId,
      corrects: loaded.value.id,
      reason,
      set: built.set,
      recorded_by: who,
      recorded_at: env.now().toISOString(),
    });
    await C.writeAndCommit(env, { caseId, folder: record.folder, entry });
    env.stdout.write(`${caseId}: ${entry.id} corrects ${loaded.value.id} (${field})\n`);
    tally.corrected++;
    register = await readValidRegister(env.registerDir);
    return true;
  };

  for (let i = 0; i < queue.length; i++) {
    const caseId = queue[i];
    for (;;) {
      const item = itemsOf(register).find((x) => x.record.id === caseId);
      if (!item) break; // withheld since the queue was made
      const state = describeReview(item.state, reviewRequired(register.config));
      const screen = reviewScreen(item.pub, registerFlagContext(register), `Case ${caseId} (${i + 1} of ${queue.length}): ${state}`, env.color);
      env.stdout.write(`\n${screen.text}\n`);
      if (item.state.state === 'approved') {
        env.stdout.write('Already approved.\n');
        break;
      }
      const choice = await select<Choice>({
        message: 'This public text:',
        choices: [
          { value: 'approve', name: 'Approve it for publication' },
          { value: 'edit', name: 'Edit the public wording (recorded as a correction)' },
          { value: 'private', name: 'Mark words private (recorded as a correction)' },
          { value: 'skip', name: 'Skip (it stays unpublished until approved)' },
          { value: 'quit', name: 'Quit' },
        ],
      });
      if (choice === 'quit') {
        tally.skipped += queue.length - i;
        return finish();
      }
      if (choice === 'skip') {
        tally.skipped++;
        break;
      }
      if (choice === 'approve') {
        const entry = approvalFor(caseId, item.hash, newEntryId('approval', env.randomBytes), who, env.now());
        await C.writeAndCommit(env, { caseId, folder: item.record.folder, entry });
        env.stdout.write(`approved ${caseId} as ${entry.id}\n`);
        tally.approved++;
        // No need to read the register again: an approval changes no case's public text.
        approvedNow.add(caseId);
        break;
      }
      const req = item.record.request!;
      const response = finalResponse(item.record);
      if (choice === 'edit') {
        // The public wording of each text a reader sees that has one: the request's summary and
        // subject, the response's public_text. Reasons and clarifications are corrected with `correct`.
        const fields = [
          { value: 'question', name: 'Question (the request\'s public_summary)', text: item.pub.question, target: { kind: 'request', id: req.value.id }, field: 'public_summary' },
          { value: 'subject', name: 'Subject', text: item.pub.subject, target: { kind: 'request', id: req.value.id }, field: 'subject' },
          ...(response && item.pub.response !== null
            ? [{ value: 'response', name: "Response (the response's public_text)", text: item.pub.response, target: { kind: 'response', id: response.value.id }, field: 'public_text' }]
            : []),
        ];
        const which = await select({ message: 'Which text?', choices: fields.map((f) => ({ value: f.value, name: f.name })) });
        const f = fields.find((x) => x.value === which)!;
        const text = await editor({
          message: `New public wording (it is redacted again before publication; the original is kept in the record)`,
          default: f.text,
          postfix: '.txt',
          waitForUserInput: false,
          validate: (t) => (t.trim() ? true : 'the text must not be empty'),
        });
        if (text.trim() === f.text.trim()) {
          env.stdout.write('unchanged; nothing recorded\n');
          continue;
        }
        const reason = await input({ message: 'Why? (kept in the record)', default: 'Public wording edited in review' });
        await correct(caseId, f.target, f.field, f.field === 'subject' ? text.trim() : text.replace(/\s+$/, ''), true, reason);
        continue;
      }
      // choice === 'private': the words, as they stand in the register's text, are never published.
      const span = (await input({ message: 'Words never to publish, as they appear in the text (Enter to go back):' })).trim();
      if (!span) continue;
      const withSpan = { ...req, value: { ...req.value, private: [...req.value.private, span] } };
      const trial = buildPublicView({ ...register, cases: new Map([[caseId, { ...item.record, request: withSpan }]]) }, { includeUnreviewed: true }).view.cases[0];
      if (!trial || publicTextHash(trial) === item.hash) {
        env.stdout.write(`"${span}" is not in this case's text as recorded; nothing recorded (type words from the text, not a [redaction])\n`);
        continue;
      }
      const reason = await input({ message: 'Why? (kept in the record)', default: 'Marked private in review' });
      await correct(caseId, { kind: 'request', id: req.value.id }, 'private', JSON.stringify(withSpan.value.private), false, reason);
    }
  }
  return finish();

  function finish(): number {
    const left = reviewItems(register, fullPublicView(register).view.cases).filter(
      (x) => (x.state.state === 'awaiting' || x.state.state === 'void') && !approvedNow.has(x.record.id),
    ).length;
    env.stdout.write(
      `\nreviewed: ${tally.approved} approved, ${tally.corrected} correction${tally.corrected === 1 ? '' : 's'} recorded, ${tally.skipped} skipped; ${left} case${left === 1 ? '' : 's'} still await${left === 1 ? 's' : ''} review\n`,
    );
    return 0;
  }
}
