// `evenhand approve`: a person's approval of a case's public text, without prompts (CI, scripts).
// The interactive way, with the text and its flags in front of the reviewer, is `evenhand review`.
import type { Env } from '../env.js';
import { EXIT, UserError, usageError } from '../domain/errors.js';
import { newEntryId } from '../domain/ids.js';
import { buildPublicView } from '../domain/public-view.js';
import { caseFlags, registerFlagContext } from '../domain/review-flags.js';
import { approvalFor, reviewItems, reviewRequired } from '../domain/review.js';
import { readValidRegister } from '../store/register-store.js';
import { printJson } from '../terminal/output.js';
import * as C from './common.js';

interface ApproveOptions {
  all?: boolean;
  dryRun?: boolean;
  json?: boolean;
}

export async function runApprove(env: Env, opts: ApproveOptions, rawCases: string[] = []): Promise<number> {
  if (opts.all && rawCases.length) throw usageError('give case ids or --all, not both');
  if (!opts.all && rawCases.length === 0) throw usageError('missing cases: which public texts are approved?', 'evenhand approve <case>… , or --all for every case awaiting review');
  const wanted = [...new Set(rawCases.map(C.caseIdArg))];

  const register = await readValidRegister(env.registerDir);
  // What a reader would see once approved: the public view with every case in it.
  const items = reviewItems(register, buildPublicView(register, { includeUnreviewed: true }).view.cases);
  const byId = new Map(items.map((i) => [i.record.id, i]));
  // Refuse before writing anything: a typo must not approve half a list.
  const unknown = wanted.filter((id) => !register.cases.has(id));
  if (unknown.length) throw new UserError(`no case ${unknown.join(', ')} in this register; nothing was approved`, EXIT.findings, 'see `evenhand list` for case ids');
  const withheld = wanted.filter((id) => !byId.has(id));
  if (withheld.length)
    throw new UserError(`${withheld.join(', ')}: not published (the response is withheld), so there is no public text to approve; nothing was approved`, EXIT.findings);

  const chosen = opts.all ? items : wanted.map((id) => byId.get(id)!);
  const already = chosen.filter((i) => i.state.state === 'approved');
  const todo = chosen.filter((i) => i.state.state !== 'approved');
  const ctx = registerFlagContext(register);
  const who = await C.recorder(env);
  const done: { case: string; id?: string; sha256: string; flags: number }[] = [];
  for (const item of todo) {
    const flags = caseFlags(item.pub, ctx).length;
    if (opts.dryRun) {
      done.push({ case: item.record.id, sha256: item.hash, flags });
      continue;
    }
    const entry = approvalFor(item.record.id, item.hash, newEntryId('approval', env.randomBytes), who, env.now());
    await C.writeAndCommit(env, { caseId: item.record.id, folder: item.record.folder, entry });
    done.push({ case: item.record.id, id: entry.id, sha256: item.hash, flags });
  }

  if (env.json) {
    printJson(env, { dry_run: Boolean(opts.dryRun), approved: done, already_approved: already.map((i) => i.record.id) });
    return 0;
  }
  for (const d of done) {
    const flagNote = d.flags ? ` (${d.flags} flag${d.flags === 1 ? '' : 's'} a reviewer would see: \`evenhand review\`)` : '';
    env.stdout.write(opts.dryRun ? `would approve ${d.case}${flagNote}\n` : `approved ${d.case} as ${d.id}${flagNote}\n`);
  }
  for (const i of already) if (!opts.all) env.stdout.write(`${i.record.id} was already approved (${i.state.state === 'approved' ? i.state.approval.id : ''})\n`);
  const verb = opts.dryRun ? 'would approve' : 'approved';
  env.stdout.write(`${verb} ${done.length} case${done.length === 1 ? '' : 's'}${already.length ? `; ${already.length} already approved` : ''}\n`);
  if (!reviewRequired(register.config))
    env.stdout.write('note: register.yaml does not require review (publication.review), so every case is published whether approved or not\n');
  return 0;
}
