// Writes a synthetic register of N cases (request, decision, response each; 20 candidates;
// realistic text lengths) with one evenhand-format commit per entry, made in seconds by
// `git fast-import` rather than by N×3 evenhand processes.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { jsonSchemaFiles } from '../domain/json-schema.js';
import { newCaseId, newEntryId } from '../domain/ids.js';
import { candidateYaml, configYaml, entryYaml } from '../domain/serialize.js';
import { caseFolder } from '../domain/register-model.js';
import { commitMessage } from '../store/commit.js';

/** A small deterministic generator so the same N gives the same register. */
function prng(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)],
    bytes: (n: number) => Uint8Array.from({ length: n }, () => Math.floor(next() * 256)),
  };
}

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

export interface GenerateResult {
  dir: string;
  cases: number;
  commits: number;
}

/** Generate into `dir` (created; must not hold a repository). */
export function generateRegister(dir: string, n: number, seed = 1): GenerateResult {
  const r = prng(seed);
  mkdirSync(dir, { recursive: true });
  execFileSync('git', ['init', '-q', '-b', 'main', dir]);
  const chunks: string[] = [];
  let mark = 0;
  let when = Date.parse('2023-01-02T09:00:00Z') / 1000;
  // Commits are written in the order of their dates, as a register kept day by day has them, each
  // saying its clock was the system's (the audit checks their order: docs/decisions/0012).
  const pending: { subject: string; trailers: Record<string, string>; files: Record<string, string>; at: string }[] = [];
  const commit = (subject: string, trailers: Record<string, string>, files: Record<string, string>, at: string) => {
    pending.push({ subject, trailers: { ...trailers, 'Evenhand-Clock': 'system' }, files, at });
  };
  const emit = ({ subject, trailers, files, at }: (typeof pending)[number]) => {
    mark++;
    const ts = Math.floor(Date.parse(at) / 1000);
    const msg = commitMessage({ subject, trailers });
    chunks.push(`commit refs/heads/main\nmark :${mark}\nauthor Bench SPOC <spoc@bench.example> ${ts} +0000\ncommitter Bench SPOC <spoc@bench.example> ${ts} +0000\ndata ${Buffer.byteLength(msg)}\n${msg}\n`);
    if (mark > 1) chunks.push(`from :${mark - 1}\n`);
    for (const [path, content] of Object.entries(files)) chunks.push(`M 100644 inline ${path}\ndata ${Buffer.byteLength(content)}\n${content}\n`);
    chunks.push('\n');
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
  // A stable sort: commits of one instant keep the order they were made in.
  for (const c of pending.sort((a, b) => Date.parse(a.at) - Date.parse(b.at))) emit(c);
  execFileSync('git', ['fast-import', '--quiet'], { cwd: dir, input: chunks.join(''), maxBuffer: 1 << 30 });
  // As `evenhand init` sets up a repository it creates.
  execFileSync('git', ['config', 'core.splitIndex', 'true'], { cwd: dir });
  execFileSync('git', ['reset', '-q', '--hard', 'main'], { cwd: dir });
  return { dir, cases: n, commits: mark };
}

// `node dist/bench/generate.js <N> <dir>`
if (process.argv[1]?.endsWith('generate.js')) {
  const [n, dir] = process.argv.slice(2);
  if (!n || !dir) {
    process.stderr.write('usage: node dist/bench/generate.js <cases> <dir>\n');
    process.exit(2);
  }
  const res = generateRegister(dir, Number(n));
  process.stdout.write(`generated ${res.cases} cases (${res.commits} commits) in ${dir}\n`);
}
