// The zod schemas are the single source of truth for every file in a register.
// JSON Schemas in schemas/ are generated from them (`evenhand schema`).
import { z } from 'zod';
import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS, MAX_EXTRA_NON_WORKING_DAYS, MAX_TARGET_DAYS, MAX_YEAR, MIN_YEAR } from './limits.js';

const isoDateRe = /^\d{4}-\d{2}-\d{2}$/;
const isoDateTimeLocalRe = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/;

/** A real calendar date written YYYY-MM-DD. YAML may hand us a Date object for unquoted dates. */
function isRealDate(s: string): boolean {
  if (!isoDateRe.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** Dates outside the years a register can mean are refused (src/domain/limits.ts): the calendars count from them. */
function inYearRange(s: string): boolean {
  if (!isoDateRe.test(s.slice(0, 10))) return true; // the date rule reports it
  const year = Number(s.slice(0, 4));
  return year >= MIN_YEAR && year <= MAX_YEAR;
}
const yearRange = { message: `expected a year from ${MIN_YEAR} to ${MAX_YEAR}` };

export const IsoDate = z
  .string()
  .refine(isRealDate, { message: 'expected a date written YYYY-MM-DD, e.g. 2024-03-25' })
  .refine(inYearRange, yearRange)
  .describe('A date, YYYY-MM-DD');

/** A date, or a local date and time (YYYY-MM-DDTHH:MM) when the time of receipt matters. */
export const DateOrDateTime = z
  .string()
  .refine((s) => isRealDate(s.slice(0, 10)) && (s.length === 10 || isoDateTimeLocalRe.test(s)), {
    message: 'expected YYYY-MM-DD or YYYY-MM-DDTHH:MM, e.g. 2024-03-25 or 2024-03-25T14:30',
  })
  .refine(inYearRange, yearRange)
  .describe('A date (YYYY-MM-DD) or local date-time (YYYY-MM-DDTHH:MM)');

export const Timestamp = z.iso.datetime({ offset: true }).refine(inYearRange, yearRange).describe('An ISO 8601 instant, e.g. 2024-03-25T14:30:00Z');

// Checked, never transformed: what is stored is exactly what was typed.
const NonEmpty = z.string().refine((s) => s.trim().length > 0, { message: 'must not be empty' });

// ---- enumerations (the contract in issue 2; later work adds, never renames) ----
export const ELECTION_KINDS = ['pcc', 'mayoral', 'local', 'parliamentary', 'by-election'] as const;
export const NATIONS = ['england-and-wales', 'scotland', 'northern-ireland'] as const;
export const DEFAULT_DECIDERS = ['chief-executive', 'chief-constable', 'deputy-monitoring-officer'];
export const CANDIDATE_STATUSES = ['prospective', 'declared', 'withdrawn'] as const;
export const REQUESTER_ROLES = ['candidate', 'agent', 'supporter'] as const;
export const CHANNELS = ['email', 'letter', 'phone', 'in-person', 'social-media', 'web-form'] as const;
export const ROUTES = ['opcc', 'force', 'partner'] as const;
export const CATEGORIES = [
  'information',
  'budget',
  'visit',
  'meeting',
  'media',
  'imagery',
  'briefing',
  'political',
  'other',
] as const;
// not-held: the information asked for is not held (FOI Act s.1(1)(a)); not a refusal, so no exemption.
export const OUTCOMES = ['provide', 'partial', 'refuse', 'already-published', 'redirect', 'clarify', 'not-held'] as const;
/** Outcomes that must carry reasons (Norfolk 2.2; Hampshire 3.4 "Candidate informed ... and reasons for this"). */
export const OUTCOMES_NEEDING_REASONS = ['refuse', 'partial', 'redirect'] as const;
export const ENTRY_KINDS = ['request', 'decision', 'response', 'confirmation', 'clarification', 'extension', 'correction', 'referral', 'notification', 'approval'] as const;
/** Who is on the roster: candidates, and requesters acting for or beside them (Kent 4: parties, groups, associations). */
export const REQUESTER_KINDS = ['candidate', 'agent', 'party', 'group'] as const;
/** Being filmed or photographed with staff (Avon and Somerset 10.1; Norfolk 2.5; Hampshire 3.3; Kent 5). */
export const MEDIA_POLICIES = ['forbidden', 'forbidden-in-pre-election', 'case-by-case', 'allowed'] as const;
/** Police imagery and livery in campaign material (Norfolk 2.4; Humberside 17; Kent 5). */
export const IMAGERY_POLICIES = ['forbidden', 'with-consent'] as const;
/** How information given to one candidate reaches the others (Hampshire 3.2; Humberside 14, 16). */
export const SHARE_ANSWERS = ['publish', 'send-to-all'] as const;
/** Categories whose requests name the day of an event (`event_on`). */
export const EVENT_CATEGORIES = ['visit', 'meeting', 'media', 'briefing'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

// ---- register.yaml ----
/** Whether a person must approve a case's public text before it is published (issue 11). */
export const REVIEW_SETTINGS = ['required', 'off'] as const;

export const ExtraNonWorkingDay = z
  .object({ date: IsoDate, reason: NonEmpty })
  .strict()
  .describe('A day of public thanksgiving or mourning, announced at short notice');

const HttpUrl = z
  .string()
  .url()
  .refine((s) => /^https?:\/\//i.test(s), { message: 'must be an http(s) URL' });

// Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018,
// reg. 8: a public body's website publishes an accessibility statement, in the model form the
// Government Digital Service publishes, and UK GDPR art. 13 asks for the privacy notice to be at hand.
export const Website = z
  .object({
    privacy_notice_url: HttpUrl.optional().describe("The body's privacy notice, linked from every page"),
    accessibility: z
      .object({
        contact: NonEmpty.optional().describe('Where to report an accessibility problem or ask for another format (default: the SPOC)'),
        last_tested: IsoDate.optional().describe('When this site was last tested for accessibility'),
        tested_by: NonEmpty.optional().describe('Who tested it, e.g. "the OPCC digital team, with axe-core and a screen reader"'),
        compliance: z
          .enum(['full', 'partial', 'none'])
          .default('full')
          .describe('Against WCAG 2.2 AA: fully, partially or not compliant'),
        known_issues: z.array(NonEmpty).max(100).default([]).describe('Content that is not accessible, and why'),
      })
      .strict()
      .default({ compliance: 'full', known_issues: [] }),
  })
  .strict();

const Slug = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { message: 'expected a short id in lower case, e.g. opcc or force' });

export const Organisation = z
  .object({
    id: Slug.describe('Used in entries: request --org, respond --org'),
    name: NonEmpty.describe('As the public log names it, e.g. "Office of the Police and Crime Commissioner"'),
  })
  .strict()
  .describe('An organisation sharing this register (Humberside 11.b: OPCC, force and commissioned partners)');

export const FixedEvent = z
  .object({
    id: Slug,
    name: NonEmpty,
    on: IsoDate.describe('The one day the event is held'),
    categories: z.array(z.enum(EVENT_CATEGORIES)).min(1).describe('Requests of these categories may only be granted for this day'),
    registered_only: z.boolean().default(false).describe('Only candidates declared (registered) by the day may take part'),
  })
  .strict()
  .describe('An event on a fixed date (Humberside 14, 16)');

export const RequiredNotification = z
  .object({
    to: NonEmpty.describe('The role to be notified, e.g. chief-executive or returning-officer'),
    via: z.array(z.enum(ROUTES)).optional().describe('Only requests that came in this way'),
    categories: z.array(z.enum(CATEGORIES)).optional().describe('Only requests of these categories'),
    when: z.enum(['received', 'granted']).default('received').describe('received: every matching request; granted: only once it is granted'),
  })
  .strict()
  .describe('A notification the protocol requires for matching requests (Norfolk 2.2, 2.3; Avon and Somerset 8.1.2)');

export const RegisterConfig = z
  .object({
    protocol: z
      .object({ id: Slug, title: NonEmpty, source: NonEmpty.describe('The protocol text, e.g. a file or web address') })
      .strict()
      .optional()
      .describe('The protocol preset this register was created from (`evenhand init --protocol`)'),
    label: NonEmpty.optional().describe('Label on every request and response, e.g. "PCC Election Candidate Request" (Hampshire 3.4, 7.2)'),
    organisations: z.array(Organisation).default([]).describe('Organisations sharing one register; the first handles a case unless told otherwise'),
    body: NonEmpty.describe('The public body, e.g. "Wessex OPCC"'),
    election: z
      .object({
        name: NonEmpty,
        kind: z.enum(ELECTION_KINDS).default('pcc'),
        poll_date: IsoDate,
        nation: z.enum(NATIONS).default('england-and-wales').describe('Whose bank holidays the election timetable skips'),
        extra_non_working_days: z.array(ExtraNonWorkingDay).max(MAX_EXTRA_NON_WORKING_DAYS).default([]),
      })
      .strict(),
    deciders: z
      .array(NonEmpty)
      .min(1)
      .default([...DEFAULT_DECIDERS])
      .describe('Roles that may decide a request (Norfolk 2.2; Humberside 11.e)'),
    deciders_by_category: z
      .partialRecord(z.enum(CATEGORIES), z.array(NonEmpty).min(1))
      .default({})
      .describe('Roles that may decide requests of a category, in place of deciders (Avon and Somerset 3.3.2; Humberside 5.b.ii)'),
    responders: z
      .array(NonEmpty)
      .min(1)
      .optional()
      .describe('Roles that may send a response (`respond --by`); absent: any (Humberside 11.e)'),
    events: z.array(FixedEvent).default([]).describe('Events on fixed dates (Humberside 14, 16)'),
    notifications: z.array(RequiredNotification).default([]).describe('Notifications the protocol requires'),
    spoc: z
      .object({
        name: NonEmpty.describe('Job title or team, published on the how-we-handle-requests page'),
        email: z.string().email().optional(),
        phone: z.string().optional(),
        address: z.string().optional(),
      })
      .strict()
      .describe('The single point of contact (Hampshire 3.2, 3.5)'),
    response_target_days: z
      .number()
      .int()
      .min(1, { message: 'expected at least 1 working day' })
      .max(MAX_TARGET_DAYS, { message: `expected at most ${MAX_TARGET_DAYS} working days (a year)` })
      .default(10)
      .describe('Working days within which a request that is not under the FOI Act should be answered'),
    policy: z
      .object({
        political_requests: z
          .enum(['forward-unlogged', 'log'])
          .default('log')
          .describe('Kent 4: clearly political requests are forwarded and deleted without logging'),
        political_forward_to: z.string().optional().describe('Where forward-unlogged political requests go'),
        undeclared: z
          .enum(['treat-as-public', 'log'])
          .default('log')
          .describe('Avon and Somerset 3.3.5: undeclared people are members of the public'),
        written_confirmation_required: z
          .boolean()
          .default(false)
          .describe('Avon and Somerset 6.1.2: phone requests confirmed in writing before a reply'),
        pre_election_period_start: IsoDate.optional().describe("The returning officer's date, where set"),
        undeclared_exempts_incumbent: z
          .boolean()
          .default(false)
          .describe("The undeclared warning does not fire on the incumbent's requests before they declare"),
        media: z
          .enum(MEDIA_POLICIES)
          .default('forbidden-in-pre-election')
          .describe('Filming or photographs with staff: forbidden, forbidden in the pre-election period, decided case by case, or allowed'),
        imagery: z.enum(IMAGERY_POLICIES).default('forbidden').describe('Police imagery or livery in campaign material'),
        imagery_consent_by: z.array(NonEmpty).default([]).describe('With imagery: with-consent, the roles that may consent'),
        prospective_are_candidates: z
          .boolean()
          .default(false)
          .describe('Equal treatment includes prospective candidates (Hampshire 1; Humberside 5.b.v)'),
        share_answers: z
          .enum(SHARE_ANSWERS)
          .default('publish')
          .describe('publish: the log shares answers; send-to-all: every answer is also sent to every candidate standing'),
        incumbent_answers_published: z
          .boolean()
          .default(false)
          .describe("The incumbent's requests are always shared: withholding their answer is an error (Humberside 5.c.ii)"),
        withhold_reasons: z
          .array(NonEmpty)
          .default([])
          .describe('Where set, a withheld response must give one of these reasons (optionally followed by ": detail") (Kent 5)'),
        response_channels: z
          .array(z.enum(CHANNELS))
          .default([])
          .describe('Where set, responses go only by these channels (Avon and Somerset 6.1.2: email)'),
      })
      .strict()
      .prefault({}),
    website: Website.optional().describe('What the public site says about itself: accessibility statement and privacy notice'),
    publication: z
      .object({
        review: z
          .enum(REVIEW_SETTINGS)
          .default('off')
          .describe(
            'required: only cases whose public text a person approved (`evenhand review` / `approve`) are published; off: every case is. ' +
              '`init` writes required; a register without the key is off (docs/decisions/0016-review-before-publication.md)',
          ),
        review_within_days: z
          .number()
          .int()
          .positive()
          .default(2)
          .describe('Working days an answered case may wait for approval before `check` warns (unreviewed)'),
      })
      .strict()
      .default({ review: 'off', review_within_days: 2 }),
  })
  .strict();
export type RegisterConfig = z.infer<typeof RegisterConfig>;

// ---- candidates ----
export const CandidateId = z
  .string()
  .regex(/^c-[0-9a-hjkmnp-tv-z]{4,8}$/, { message: 'expected a candidate id such as c-7k2q' });

/** What a candidate was known by before `candidate update` (or a hand edit) replaced it. */
export const FormerIdentity = z
  .object({
    names: z.array(NonEmpty).default([]),
    parties: z.array(NonEmpty).default([]),
    emails: z.array(NonEmpty).default([]),
    phones: z.array(NonEmpty).default([]),
    handles: z.array(NonEmpty).default([]),
  })
  .strict();
export type FormerIdentity = z.infer<typeof FormerIdentity>;

export const Candidate = z
  .object({
    id: CandidateId,
    name: NonEmpty,
    aliases: z.array(NonEmpty).default([]),
    party: z.string().optional(),
    emails: z.array(z.string().email()).default([]),
    phones: z.array(NonEmpty).default([]),
    handles: z.array(NonEmpty).default([]),
    status: z.enum(CANDIDATE_STATUSES).default('prospective'),
    declared_on: IsoDate.optional(),
    incumbent: z.boolean().default(false),
    former: FormerIdentity.optional().describe(
      'Values this candidate had before: names, parties and contacts an update replaced. Still redacted: earlier requests name them',
    ),
    kind: z
      .enum(REQUESTER_KINDS)
      .default('candidate')
      .describe('candidate, or a requester who is not one: an agent of a candidate, a party or a group (Kent 4)'),
    acts_for: CandidateId.optional().describe('The candidate an agent acts for: equal treatment is judged for that candidate'),
  })
  .strict();
export type Candidate = z.infer<typeof Candidate>;

// ---- entries ----
export const CaseId = z
  .string()
  .regex(/^\d{4}-\d{4}-[0-9a-hjkmnp-tv-z]{4}$/, { message: 'expected a case id such as 2024-0325-k7q2' });
export const EntryId = z
  .string()
  .regex(/^(decision|response|confirmation|clarification|extension|correction|referral|notification|approval)-[0-9a-hjkmnp-tv-z]{4,8}$/, {
    message: 'expected an entry id such as decision-m3x9',
  });

const recorded = {
  recorded_by: NonEmpty.describe('Who recorded this entry'),
  recorded_at: Timestamp,
};

export const Attachment = z
  .object({
    name: NonEmpty,
    // Always attachments/<file> inside the case folder: a path that climbs out is never read.
    path: z
      .string()
      .regex(/^attachments\/(?!\.\.?$)[\w.-]+$/, { message: 'expected attachments/<file name> (letters, digits, . _ -), inside the case folder' })
      .describe('Relative to the case folder'),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    bytes: z.number().int().nonnegative().max(MAX_ATTACHMENT_BYTES),
  })
  .strict();

export const RequestEntry = z
  .object({
    id: CaseId.describe('The case id; the file is cases/<id>/request.yaml'),
    kind: z.literal('request'),
    candidate: CandidateId,
    requester_role: z.enum(REQUESTER_ROLES).default('candidate'),
    received: DateOrDateTime,
    channel: z.enum(CHANNELS),
    via: z.enum(ROUTES).default('opcc'),
    category: z.enum(CATEGORIES),
    foi: z.boolean().default(false).describe('Handled under the Freedom of Information Act 2000'),
    subject: NonEmpty,
    text: NonEmpty,
    public_summary: z.string().optional().describe('Wording for publication; else the text is redacted and published'),
    private: z.array(NonEmpty).default([]).describe('Spans of the text never to be published'),
    attachments: z.array(Attachment).default([]).describe('Files that came with the request (e.g. kept from its email); never published'),
    departs_from_protocol: z
      .string()
      .optional()
      .describe('Recorded knowing that `evenhand check` reports it, and why (evenhand ... --depart-from-protocol)'),
    event_on: IsoDate.optional().describe('The day of the visit, meeting, filming or briefing asked for: rules judge this day'),
    organisation: Slug.optional().describe('The organisation handling the case (register.yaml organisations)'),
    as_public: z.boolean().default(false).describe('Handled as a request from a member of the public (Avon and Somerset 3.3.5)'),
    statutory: NonEmpty.optional().describe("Why this is the incumbent's statutory business, not candidate contact (Avon and Somerset 12.1.6; Humberside 19.e)"),
    ...recorded,
  })
  .strict();
export type RequestEntry = z.infer<typeof RequestEntry>;

export const DecisionEntry = z
  .object({
    id: EntryId,
    kind: z.literal('decision'),
    case: CaseId,
    outcome: z.enum(OUTCOMES),
    decided_by: NonEmpty.describe('A role listed in register.yaml deciders'),
    decided_on: IsoDate,
    reasons: z.array(NonEmpty).default([]),
    exemptions: z
      .array(z.string().regex(/^s\d+[A-Z]?(\(\d+\))?(\([a-z]\))?$/, { message: 'expected an FOI section such as s21 or s40(2)' }))
      .default([]),
    mitigations: z.array(NonEmpty).default([]).describe('Risk mitigations (Humberside 11.b note 2)'),
    offer_to_all: z.boolean().default(false).describe('The same offer goes to every declared candidate'),
    departs_from_protocol: z
      .string()
      .optional()
      .describe('Recorded knowing that `evenhand check` reports it, and why (evenhand ... --depart-from-protocol)'),
    withdrawn: z
      .boolean()
      .optional()
      .describe('Set only through a correction: true when this entry does not stand (recorded twice, by two offices, or by mistake); the correction says why'),
    ...recorded,
  })
  .strict();
export type DecisionEntry = z.infer<typeof DecisionEntry>;

export const Publish = z.union([
  z.boolean(),
  z.object({ withheld: NonEmpty.describe('Why the response is not published') }).strict(),
]);

export const ResponseEntry = z
  .object({
    id: EntryId,
    kind: z.literal('response'),
    case: CaseId,
    sent_on: IsoDate,
    channel: z.enum(CHANNELS),
    text: NonEmpty,
    public_text: z.string().optional(),
    private: z.array(NonEmpty).default([]),
    attachments: z.array(Attachment).max(MAX_ATTACHMENTS).default([]),
    offered_to: z.array(CandidateId).default([]).describe('Candidates an all-candidate offer went to'),
    circulated_to: z.array(CandidateId).default([]).describe('Candidates the answer was also sent to (policy share_answers: send-to-all)'),
    sent_by: NonEmpty.optional().describe('The role that sent it, one of register.yaml responders'),
    organisation: Slug.optional().describe('The organisation that sent it (register.yaml organisations)'),
    publish: Publish.default(true),
    departs_from_protocol: z
      .string()
      .optional()
      .describe('Recorded knowing that `evenhand check` reports it, and why (evenhand ... --depart-from-protocol)'),
    withdrawn: z
      .boolean()
      .optional()
      .describe('Set only through a correction: true when this entry does not stand (recorded twice, by two offices, or by mistake); the correction says why'),
    ...recorded,
  })
  .strict();
export type ResponseEntry = z.infer<typeof ResponseEntry>;

/** Written confirmation of a phone or in-person request (Avon and Somerset 6.1.2). */
export const ConfirmationEntry = z
  .object({
    id: EntryId,
    kind: z.literal('confirmation'),
    case: CaseId,
    sent_on: IsoDate,
    channel: z.enum(['email', 'letter']),
    ...recorded,
  })
  .strict();
export type ConfirmationEntry = z.infer<typeof ConfirmationEntry>;

/** The candidate's answer to a request for clarification: the FOI clock runs again from here (FOI Act s.10(6)(b)). */
export const ClarificationEntry = z
  .object({
    id: EntryId,
    kind: z.literal('clarification'),
    case: CaseId,
    received: IsoDate,
    text: NonEmpty,
    private: z.array(NonEmpty).default([]),
    ...recorded,
  })
  .strict();
export type ClarificationEntry = z.infer<typeof ClarificationEntry>;

/** A public-interest extension of an FOI deadline (FOI Act s.10(3)). */
export const ExtensionEntry = z
  .object({
    id: EntryId,
    kind: z.literal('extension'),
    case: CaseId,
    decided_on: IsoDate,
    new_due: IsoDate,
    reason: NonEmpty,
    ...recorded,
  })
  .strict();
export type ExtensionEntry = z.infer<typeof ExtensionEntry>;

/** The only way to change the record: a new entry naming the entry it corrects. */
export const CorrectionEntry = z
  .object({
    id: EntryId,
    kind: z.literal('correction'),
    case: CaseId,
    corrects: z.string().min(1).describe('The id of the corrected entry (the case id for its request)'),
    reason: NonEmpty,
    set: z.record(z.string(), z.unknown()).describe('Fields of the corrected entry and their new values'),
    ...recorded,
  })
  .strict();
export type CorrectionEntry = z.infer<typeof CorrectionEntry>;

/** An internal step: data asked of a named officer or another organisation (Hampshire 3.4). */
export const ReferralEntry = z
  .object({
    id: EntryId,
    kind: z.literal('referral'),
    case: CaseId,
    sent_on: IsoDate,
    to: NonEmpty.describe('The officer (by role) or organisation asked'),
    organisation: Slug.optional().describe('The organisation asked, where it shares the register'),
    for: NonEmpty.describe('What was asked for'),
    ...recorded,
  })
  .strict();
export type ReferralEntry = z.infer<typeof ReferralEntry>;

/** An internal step: someone told of the request (Norfolk 2.2, 2.3; Avon and Somerset 8.1.2). */
export const NotificationEntry = z
  .object({
    id: EntryId,
    kind: z.literal('notification'),
    case: CaseId,
    sent_on: IsoDate,
    to: NonEmpty.describe('The role notified, e.g. chief-executive or returning-officer'),
    by: NonEmpty.optional().describe('The role that notified'),
    note: z.string().optional(),
    ...recorded,
  })
  .strict();
export type NotificationEntry = z.infer<typeof NotificationEntry>;

/**
 * A person approved the case's public text as it stood (issue 11): `sha256` is the hash of the
 * case's public view (src/domain/review.ts publicTextHash). Any later change to that text, whatever
 * its cause, gives another hash, so the approval no longer covers it.
 */
export const ApprovalEntry = z
  .object({
    id: EntryId,
    kind: z.literal('approval'),
    case: CaseId,
    sha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/, { message: 'expected a sha256 written as 64 lower-case hex digits' })
      .describe('The hash of the public text approved: the case as the disclosure log shows it, canonical JSON'),
    ...recorded,
  })
  .strict()
  .describe('recorded_by approved the public text, at recorded_at');
export type ApprovalEntry = z.infer<typeof ApprovalEntry>;

export const ENTRY_SCHEMAS = {
  request: RequestEntry,
  decision: DecisionEntry,
  response: ResponseEntry,
  confirmation: ConfirmationEntry,
  clarification: ClarificationEntry,
  extension: ExtensionEntry,
  correction: CorrectionEntry,
  referral: ReferralEntry,
  notification: NotificationEntry,
  approval: ApprovalEntry,
} as const;

export type Entry =
  | RequestEntry
  | DecisionEntry
  | ResponseEntry
  | ConfirmationEntry
  | ClarificationEntry
  | ExtensionEntry
  | CorrectionEntry
  | ReferralEntry
  | NotificationEntry
  | ApprovalEntry;
export type CaseEntry = Exclude<Entry, RequestEntry>;

/** Every schema the `schema` command writes, by file name stem. */
export const ALL_SCHEMAS = {
  register: RegisterConfig,
  candidate: Candidate,
  ...ENTRY_SCHEMAS,
} as const;
