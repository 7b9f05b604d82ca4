// The public view: everything the disclosure log may show, and nothing else (issue 4).
// Published requests must be "not attributable to the person making the request" (Norfolk 2.2),
// "anonymised then published" (Humberside 5.a.iv). The renderer receives only this object, so a
// template cannot reach a candidate: there is no candidate id, record, requester role, channel,
// recorder or contact detail of a candidate in it, and every free text in it has been redacted.
// Pure: no disk, clock or terminal (DESIGN.md).
import { electionTimetable } from './calendar.js';
import { caseState, finalResponse, latestDecision } from './case-state.js';
import { entryDate, type CaseRecord, type Loaded, type Register } from './register-model.js';
import { mergeFormer } from './former-identity.js';
import { createRedactor, type CandidateIdentity, type Redactor } from './redaction.js';
import { isApproved, reviewRequired } from './review.js';
import { CATEGORIES, type ClarificationEntry, type DecisionEntry, type ResponseEntry } from './schemas.js';

export type Category = (typeof CATEGORIES)[number];
export type PublicStatus = 'answered' | 'awaiting-response' | 'awaiting-clarification';

export interface PublicClarification {
  /** The date the candidate's clarification arrived. */
  received: string;
  /** Redacted. */
  text: string;
}

export interface PublicCase {
  /** The case id: a date and random letters, never a name. */
  reference: string;
  /** Date only: a time of day could point to a phone call someone overheard. */
  received: string;
  category: Category;
  foi: boolean;
  status: PublicStatus;
  /** Redacted: SPOCs write subjects from the request's own words. */
  subject: string;
  /** public_summary where given, else the text; redacted either way. */
  question: string;
  /** The candidate's clarifications of the question (FOI Act s.1(3)), redacted. */
  clarifications: PublicClarification[];
  /** Null until the case is answered: a decision is published with the response it led to. */
  outcome: DecisionEntry['outcome'] | null;
  /** Redacted. */
  reasons: string[];
  exemptions: string[];
  decided_on: string | null;
  /** The deciding role (e.g. chief-executive), never a person. */
  decided_by: string | null;
  /** The same offer went to every declared candidate (Norfolk 2.1). */
  offered_to_all: boolean;
  /** public_text where given, else the text; redacted either way. Null until answered. */
  response: string | null;
  answered_on: string | null;
  /** Attachment names only (their content is not published), redacted. */
  attachments: string[];
  /** The organisation that sent the answer, where the register is shared by several (Humberside 11.b); never a person. */
  answered_by: string | null;
  /** The latest date on the case as published: the day it was answered, else received or clarified. */
  updated: string;
}

/** What a published log was built from: the witness `evenhand audit --published` checks the history against (docs/decisions/0012-history-anchors.md). */
export interface BuiltFrom {
  /** The last commit that touched the register folder; null when the register is not in git yet. */
  commit: string | null;
  /** Entry files in the register (every case, published or not). */
  entries: number;
}

export interface PublicView {
  /** Set by the build from git; absent in views made without one (tests, previews). */
  built_from?: BuiltFrom;
  body: string;
  /** The register's label on candidate correspondence (Hampshire 3.4, 7.2), or null. */
  label: string | null;
  election: {
    name: string;
    kind: string;
    poll_date: string;
    notice_of_election: string;
    /** Nominations close at 4 pm on this day. */
    nominations_close: string;
    nominations_close_time: string;
    pre_election_period_start: string;
    /** Who set the start of the pre-election period: the returning officer, or (by default) the notice of election. */
    pre_election_period_set_by: 'returning-officer' | 'notice-of-election';
  };
  /** The single point of contact (Hampshire 3.2, 3.5): an office, published on purpose. */
  spoc: { name: string; email: string | null; phone: string | null; address: string | null };
  deciders: string[];
  /** What the site says about itself (accessibility statement, privacy notice): register.yaml `website`. */
  website: {
    privacy_notice_url: string | null;
    accessibility: { contact: string; last_tested: string | null; tested_by: string | null; compliance: 'full' | 'partial' | 'none'; known_issues: string[] };
  };
  policy: {
    response_target_days: number;
    foi_working_days: number;
    political_requests: 'forward-unlogged' | 'log';
    undeclared: 'treat-as-public' | 'log';
    written_confirmation_required: boolean;
    /** The policy in plain words, for the how-we-handle-requests page. */
    statements: string[];
  };
  /** The latest date in the published data (never the clock), or null for an empty log (Hampshire 3.4). */
  last_updated: string | null;
  counts: {
    /** Every case in the register, published or not. */
    total: number;
    published: number;
    answered: number;
    awaiting: number;
    /** Cases whose response is withheld from publication: neither the request nor the response is shown. */
    withheld: number;
    /** Cases left out because a person has not approved their current public text (publication.review: required). */
    awaiting_review: number;
  };
  /** Categories that have published cases, in the register's order, with their counts. */
  categories: { category: Category; count: number }[];
  /** Published cases, newest first. */
  cases: PublicCase[];
}

export interface PublicViewOptions {
  /** Reuse a redactor compiled for this register (the check and the build both make one). */
  redactor?: Redactor;
  /**
   * Keep cases whose public text is not approved even when register.yaml requires review: for the
   * reviewer's own tools and for checks that must see what would be published once approved.
   * Never for what is published (`build`).
   */
  includeUnreviewed?: boolean;
}

/** Which register file each public text of a case came from (for the `identifiable` rule). */
export interface PublicCaseSources {
  request: string;
  clarifications: string[];
  decision?: string;
  response?: string;
}

/** A case as the public view holds it, and where its texts came from (less the request, known to the caller). */
export interface BuiltCase {
  pub: PublicCase;
  sources: Omit<PublicCaseSources, 'request'>;
}

/**
 * Cases built before from the very same inputs (src/store/public-case-cache.ts, issue 14): a
 * case's public form depends only on its own entries, the candidates' identity forms and the
 * register's organisations, so an unchanged case need not be redacted again. The memo also keeps
 * what the `identifiable` rule found in each case's public text under the same forms.
 */
export interface PublicCaseMemo {
  /** The case as built before from the same inputs (a fresh copy), else undefined. */
  built(record: CaseRecord): BuiltCase | undefined;
  keep(record: CaseRecord, built: BuiltCase): void;
  /** What the `identifiable` rule found in the case's public text, when built() gave it from the memo. */
  leaks(reference: string): CaseLeak[] | undefined;
  keepLeaks(reference: string, leaks: CaseLeak[]): void;
}

/** An identity form found in one field of a case's public text (src/domain/identifiable.ts). */
export interface CaseLeak {
  field: string;
  candidateId: string;
  form: string;
}

const memos = new WeakMap<Register, PublicCaseMemo>();

/** Build this register's public cases through `memo` (the caller vouches it is keyed for this register). */
export function usePublicCaseMemo(register: Register, memo: PublicCaseMemo | undefined): void {
  if (memo) memos.set(register, memo);
}

/** The memo a register's public cases are built through, if any. */
export function publicCaseMemo(register: Register): PublicCaseMemo | undefined {
  return memos.get(register);
}

/** A candidate as the redactor and the leak gate see them: every form of identity the register holds. */
export function candidateIdentities(register: Register): CandidateIdentity[] {
  return [...register.candidates.values()]
    .map(({ value: c }) => ({
      id: c.id,
      name: c.name,
      aliases: [...c.aliases],
      party: c.party,
      emails: [...c.emails],
      phones: [...c.phones],
      handles: [...c.handles],
      former: mergeFormer(c.former, register.candidateHistory?.get(c.id)),
    }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

// Control characters other than tab and newline have no place in published text (and are not valid XML).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/** Line ends made \n, control characters dropped, outer whitespace trimmed. Done before redaction. */
export function cleanText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(CONTROL, '').trim();
}

/**
 * A case is withheld when any response in it is not to be published: `publish: {withheld: …}` (or
 * `publish: false`, which the `unpublished` rule reports). The whole case is left out, request
 * included, because the request is what would identify the person (Kent 5 publishes responses in
 * the Disclosure Log; the withholding reason says why this one is not).
 */
export function isWithheld(c: CaseRecord): boolean {
  return c.entries.some((e) => e.value.kind === 'response' && e.value.publish !== true);
}

function isoDate(s: string): string {
  return s.slice(0, 10);
}

/** The public view and, beside it, where each case's public text came from. */
export function buildPublicView(register: Register, options: PublicViewOptions = {}): { view: PublicView; sources: Map<string, PublicCaseSources> } {
  // Compiled only when a case is not in the memo: a warm run with nothing new redacts nothing.
  let compiledRedactor = options.redactor;
  const redactor: Redactor = { redact: (text, spans) => (compiledRedactor ??= createRedactor(candidateIdentities(register))).redact(text, spans) };
  // A caller's own redactor may hold other forms than the register's: the memo is keyed by the register's.
  const memo = options.redactor ? undefined : memos.get(register);
  const config = register.config;
  const e = config.election;
  const timetable = electionTimetable(e.poll_date, e.nation, e.extra_non_working_days);
  const preElectionSet = config.policy.pre_election_period_start;

  const cases: { pub: PublicCase; fullReceived: string }[] = [];
  const sources = new Map<string, PublicCaseSources>();
  let withheld = 0;
  let awaitingReview = 0;
  // Safe by default: unless a caller asks for every case, a register that requires review shows only approved ones.
  const onlyApproved = reviewRequired(config) && !options.includeUnreviewed;
  for (const record of register.cases.values()) {
    const req = record.request;
    if (!req) continue;
    // The incumbent's statutory business is not candidate contact (Avon and Somerset 12.1.6; Humberside 19.e).
    if (req.value.statutory !== undefined) continue;
    if (isWithheld(record)) {
      withheld++;
      continue;
    }
    let built = memo?.built(record);
    if (!built) {
      built = publicCase(record, req.value, redactor, config);
      memo?.keep(record, built);
    }
    if (onlyApproved && !isApproved(record, built.pub)) {
      awaitingReview++;
      continue;
    }
    cases.push({ pub: built.pub, fullReceived: req.value.received });
    sources.set(record.id, { request: req.file, ...built.sources });
  }
  // Newest first: by the moment received (time of day included when recorded), then by reference.
  // Plain code-unit order, not localeCompare: the same on every machine (deterministic output).
  const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  cases.sort((a, b) => cmp(b.fullReceived, a.fullReceived) || cmp(b.pub.reference, a.pub.reference));
  const published = cases.map((c) => c.pub);

  const dates = published.flatMap((c) => [c.received, c.updated, ...(c.decided_on ? [c.decided_on] : [])]);
  const lastUpdated = dates.length ? dates.reduce((a, b) => (b > a ? b : a)) : null;

  const categories = CATEGORIES.map((category) => ({ category, count: published.filter((c) => c.category === category).length })).filter(
    (c) => c.count > 0,
  );

  const view: PublicView = {
    body: cleanText(config.body),
    label: config.label ? cleanText(config.label) : null,
    election: {
      name: cleanText(e.name),
      kind: e.kind,
      poll_date: e.poll_date,
      notice_of_election: timetable.notice_of_election,
      nominations_close: isoDate(timetable.nominations_close),
      nominations_close_time: timetable.nominations_close.slice(11, 16),
      pre_election_period_start: preElectionSet ?? timetable.notice_of_election,
      pre_election_period_set_by: preElectionSet ? 'returning-officer' : 'notice-of-election',
    },
    spoc: {
      name: cleanText(config.spoc.name),
      email: config.spoc.email ?? null,
      phone: config.spoc.phone ?? null,
      address: config.spoc.address ? cleanText(config.spoc.address) : null,
    },
    deciders: [...config.deciders],
    website: {
      privacy_notice_url: config.website?.privacy_notice_url ?? null,
      accessibility: {
        contact: cleanText(config.website?.accessibility.contact ?? config.spoc.email ?? config.spoc.phone ?? config.spoc.name),
        last_tested: config.website?.accessibility.last_tested ?? null,
        tested_by: config.website?.accessibility.tested_by ? cleanText(config.website.accessibility.tested_by) : null,
        compliance: config.website?.accessibility.compliance ?? 'full',
        known_issues: (config.website?.accessibility.known_issues ?? []).map(cleanText),
      },
    },
    policy: {
      response_target_days: config.response_target_days,
      foi_working_days: 20,
      political_requests: config.policy.political_requests,
      undeclared: config.policy.undeclared,
      written_confirmation_required: config.policy.written_confirmation_required,
      statements: policyStatements(register),
    },
    last_updated: lastUpdated,
    counts: {
      total: published.length + withheld + awaitingReview,
      published: published.length,
      answered: published.filter((c) => c.status === 'answered').length,
      awaiting: published.filter((c) => c.status !== 'answered').length,
      withheld,
      awaiting_review: awaitingReview,
    },
    categories,
    cases: published,
  };
  return { view, sources };
}

const fullViews = new WeakMap<Register, ReturnType<typeof buildPublicView>>();

/**
 * The public view with every case the log would show once approved (includeUnreviewed), built once
 * per register read: the check's rules that need it (identifiable, unreviewed) share it.
 */
export function fullPublicView(register: Register): ReturnType<typeof buildPublicView> {
  let built = fullViews.get(register);
  if (!built) {
    built = buildPublicView(register, { includeUnreviewed: true });
    fullViews.set(register, built);
  }
  return built;
}

/** The only input the renderer gets (DESIGN.md "Publication without identification"). */
export function publicView(register: Register, options: PublicViewOptions = {}): PublicView {
  return buildPublicView(register, options).view;
}

function publicCase(
  record: CaseRecord,
  req: NonNullable<CaseRecord['request']>['value'],
  redactor: Redactor,
  config: Register['config'],
): BuiltCase {
  // Private spans marked anywhere in the case apply to every text of the case: a span the SPOC
  // marked in the request must not come back through the response (over-redaction beats a leak).
  const privateSpans = [...req.private];
  for (const { value } of record.entries) if ((value.kind === 'response' || value.kind === 'clarification') && value.private.length) privateSpans.push(...value.private);
  const redact = (text: string) => redactor.redact(cleanText(text), privateSpans);

  const clarificationEntries = record.entries.filter((e): e is Loaded<ClarificationEntry> => e.value.kind === 'clarification');
  const state = caseState(record);
  // Hampshire 3.8 publishes "all requests ... together with any responses": an open case is listed
  // as awaiting a response, with its (redacted) question, so the log is complete as of its date.
  const status: PublicStatus = state === 'answered' ? 'answered' : state === 'clarifying' ? 'awaiting-clarification' : 'awaiting-response';
  const decision: Loaded<DecisionEntry> | undefined = state === 'answered' ? latestDecision(record) : undefined;
  const response: Loaded<ResponseEntry> | undefined = state === 'answered' ? finalResponse(record) : undefined;

  const received = isoDate(req.received);
  const clarifications = clarificationEntries.map((c) => ({ received: c.value.received, text: redact(c.value.text) }));
  const answeredOn = response ? entryDate(response.value) : null;
  const updated = [received, ...clarifications.map((c) => c.received), ...(answeredOn ? [answeredOn] : [])].reduce((a, b) => (b > a ? b : a));
  const r = response?.value;
  const pub: PublicCase = {
    reference: record.id,
    received,
    category: req.category,
    foi: req.foi,
    status,
    subject: redact(req.subject),
    question: redact(req.public_summary?.trim() ? req.public_summary : req.text),
    clarifications,
    outcome: decision?.value.outcome ?? null,
    reasons: decision ? decision.value.reasons.map(redact) : [],
    exemptions: decision ? [...decision.value.exemptions] : [],
    decided_on: decision?.value.decided_on ?? null,
    decided_by: decision?.value.decided_by ?? null,
    offered_to_all: Boolean(decision?.value.offer_to_all),
    response: r ? redact(r.public_text?.trim() ? r.public_text : r.text) : null,
    answered_on: answeredOn,
    attachments: r ? r.attachments.map((a) => redact(a.name)) : [],
    answered_by: r ? (config.organisations.find((o) => o.id === (r.organisation ?? req.organisation))?.name ?? null) : null,
    updated,
  };
  return {
    pub,
    sources: {
      clarifications: clarificationEntries.map((c) => c.file),
      ...(decision ? { decision: decision.file } : {}),
      ...(response ? { response: response.file } : {}),
    },
  };
}

/** The settings a protocol preset sets beyond the defaults (issue 12), in plain words; none for a default register. */
function protocolStatements(config: Register['config']): string[] {
  const out: string[] = [];
  const p = config.policy;
  // Hampshire 3.4, 7.2.
  if (config.label) out.push(`Requests and our responses are labelled "${cleanText(config.label)}".`);
  // Humberside 11.b.
  if (config.organisations.length > 1)
    out.push(`One register is kept for ${config.organisations.map((o) => cleanText(o.name)).join(', ')}; each published response says which of them sent it.`);
  // Kent 5; Hampshire 3.3; Norfolk 2.5.
  if (p.media === 'forbidden') out.push('Staff are never filmed or photographed as part of any campaign.');
  if (p.media === 'case-by-case') out.push('Requests to film or photograph staff during the pre-election period are considered one by one, and the reasons recorded.');
  if (p.media === 'allowed') out.push('Candidates may be filmed or photographed with officers by the news media; every officer may refuse.');
  // Kent 5.
  if (p.imagery === 'with-consent') out.push(`Police imagery or livery may appear in campaign material only with the prior consent of the ${p.imagery_consent_by.join(' or ').replace(/-/g, ' ')}.`);
  // Humberside 14.
  if (p.share_answers === 'send-to-all') out.push('Every answer given to one candidate is also sent to every other candidate.');
  // Humberside 14, 16.
  for (const ev of config.events) out.push(`${cleanText(ev.name)}: ${ev.on}${ev.registered_only ? ', for registered candidates only' : ''}.`);
  // Avon and Somerset 6.1.2.
  if (p.response_channels.length) out.push(`Responses are sent by ${p.response_channels.join(' or ')} only.`);
  return out;
}

/** How requests are handled, in plain words, from register.yaml. */
function policyStatements(register: Register): string[] {
  const { config } = register;
  const out: string[] = [
    // Hampshire 3.2, 3.5: one point of contact; Norfolk 2.2: decided by the Chief Executive or Chief Constable.
    'Every request from a candidate, their agent or a supporter goes to the single point of contact, who logs it the day it arrives.',
    'An authorised officer decides each request; candidates are treated alike, and a sitting Commissioner who stands again is treated like any other candidate.',
    `We aim to answer within ${config.response_target_days} working days. Requests under the Freedom of Information Act 2000 are answered within 20 working days, and we may ask you to clarify a request first.`,
  ];
  if (config.policy.written_confirmation_required)
    // Avon and Somerset 6.1.2.
    out.push('A request made by phone or in person is confirmed in writing before it is answered, and answers are sent in writing.');
  if (config.policy.political_requests === 'forward-unlogged')
    // Kent 4.
    out.push('Clearly political requests, such as endorsements or invitations to party events, are passed to the Commissioner personally and are not dealt with by the office.');
  else out.push('Requests that are political in nature are logged and answered like any other.');
  if (config.policy.undeclared === 'treat-as-public')
    // Avon and Somerset 3.3.5.
    out.push('People who have not declared that they are standing are treated as members of the public.');
  out.push(...protocolStatements(config));
  // Hampshire 3.8; Norfolk 2.2; Kent 5.
  out.push(
    'Every request and its response is published in this disclosure log, anonymised so that it cannot be attributed to the person who made it, so that every candidate has the same information.',
  );
  return out;
}

/** How many entry files a register holds: each case's request and every entry after it. */
export function entryCount(register: Register): number {
  let n = 0;
  for (const c of register.cases.values()) n += (c.request ? 1 : 0) + c.entries.length;
  return n;
}

/**
 * The view `build` publishes. Where the register requires no review it is the full view itself
 * (the two differ only in leaving out unapproved cases), so `check` redacts every text once, not
 * twice.
 */
export function publishedView(register: Register): PublicView {
  return reviewRequired(register.config) ? buildPublicView(register).view : fullPublicView(register).view;
}
