import type { Env } from '../env.js';
import { candidateAddSubject } from '../domain/commit-subjects.js';
import { EXIT, UserError } from '../domain/errors.js';
import { keepFormer } from '../domain/former-identity.js';
import { newCandidateId, normaliseTypedId } from '../domain/ids.js';
import { CANDIDATE_STATUSES, Candidate } from '../domain/schemas.js';
import { candidateYaml } from '../domain/serialize.js';
import { writeCandidateAndCommit } from '../store/candidate-writer.js';
import { requireConfig } from '../store/register-store.js';
import { askChoice, askDate, askText, enumChoices, pickChoice, readDate } from '../terminal/ask.js';
import { clockOf, loadCandidates, printId, recorder } from './common.js';

interface CandidateOptions {
  name?: string;
  alias?: string[];
  party?: string;
  email?: string[];
  phone?: string[];
  handle?: string[];
  status?: string;
  declaredOn?: string;
  incumbent?: boolean;
  kind?: string;
  actsFor?: string;
  json?: boolean;
}

async function validateCandidate(value: Record<string, unknown>) {
  const parsed = Candidate.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = String(issue.path[0] ?? '');
    const flags: Record<string, string> = { acts_for: '--acts-for', declared_on: '--declared-on', emails: '--email', phones: '--phone', handles: '--handle', aliases: '--alias' };
    throw new UserError(`${flags[field] ?? `--${field}`}: ${issue.message}`, EXIT.usage);
  }
  if (parsed.data.status === 'declared' && !parsed.data.declared_on)
    throw new UserError('a declared candidate needs --declared-on <date>', EXIT.usage, 'the date the returning officer registered the nomination');
  return parsed.data;
}

async function commitCandidate(env: Env, id: string, content: string, subject: string, create: boolean): Promise<void> {
  const who = await recorder(env);
  await writeCandidateAndCommit(env.registerDir, id, content, create, {
    subject,
    trailers: { 'Evenhand-Candidate': id, 'Evenhand-Entry': create ? 'candidate-add' : 'candidate-update', 'Recorded-By': who },
    date: env.now(),
    clock: clockOf(env),
    fallbackName: who,
  });
}

export async function runCandidateAdd(env: Env, opts: CandidateOptions): Promise<number> {
  await requireConfig(env.registerDir);
  const name = await askText(env, opts.name, '--name', "Candidate's full name", '"Alex Morgan"');
  const status = await askChoice(env, opts.status ?? (env.interactive ? undefined : 'prospective'), '--status', 'Status', enumChoices(CANDIDATE_STATUSES));
  // A declared candidate needs the day the nomination was registered: asked next, not refused after.
  const declared = opts.declaredOn !== undefined || status === 'declared' ? await askDate(env, opts.declaredOn, '--declared-on', 'Declared on (the day the nomination was registered)', { default: env.interactive ? 'today' : undefined }) : undefined;
  const existing = await loadCandidates(env);
  let id = newCandidateId(env.randomBytes);
  while (existing.has(id)) id = newCandidateId(env.randomBytes);
  const candidate = await validateCandidate({
    id,
    name,
    aliases: opts.alias ?? [],
    party: opts.party,
    emails: opts.email ?? [],
    phones: opts.phone ?? [],
    handles: opts.handle ?? [],
    status,
    declared_on: declared,
    incumbent: Boolean(opts.incumbent),
    kind: opts.kind ?? 'candidate',
    acts_for: opts.actsFor === undefined ? undefined : normaliseTypedId(opts.actsFor),
  });
  // Kent 4: requesters who are not candidates; an agent acts for a candidate on the roster.
  if (candidate.kind === 'agent' && !(candidate.acts_for && existing.get(candidate.acts_for)?.value.kind === 'candidate'))
    throw new UserError('an agent needs --acts-for <candidate id>, a candidate on the roster', EXIT.usage, 'see `evenhand candidate list`');
  if (candidate.kind !== 'agent' && candidate.acts_for) throw new UserError('--acts-for is for an agent (--kind agent)', EXIT.usage);
  await commitCandidate(env, id, candidateYaml(candidate), candidateAddSubject(candidate), true);
  printId(env, id, id);
  return 0;
}

export async function runCandidateUpdate(env: Env, opts: CandidateOptions, rawId: string): Promise<number> {
  const id = normaliseTypedId(rawId);
  const existing = await loadCandidates(env);
  const current = existing.get(id);
  if (!current) throw new UserError(`no candidate ${rawId}`, EXIT.findings, 'see `evenhand candidate list`');
  const c = current.value;
  // Lists given on the command line are added to what is there: nothing is lost by an update.
  const merge = (a: string[], b?: string[]) => [...new Set([...a, ...(b ?? [])])];
  // A replaced name or party stays an identity form for good: earlier requests still name it.
  const former = keepFormer(c, { name: opts.name, party: opts.party });
  const updated = await validateCandidate({
    ...c,
    name: opts.name ?? c.name,
    aliases: merge(c.aliases, opts.alias),
    party: opts.party ?? c.party,
    emails: merge(c.emails, opts.email),
    phones: merge(c.phones, opts.phone),
    handles: merge(c.handles, opts.handle),
    status: opts.status === undefined ? c.status : pickChoice(opts.status, '--status', CANDIDATE_STATUSES),
    declared_on: opts.declaredOn === undefined ? c.declared_on : readDate(env, opts.declaredOn, '--declared-on'),
    incumbent: opts.incumbent ?? c.incumbent,
    ...(former ? { former } : {}),
  });
  if (JSON.stringify(updated) === JSON.stringify(c)) {
    env.stderr.write(`candidate ${id}: nothing to change\n`);
    return 0;
  }
  await commitCandidate(env, id, candidateYaml(updated), `candidate update ${id} (${updated.status})`, false);
  printId(env, id, `updated ${id}`);
  return 0;
}

export async function runCandidateList(env: Env): Promise<number> {
  await requireConfig(env.registerDir);
  const candidates = [...(await loadCandidates(env)).values()].map((c) => c.value).sort((a, b) => a.name.localeCompare(b.name));
  if (env.json) {
    env.stdout.write(`${JSON.stringify({ candidates }, null, 2)}\n`);
    return 0;
  }
  if (candidates.length === 0) {
    env.stdout.write('no candidates yet; add one with `evenhand candidate add --name "<name>"`\n');
    return 0;
  }
  for (const c of candidates) {
    const role = c.kind === 'candidate' ? c.status + (c.declared_on ? ` ${c.declared_on}` : '') : c.kind === 'agent' ? `agent for ${c.acts_for}` : c.kind;
    const bits = [role, c.party, c.incumbent ? 'incumbent' : undefined].filter(Boolean);
    env.stdout.write(`${c.id}  ${c.name}  (${bits.join(', ')})\n`);
  }
  return 0;
}
