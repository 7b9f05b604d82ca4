// Words shown to readers for the codes in the register. Constants only: no data passes through here.
const CATEGORY_LABELS: Record<string, string> = {
  information: 'Information',
  budget: 'Budget and finance',
  visit: 'Visits',
  meeting: 'Meetings',
  media: 'Media, filming and photographs',
  imagery: 'Police imagery and livery',
  briefing: 'Briefings',
  political: 'Political requests',
  other: 'Other requests',
};

const OUTCOME_LABELS: Record<string, string> = {
  provide: 'Provided',
  partial: 'Partly provided',
  refuse: 'Refused',
  'already-published': 'Already published',
  redirect: 'Redirected',
  clarify: 'Clarification asked for',
};

const STATUS_LABELS: Record<string, string> = {
  answered: 'Answered',
  'awaiting-response': 'Awaiting response',
  'awaiting-clarification': 'Awaiting clarification from the requester',
};

const ROLE_LABELS: Record<string, string> = {
  'chief-executive': 'Chief Executive',
  'chief-constable': 'Chief Constable',
  'deputy-monitoring-officer': 'Deputy Monitoring Officer',
  'monitoring-officer': 'Monitoring Officer',
  // Hampshire 2021 (3.3): requests are "considered by the SPOC"; "Spoc" is no one's title.
  spoc: 'Single Point of Contact (SPOC)',
  'returning-officer': 'Returning Officer',
  'police-and-crime-commissioner': 'Police and Crime Commissioner',
};

/** "some-code" → "Some code", for codes a register adds that have no label here. */
function fallback(code: string): string {
  const words = code.replace(/[-_]+/g, ' ').trim();
  return words ? words[0].toUpperCase() + words.slice(1) : code;
}

/** The table's own label for a code ("constructor" is not one). */
const own = (table: Record<string, string>, code: string): string | undefined => (Object.hasOwn(table, code) ? table[code] : undefined);

export const categoryLabel = (c: string): string => own(CATEGORY_LABELS, c) ?? fallback(c);
export const outcomeLabel = (o: string | null | undefined): string => (o ? (own(OUTCOME_LABELS, o) ?? fallback(o)) : '');
export const statusLabel = (s: string): string => own(STATUS_LABELS, s) ?? fallback(s);
export const roleLabel = (r: string | null | undefined): string => {
  if (!r) return '';
  return own(ROLE_LABELS, r) ?? r.split('-').map((w) => (w ? w[0].toUpperCase() + w.slice(1) : w)).join(' ');
};

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** 2024-01-15 → "15 January 2024" (GOV.UK style). No clock and no locale data: the same everywhere. */
export function longDate(iso: string | null | undefined, withWeekday = false): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  const [, y, mo, d] = m;
  const text = `${Number(d)} ${MONTHS[Number(mo) - 1]} ${y}`;
  if (!withWeekday) return text;
  const weekday = WEEKDAYS[new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d))).getUTCDay()];
  return `${weekday} ${text}`;
}

/** 2024-03 → "March 2024": the name of a month page (docs/decisions/0026-paged-index-and-memory.md). */
export function monthYear(month: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  return m ? `${MONTHS[Number(m[2]) - 1]} ${m[1]}` : month;
}

/** Every code and label above: the tool's own vocabulary, which the leak gate does not read as a name in the open data. */
export const TOOL_VOCABULARY: ReadonlySet<string> = new Set(
  [CATEGORY_LABELS, OUTCOME_LABELS, STATUS_LABELS, ROLE_LABELS].flatMap((table) => [...Object.keys(table), ...Object.values(table)]),
);

/** Whether a code has a label of its own (not the fallback made from the code). */
export const hasLabel = {
  category: (c: string) => Object.hasOwn(CATEGORY_LABELS, c),
  outcome: (o: string) => Object.hasOwn(OUTCOME_LABELS, o),
  status: (s: string) => Object.hasOwn(STATUS_LABELS, s),
  role: (r: string) => Object.hasOwn(ROLE_LABELS, r),
};
