// Writes a synthetic register of N cases (request, decision, response each; 20 candidates;
// realistic text lengths) with one evenhand-format commit per entry, made in seconds by
// `git fast-import` rather than by N×3 evenhand processes.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { jsonSchemaFiles } from '../domain/json-schema.js';
import { newCaseId, newEntryId } from '../domain/ids.js';
import { candidateYaml, configYaml, entryYaml } from '../domain/serialize.js';
import { caseFolder } from '../domain/register-model.js';
import { commitMessage } from '../store/commit.js';
import { prng } from './prng.js';

const FIRST = ['Alex', 'Bea', 'Cal', 'Dee', 'Eli', 'Fen', 'Gus', 'Hal', 'Isla', 'Jo', 'Kit', 'Lou', 'Max', 'Nia', 'Ola', 'Pip', 'Quin', 'Ray', 'Sol', 'Tam'];
const LAST = ['Ashdown', 'Brackley', 'Corrigan', 'Delacourt', 'Ellery', 'Fothergill', 'Garside', 'Hollins', 'Iveson', 'Jessop', 'Kettleby', 'Lowther', 'Marchbank', 'Nettleford', 'Orwin', 'Pennock', 'Quarrie', 'Rudd', 'Stainthorpe', 'Threlkeld'];
const WORDS = 'police officers budget overtime district response times neighbourhood team custody suite control room figures year quarter recorded crimes burglary vehicle patrol community safety plan commissioner constabulary strategy'.split(' ');
const CATEGORIES = ['information', 'budget', 'visit', 'meeting', 'briefing', 'other'] as const;

function sentence(r: ReturnType<typeof prng>, words: number): string {
  const w = Array.from({ length: words }, () => r.pick(WORDS));
  return `${w.join(' ').replace(/^./, (c) => c.toUpperCase())}.`;
}

function paragraph(r: ReturnType<typeof prng>, sentences: number): string {
  return Array.from({ length: sentences }, () => sentence(r, 8 + r.int(12))).join(' ');
}

function addDays(date: string, n: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

export interface GenerateOptions {
  /** the same seed gives the same register */
  seed?: number;
  /** make the repository with this (e.g. `evenhand init <dir>`) instead of `git init` */
  init?: (dir: string) => void;
}

export interface GenerateResult {
  dir: string;
  cases: number;
  commits: number;
}

interface PendingCommit {
  seq: number;
  ts: number;
  subject: string;
  trailers: Record<string, string>;
  files: Record<string, string>;
}

/** Writes to a child's stdin in ~1 MiB pieces, waiting when the pipe is full (nothing is held whole). */
function pipeWriter(stream: NodeJS.WritableStream) {
  let buffered: string[] = [];
  let size = 0;
  const flush = async () => {
    if (!size) return;
    const piece = buffered.join('');
    buffered = [];
    size = 0;
    if (!stream.write(piece)) await new Promise<void>((res) => stream.once('drain', () => res()));
  };
  return {
    async write(s: string) {
      buffered.push(s);
      size += s.length;
      if (size >= 1 << 20) await flush();
    },
    flush,
  };
}

/**
 * Generate into `dir` (created; must not hold a repository). The commits stream into
 * `git fast-import` as they are made: only the few days of commits not yet due are held, so memory
 * stays flat from 1,000 to 100,000 cases (docs/decisions/0029).
 */
export async function generateRegister(dir: string, n: number, opts: GenerateOptions = {}): Promise<GenerateResult> {
  const r = prng(opts.seed ?? 1);
  mkdirSync(dir, { recursive: true });
  // A register `evenhand init` made keeps its repository (its git settings, its first commit); the
  // generated history continues from that commit.
  let branch = 'main';
  if (opts.init) {
    opts.init(dir);
    branch = execFileSync('git', ['symbolic-ref', '--short', 'HEAD'], { cwd: dir, encoding: 'utf8' }).trim();
  } else execFileSync('git', ['init', '-q', '-b', branch, dir]);
  const importer = spawn('git', ['fast-import', '--quiet'], { cwd: dir, stdio: ['pipe', 'ignore', 'pipe'] });
  let importErr = '';
  importer.stderr.on('data', (d) => (importErr += d));
  const done = new Promise<number>((res, rej) => {
    importer.on('error', rej);
    importer.on('close', (code) => res(code ?? -1));
  });
  const out = pipeWriter(importer.stdin);
  let mark = 0;
  let seq = 0;
  let when = Date.parse('2023-01-02T09:00:00Z') / 1000;
  // Commits are written in the order of their dates, as a register kept day by day has them, each
  // saying its clock was the system's (the audit checks their order: docs/decisions/0012). Cases
  // are made in the order they were received and each case's later entries fall at most three days
  // on, so a commit is due once the next request is no earlier than it; commits of one instant
  // keep the order they were made in.
  let pending: PendingCommit[] = [];
  const emit = async ({ subject, trailers, files, ts }: PendingCommit) => {
    mark++;
    const msg = commitMessage({ subject, trailers });
    let text = `commit refs/heads/${branch}\nmark :${mark}\nauthor Bench SPOC <spoc@bench.example> ${ts} +0000\ncommitter Bench SPOC <spoc@bench.example> ${ts} +0000\ndata ${Buffer.byteLength(msg)}\n${msg}\n`;
    if (mark > 1) text += `from :${mark - 1}\n`;
    else if (opts.init) text += `from refs/heads/${branch}^0\n`;
    for (const [path, content] of Object.entries(files)) text += `M 100644 inline ${path}\ndata ${Buffer.byteLength(content)}\n${content}\n`;
    await out.write(`${text}\n`);
  };
  /** Emit every pending commit at or before `ts` (all of them when undefined), in date order. */
  const release = async (ts?: number) => {
    if (!pending.length) return;
    pending.sort((a, b) => a.ts - b.ts || a.seq - b.seq);
    const due = ts === undefined ? pending.length : pending.findIndex((c) => c.ts > ts);
    const cut = due < 0 ? pending.length : due;
    const ready = pending.slice(0, cut);
    pending = pending.slice(cut);
    for (const c of ready) await emit(c);
  };
  const commit = (subject: string, trailers: Record<string, string>, files: Record<string, string>, at: string) => {
    pending.push({ seq: seq++, ts: Math.floor(Date.parse(at) / 1000), subject, trailers: { ...trailers, 'Evenhand-Clock': 'system' }, files });
  };
  const iso = (s: number) => new Date(s * 1000).toISOString().replace('.000Z', 'Z');

  const config = {
    body: 'Bench OPCC',
    election: { name: 'Bench PCC election', kind: 'pcc', poll_date: '2026-05-07', nation: 'england-and-wales' },
    deciders: ['chief-executive', 'chief-constable', 'deputy-monitoring-officer'],
    spoc: { name: 'Election SPOC', email: 'spoc@bench.example' },
    response_target_days: 10,
    policy: { political_requests: 'log', undeclared: 'log', written_confirmation_required: false },
  };
  const init: Record<string, string> = { 'register.yaml': configYaml(config), '.gitignore': '*.evenhand-tmp\n' };
  for (const [name, text] of Object.entries(jsonSchemaFiles())) init[`schemas/${name}`] = text;
  commit('init register: Bench OPCC', { 'Evenhand-Entry': 'init', 'Recorded-By': 'Bench SPOC' }, init, iso(when));

  const candidates: string[] = [];
  for (let i = 0; i < 20; i++) {
    const id = `c-${String(i).padStart(2, '0')}${'abcdefghjk'[i % 10]}${'mnpq'[i % 4]}`;
    candidates.push(id);
    const c = { id, name: `${FIRST[i]} ${LAST[i]}`, party: i % 3 === 0 ? 'Independent' : `Party ${i}`, emails: [`${FIRST[i].toLowerCase()}@cand${i}.example`], status: 'declared', declared_on: '2023-01-02', incumbent: i === 0 };
    when += 60;
    commit(`candidate add ${id} (declared)`, { 'Evenhand-Candidate': id, 'Evenhand-Entry': 'candidate-add', 'Recorded-By': 'Bench SPOC' }, { [`candidates/${id}.yaml`]: candidateYaml(c) }, iso(when));
  }

  const seen = new Set<string>();
  let released = -1;
  for (let i = 0; i < n; i++) {
    // spread cases over three years of working days
    const received = addDays('2023-01-02', Math.floor((i * 1095) / n));
    let id = newCaseId(received, r.bytes);
    while (seen.has(id)) id = newCaseId(received, r.bytes);
    seen.add(id);
    const cand = r.pick(candidates);
    const category = r.pick(CATEGORIES);
    const foi = r.next() < 0.3;
    const t0 = Date.parse(`${received}T10:00:00Z`) / 1000;
    if (t0 !== released) await release((released = t0));
    const request = {
      id, kind: 'request', candidate: cand, requester_role: 'candidate', received, channel: 'email', via: 'opcc', category, foi,
      subject: sentence(r, 4).slice(0, -1), text: paragraph(r, 3 + r.int(5)), recorded_by: 'Bench SPOC', recorded_at: iso(t0),
    };
    commit(`request ${id}: ${category} by email${foi ? ' (FOI)' : ''}`, { 'Evenhand-Case': id, 'Evenhand-Entry': `request ${id}`, 'Recorded-By': 'Bench SPOC' }, { [`${caseFolder(id)}/request.yaml`]: entryYaml(request, caseFolder(id)) }, iso(t0));
    const did = newEntryId('decision', r.bytes);
    const decided = addDays(received, 2);
    const decision = { id: did, kind: 'decision', case: id, outcome: 'provide', decided_by: 'chief-executive', decided_on: decided, offer_to_all: false, recorded_by: 'Bench SPOC', recorded_at: iso(t0 + 2 * 86400) };
    commit(`decide ${id}: provide (chief-executive)`, { 'Evenhand-Case': id, 'Evenhand-Entry': `decision ${did}`, 'Recorded-By': 'Bench SPOC' }, { [`${caseFolder(id)}/${did}.yaml`]: entryYaml(decision, caseFolder(id)) }, iso(t0 + 2 * 86400));
    const rid = newEntryId('response', r.bytes);
    const sent = addDays(received, 3);
    const offered = ['visit', 'meeting', 'briefing'].includes(category) ? candidates : [];
    const response = { id: rid, kind: 'response', case: id, sent_on: sent, channel: 'email', text: paragraph(r, 2 + r.int(6)), offered_to: offered, publish: true, recorded_by: 'Bench SPOC', recorded_at: iso(t0 + 3 * 86400) };
    commit(`respond ${id}: sent by email on ${sent}`, { 'Evenhand-Case': id, 'Evenhand-Entry': `response ${rid}`, 'Recorded-By': 'Bench SPOC' }, { [`${caseFolder(id)}/${rid}.yaml`]: entryYaml(response, caseFolder(id)) }, iso(t0 + 3 * 86400));
    when = t0;
  }
  await release();
  await out.flush();
  importer.stdin.end();
  const code = await done;
  if (code !== 0) throw new Error(`git fast-import exited ${code}: ${importErr.slice(-2000)}`);
  // As `evenhand init` set up the repositories it created when this generator was written (a
  // register made otherwise is what `evenhand doctor --fix` is for).
  if (!opts.init) execFileSync('git', ['config', 'core.splitIndex', 'true'], { cwd: dir });
  execFileSync('git', ['reset', '-q', '--hard', branch], { cwd: dir });
  return { dir, cases: n, commits: mark };
}

/** `evenhand init` as the bench runs it: at a fixed instant before the generated history starts. */
export function initWith(bin: string) {
  return (dir: string) =>
    execFileSync(process.execPath, [bin, 'init', dir, '--body', 'Bench OPCC', '--election', 'Bench PCC election', '--poll-date', '2026-05-07', '--spoc', 'Election SPOC', '--spoc-email', 'spoc@bench.example', '--no-input'], {
      env: { ...process.env, EVENHAND_NOW: '2023-01-01T08:00:00Z', EVENHAND_USER: 'Bench SPOC', GIT_AUTHOR_NAME: 'Bench SPOC', GIT_AUTHOR_EMAIL: 'spoc@bench.example', GIT_COMMITTER_NAME: 'Bench SPOC', GIT_COMMITTER_EMAIL: 'spoc@bench.example' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
}

// `node dist/bench/generate.js <N> <dir> [--init <bin/evenhand.js>]`
if (process.argv[1]?.endsWith('generate.js')) {
  const [n, dir, flag, bin] = process.argv.slice(2);
  if (!n || !dir || (flag && (flag !== '--init' || !bin))) {
    process.stderr.write('usage: node dist/bench/generate.js <cases> <dir> [--init <bin/evenhand.js>]\n');
    process.exit(2);
  }
  const res = await generateRegister(dir, Number(n), { init: bin ? initWith(bin) : undefined });
  process.stdout.write(`generated ${res.cases} cases (${res.commits} commits) in ${dir}\n`);
}
