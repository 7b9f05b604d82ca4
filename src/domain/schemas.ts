// The zod schemas are the single source of truth for every file in a register.
// JSON Schemas in schemas/ are generated from them (`evenhand schema`).
import { z } from 'zod';

const isoDateRe = /^\d{4}-\d{2}-\d{2}$/;
const isoDateTimeLocalRe = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/;

/** A real calendar date written YYYY-MM-DD. YAML may hand us a Date object for unquoted dates. */
function isRealDate(s: string): boolean {
  if (!isoDateRe.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

export const IsoDate = z
  .string()
  .refine(isRealDate, { message: 'expected a date written YYYY-MM-DD, e.g. 2024-03-25' })
  .describe('A date, YYYY-MM-DD');

/** A date, or a local date and time (YYYY-MM-DDTHH:MM) when the time of receipt matters. */
export const DateOrDateTime = z
  .string()
  .refine((s) => isRealDate(s.slice(0, 10)) && (s.length === 10 || isoDateTimeLocalRe.test(s)), {
    message: 'expected YYYY-MM-DD or YYYY-MM-DDTHH:MM, e.g. 2024-03-25 or 2024-03-25T14:30',
  })
  .describe('A date (YYYY-MM-DD) or local date-time (YYYY-MM-DDTHH:MM)');

export const Timestamp = z.iso.datetime({ offset: true }).describe('An ISO 8601 instant, e.g. 2024-03-25T14:30:00Z');

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
export const OUTCOMES = ['provide', 'partial', 'refuse', 'already-published', 'redirect', 'clarify'] as const;
/** Outcomes that must carry reasons (Norfolk 2.2; Hampshire 3.4 "Candidate informed ... and reasons for this"). */
export const OUTCOMES_NEEDING_REASONS = ['refuse', 'partial', 'redirect'] as const;
export const ENTRY_KINDS = ['request', 'decision', 'response', 'confirmation', 'clarification', 'extension', 'correction'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

// ---- register.yaml ----
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

export const RegisterConfig = z
  .object({
    body: NonEmpty.describe('The public body, e.g. "Wessex OPCC"'),
    election: z
      .object({
        name: NonEmpty,
        kind: z.enum(ELECTION_KINDS).default('pcc'),
        poll_date: IsoDate,
        nation: z.enum(NATIONS).default('england-and-wales').describe('Whose bank holidays the election timetable skips'),
        extra_non_working_days: z.array(ExtraNonWorkingDay).default([]),
      })
      .strict(),
    deciders: z
      .array(NonEmpty)
      .min(1)
      .default([...DEFAULT_DECIDERS])
      .describe('Roles that may decide a request (Norfolk 2.2; Humberside 11.e)'),
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
      .positive()
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
      })
      .strict()
      .default({ political_requests: 'log', undeclared: 'log', written_confirmation_required: false }),
    website: Website.optional().describe('What the public site says about itself: accessibility statement and privacy notice'),
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
  })
  .strict();
export type Candidate = z.infer<typeof Candidate>;

// ---- entries ----
export const CaseId = z
  .string()
  .regex(/^\d{4}-\d{4}-[0-9a-hjkmnp-tv-z]{4}$/, { message: 'expected a case id such as 2024-0325-k7q2' });
export const EntryId = z
  .string()
  .regex(/^(decision|response|confirmation|clarification|extension|correction)-[0-9a-hjkmnp-tv-z]{4,8}$/, {
    message: 'expected an entry id such as decision-m3x9',
  });

const recorded = {
  recorded_by: NonEmpty.describe('Who recorded this entry'),
  recorded_at: Timestamp,
};

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

export const Attachment = z
  .object({
    name: NonEmpty,
    path: NonEmpty.describe('Relative to the case folder'),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    bytes: z.number().int().nonnegative(),
  })
  .strict();

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
    attachments: z.array(Attachment).default([]),
    offered_to: z.array(CandidateId).default([]).describe('Candidates an all-candidate offer went to'),
    publish: Publish.default(true),
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

export const ENTRY_SCHEMAS = {
  request: RequestEntry,
  decision: DecisionEntry,
  response: ResponseEntry,
  confirmation: ConfirmationEntry,
  clarification: ClarificationEntry,
  extension: ExtensionEntry,
  correction: CorrectionEntry,
} as const;

export type Entry =
  | RequestEntry
  | DecisionEntry
  | ResponseEntry
  | ConfirmationEntry
  | ClarificationEntry
  | ExtensionEntry
  | CorrectionEntry;
export type CaseEntry = Exclude<Entry, RequestEntry>;

/** Every schema the `schema` command writes, by file name stem. */
export const ALL_SCHEMAS = {
  register: RegisterConfig,
  candidate: Candidate,
  ...ENTRY_SCHEMAS,
} as const;
