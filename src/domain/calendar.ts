// Working-day calendars (DESIGN.md "Calendars"). Two different legal meanings of "working day"
// live here, plus an office's ordinary one:
//  - election timetable: Police and Crime Commissioner Elections Order 2012 (SI 2012/1917),
//    Sch. 3 Part 1 (timetable; computation of time), with art. 2(1) "bank holiday" = a bank holiday
//    under the Banking and Financial Dealings Act 1971 in England and Wales; the local election
//    rules use the same wording for the nation the election is in;
//  - Freedom of Information Act 2000 s.10(1) and (6);
//  - an office's own working days (weekends, its nation's bank holidays, added closures).
// Pure: no disk, no clock. Dates are ISO `YYYY-MM-DD` strings; all arithmetic is on UTC day
// numbers, so the host's timezone and British Summer Time can never shift a date.
import Holidays from 'date-holidays';

export type IsoDate = string;
export type Nation = 'england-and-wales' | 'scotland' | 'northern-ireland';
export const NATIONS: readonly Nation[] = Object.freeze(['england-and-wales', 'scotland', 'northern-ireland'] as const);

/** A day a register adds by hand: a day of public thanksgiving or mourning, a one-off holiday. */
export interface ExtraDay {
  date: IsoDate;
  reason: string;
}
/** A non-working day passed over while counting, and why (shown by --explain). */
export interface SkippedDay {
  date: IsoDate;
  reason: string;
}
/** `skipped` is in date order (oldest first), whichever way the count ran. */
export interface CountResult {
  date: IsoDate;
  skipped: SkippedDay[];
}
export type Calendar =
  | { kind: 'election'; nation: Nation; extra?: ExtraDay[] }
  | { kind: 'foi'; extra?: ExtraDay[] }
  | { kind: 'office'; nation: Nation; extra?: ExtraDay[] };

// ---------------------------------------------------------------------------------------------
// ISO dates <-> UTC day numbers (days since 1970-01-01)

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Day number of a strict ISO date, or null when it is not a real calendar date. */
function tryDayNumber(s: string): number | null {
  const m = ISO_DATE.exec(s);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  // setUTCFullYear, not Date.UTC: Date.UTC maps years 0-99 to 1900-1999.
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  // A date like 2023-02-29 rolls over to 1 March: reject it by checking the parts survive.
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return Math.round(d.getTime() / MS_PER_DAY);
}

export function isIsoDate(s: string): boolean {
  return typeof s === 'string' && tryDayNumber(s) !== null;
}

function dayNumber(s: IsoDate, what = 'date'): number {
  const n = tryDayNumber(s);
  if (n === null) throw new RangeError(`${what} must be a real date written YYYY-MM-DD, got ${JSON.stringify(s)}`);
  return n;
}

/**
 * Day number -> 'YYYY-MM-DD' without a Date object (H. Hinnant's civil_from_days): the counting
 * loops format every skipped day, and this is the hot path for a 10,000-case register.
 */
function isoOf(n: number): IsoDate {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

/** 0 = Sunday ... 6 = Saturday; 1970-01-01 was a Thursday. */
function weekday(n: number): number {
  return (((n + 4) % 7) + 7) % 7;
}

function yearOf(n: number): number {
  return new Date(n * MS_PER_DAY).getUTCFullYear();
}

function firstDayOfYear(year: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, 0, 1);
  return Math.round(d.getTime() / MS_PER_DAY);
}

function dayOf(year: number, month: number, day: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  return Math.round(d.getTime() / MS_PER_DAY);
}

/** Easter Sunday (Gregorian; the anonymous "Meeus/Jones/Butcher" algorithm), as a day number. */
function easterSunday(year: number): number {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return dayOf(year, month, day);
}

// ---------------------------------------------------------------------------------------------
// Bank holidays, from date-holidays (the maintained source DESIGN.md names)

type Region = 'ENG' | 'SCT' | 'NIR';
const REGIONS: readonly Region[] = ['ENG', 'SCT', 'NIR'];
// Wales ('WLS') has exactly England's bank holidays (one schedule for "England and Wales" in the
// 1971 Act; calendar.test.ts checks the data agrees), so England stands for both.
const REGION_OF: Record<Nation, Region> = {
  'england-and-wales': 'ENG',
  scotland: 'SCT',
  'northern-ireland': 'NIR',
};
const LABEL_OF: Record<Region, string> = {
  ENG: 'England and Wales',
  SCT: 'Scotland',
  NIR: 'Northern Ireland',
};

const holidaySources = new Map<Region, Holidays>();
const bankHolidayCache = new Map<string, Map<number, string>>();

/**
 * The bank holidays of one nation in one year: day number -> holiday name. Cached per
 * (region, year), because a national register computes thousands of deadlines.
 * Only `type === 'public'`: date-holidays also returns observances (Mother's Day, Easter Sunday).
 * `h.date` ('YYYY-MM-DD 00:00:00', local to the UK) is used, never `h.start`: `start` is a Date at
 * UK midnight, which is 23:00 UTC the day before during summer time.
 */
function bankHolidays(region: Region, year: number): Map<number, string> {
  const key = `${region}:${year}`;
  let days = bankHolidayCache.get(key);
  if (days) return days;
  let source = holidaySources.get(region);
  if (!source) {
    source = new Holidays('GB', region);
    holidaySources.set(region, source);
  }
  days = new Map();
  for (const h of source.getHolidays(year)) {
    if (h.type !== 'public') continue;
    const n = tryDayNumber(h.date.slice(0, 10));
    if (n === null) continue;
    // The data mixes ’ and ' ("St Andrew’s Day", "New Year's Day"): one apostrophe, so names
    // read and search the same way.
    const name = h.name.replace(/\u2019/g, "'");
    const before = days.get(n);
    days.set(n, before ? `${before}; ${name}` : name);
  }
  bankHolidayCache.set(key, days);
  return days;
}

// ---------------------------------------------------------------------------------------------
// Which days each calendar disregards

/** The fixed (non-extra) non-working days of one calendar in one year, weekends aside. */
function baseNonWorkingDays(rules: string, year: number): Map<number, string> {
  const out = new Map<number, string>();
  const [kind, nation] = rules.split(':') as [Calendar['kind'], Nation | undefined];
  // Named in the statutes themselves, whatever the bank holiday tables say, so named plainly.
  if (kind === 'election') out.set(dayOf(year, 12, 24), 'Christmas Eve'); // election rules only: FOIA s.10(6) omits it
  out.set(dayOf(year, 12, 25), 'Christmas Day');
  out.set(easterSunday(year) - 2, 'Good Friday');

  const regions: readonly Region[] = kind === 'foi' ? REGIONS : [REGION_OF[nation as Nation]];
  // For FOI, say which parts of the UK a day is a holiday in: a Scottish-only day that stops an
  // English office's clock surprises people, so the explanation has to show it.
  const byDay = new Map<number, Map<string, Region[]>>();
  for (const region of regions) {
    for (const [n, name] of bankHolidays(region, year)) {
      let names = byDay.get(n);
      if (!names) byDay.set(n, (names = new Map()));
      const where = names.get(name) ?? [];
      where.push(region);
      names.set(name, where);
    }
  }
  for (const [n, names] of byDay) {
    if (out.has(n)) continue; // Christmas Day, Good Friday: the statutory name wins
    const parts: string[] = [];
    for (const [name, where] of names) {
      const place = where.length === REGIONS.length ? 'all UK nations' : where.map((r) => LABEL_OF[r]).join(', ');
      parts.push(`${name} (${place})`);
    }
    out.set(n, parts.join('; '));
  }
  return out;
}

const baseCache = new Map<string, Map<number, string>>();
function baseFor(rules: string, year: number): Map<number, string> {
  const key = `${rules}:${year}`;
  let days = baseCache.get(key);
  if (!days) {
    days = baseNonWorkingDays(rules, year);
    baseCache.set(key, days);
  }
  return days;
}

const extraCache = new WeakMap<readonly ExtraDay[], Map<number, string>>();
/** A register's extra days by day number; cached per array, as a register reuses one list. */
function extraDays(extra: readonly ExtraDay[] | undefined): Map<number, string> | null {
  if (!extra || extra.length === 0) return null;
  let days = extraCache.get(extra);
  if (days) return days;
  days = new Map();
  for (const e of extra) {
    const n = dayNumber(e.date, 'extra day');
    const before = days.get(n);
    days.set(n, before ? `${before}; ${e.reason}` : e.reason);
  }
  extraCache.set(extra, days);
  return days;
}

function rulesKey(cal: Calendar): string {
  if (cal.kind === 'foi') return 'foi';
  if (!NATIONS.includes(cal.nation)) throw new RangeError(`unknown nation ${JSON.stringify(cal.nation)}`);
  return `${cal.kind}:${cal.nation}`;
}

type Reasoner = (n: number) => string | null;

/** A day -> reason lookup for one calendar that keeps the current year's table at hand. */
function reasonerFor(cal: Calendar): Reasoner {
  const rules = rulesKey(cal);
  const extra = extraDays(cal.extra);
  let from = 1;
  let to = 0; // empty range: the first lookup loads a year
  let base: Map<number, string> = new Map();
  return (n) => {
    const wd = weekday(n);
    if (wd === 6) return 'Saturday';
    if (wd === 0) return 'Sunday';
    if (n < from || n > to) {
      const year = yearOf(n);
      from = firstDayOfYear(year);
      to = firstDayOfYear(year + 1) - 1;
      base = baseFor(rules, year);
    }
    return base.get(n) ?? extra?.get(n) ?? null;
  };
}

function checkCount(n: number): void {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`a number of working days must be a whole number >= 0, got ${n}`);
}

// ---------------------------------------------------------------------------------------------
// Counting

/** Why `date` is not a working day in `cal`, or null when it is one. */
export function nonWorkingReason(date: IsoDate, cal: Calendar): string | null {
  return reasonerFor(cal)(dayNumber(date));
}

/** The n-th working day after `start` (`start` itself is never counted; n = 0 gives `start`). */
export function addWorkingDays(start: IsoDate, n: number, cal: Calendar): CountResult {
  checkCount(n);
  const reason = reasonerFor(cal);
  const skipped: SkippedDay[] = [];
  let day = dayNumber(start, 'start');
  for (let counted = 0; counted < n; ) {
    day++;
    const why = reason(day);
    if (why === null) counted++;
    else skipped.push({ date: isoOf(day), reason: why });
  }
  return { date: isoOf(day), skipped };
}

/** The n-th working day before `end` (`end` itself is never counted; n = 0 gives `end`). */
export function workingDaysBefore(end: IsoDate, n: number, cal: Calendar): CountResult {
  checkCount(n);
  const reason = reasonerFor(cal);
  const skipped: SkippedDay[] = [];
  let day = dayNumber(end, 'end');
  for (let counted = 0; counted < n; ) {
    day--;
    const why = reason(day);
    if (why === null) counted++;
    else skipped.push({ date: isoOf(day), reason: why });
  }
  skipped.reverse();
  return { date: isoOf(day), skipped };
}

/** Working days in (from, to]: how many of the days after `from`, up to and including `to`, count. */
export function workingDaysBetween(from: IsoDate, to: IsoDate, cal: Calendar): number {
  const reason = reasonerFor(cal);
  const last = dayNumber(to, 'to');
  let count = 0;
  for (let day = dayNumber(from, 'from') + 1; day <= last; day++) if (reason(day) === null) count++;
  return count;
}

// ---------------------------------------------------------------------------------------------
// Election timetable

export interface Timetable {
  poll: IsoDate;
  notice_of_election: IsoDate;
  /** 'YYYY-MM-DDT16:00', UK local time. */
  nominations_close: string;
  skipped_notice: SkippedDay[];
  skipped_nominations: SkippedDay[];
}

// SI 2012/1917 Sch. 3 timetable: notice of election no later than the 25th day before the poll,
// nominations close at 4 pm on the 19th day before, counting back without poll day and
// disregarding the days in the computation-of-time rule. protocols/003_1ad3cfe6bc7eb19f.txt
// §1.1, §1.4, §12.1.1 quote both (poll 6 May 2021 -> nominations close 8 April 2021).
export const NOTICE_OF_ELECTION_DAYS = 25;
export const NOMINATIONS_CLOSE_DAYS = 19;
export const NOMINATIONS_CLOSE_TIME = '16:00';

export function electionTimetable(poll: IsoDate, nation: Nation, extra?: ExtraDay[]): Timetable {
  const cal: Calendar = { kind: 'election', nation, extra };
  const notice = workingDaysBefore(poll, NOTICE_OF_ELECTION_DAYS, cal);
  const nominations = workingDaysBefore(poll, NOMINATIONS_CLOSE_DAYS, cal);
  return {
    poll,
    notice_of_election: notice.date,
    nominations_close: `${nominations.date}T${NOMINATIONS_CLOSE_TIME}`,
    skipped_notice: notice.skipped,
    skipped_nominations: nominations.skipped,
  };
}

// ---------------------------------------------------------------------------------------------
// FOI deadline

export interface FoiDeadline {
  received: IsoDate;
  /** Working day 1: the first working day after the date of receipt. */
  clock_starts: IsoDate;
  /** The 20th working day following the date of receipt. */
  due: IsoDate;
  /** Non-working days after `received` up to `due`, oldest first. */
  skipped: SkippedDay[];
}

// FOIA 2000 s.10(1), quoted in protocols/001_3b910cf6143a05f2.txt ("not later than 20 working days
// after the date of receipt").
export const FOI_WORKING_DAYS = 20;

/**
 * FOIA s.10(1): comply "not later than the twentieth working day following the date of receipt".
 *
 * Receipt on a non-working day (a Saturday, a bank holiday): s.10(6) defines the date of receipt
 * as "the day on which the public authority receives the request", a calendar day that need not
 * be a working day. So the count runs from that day: working day 1 is the first working day after
 * it (Saturday receipt -> Monday is day 1, the 20th is due), as DESIGN.md puts it ("the clock
 * starts on the first working day after receipt"). FOI practitioners (FOIMan) report the ICO's
 * s.10 guidance taking this reading. The 2018 s.45 Code of Practice (para 4.2), and some deadline
 * calculators, instead treat such a request as received on the next working day, which makes
 * day 1 the working day after that and the deadline one working day later. We keep the statute's
 * wording: it gives the earlier date, and a reply sent by that date is on time under either
 * reading.
 *
 * `received` is the s.10(6) date of receipt: where the authority asked for clarification under
 * s.1(3), the caller passes the day the clarification arrived.
 */
export function foiDeadline(received: IsoDate, extra?: ExtraDay[]): FoiDeadline {
  const cal: Calendar = { kind: 'foi', extra };
  const clock = addWorkingDays(received, 1, cal);
  const due = addWorkingDays(received, FOI_WORKING_DAYS, cal);
  return { received, clock_starts: clock.date, due: due.date, skipped: due.skipped };
}
