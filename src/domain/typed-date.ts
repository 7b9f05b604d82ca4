// The dates people type, read the UK way (issue 13): `27/11/2026`, `27/11/2026 10:30`, `today`,
// `now`, `yesterday 16:30`, and ISO `2026-11-27` / `2026-11-27T10:30`. Day first, always. What
// cannot be read with certainty is refused, saying the reading that would have been used, so a
// date is never stored on a guess. Pure: "today" is passed in as the UK date and time.

export interface UkNow {
  /** The UK calendar date, YYYY-MM-DD. */
  date: string;
  /** The UK wall-clock time, HH:MM. */
  time: string;
}

export type TypedDate = { ok: true; value: string; reading: string } | { ok: false; message: string };

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

const pad = (n: number) => String(n).padStart(2, '0');

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function isoOf(year: number, month: number, day: number): string {
  return `${year}-${pad(month)}-${pad(day)}`;
}

function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** "Friday 27 November 2026" (and ", 10:30" with a time): how a reading is said back. */
export function sayDate(value: string): string {
  const [y, m, d] = value.slice(0, 10).split('-').map(Number);
  const weekday = WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()];
  const said = `${weekday} ${d} ${MONTHS[m - 1]} ${y}`;
  return value.length > 10 ? `${said}, ${value.slice(11, 16)}` : said;
}

/** A real day, or why not ("30 February 2026 does not exist: February 2026 has 28 days"). */
function checkDay(year: number, month: number, day: number): string | undefined {
  if (month < 1 || month > 12) return `there is no month ${month}`;
  const last = daysInMonth(year, month);
  if (day < 1 || day > last) return `${day} ${MONTHS[month - 1]} ${year} does not exist: ${MONTHS[month - 1]} ${year} has ${last} days`;
  return undefined;
}

/** "10:30", "9:05", "16.30", "4pm", "4:30pm" → HH:MM; undefined when it is not a time. */
function readTime(text: string): { time?: string; error?: string } {
  const m = /^(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?$/i.exec(text.trim());
  if (!m || (m[2] === undefined && !m[3])) return { error: `"${text}" is not a time; write it 24-hour, e.g. 16:30` };
  let hour = Number(m[1]);
  const minute = Number(m[2] ?? '0');
  if (m[3]) {
    if (hour < 1 || hour > 12) return { error: `"${text}" is not a time` };
    hour = (hour % 12) + (m[3].toLowerCase() === 'pm' ? 12 : 0);
  }
  if (hour > 23 || minute > 59) return { error: `${text} is not a time of day` };
  return { time: `${pad(hour)}:${pad(minute)}` };
}

/** The date part alone: ISO, UK day-first, or a word. */
function readDay(text: string, now: UkNow): { date?: string; error?: string } {
  const t = text.trim().toLowerCase();
  if (t === 'today' || t === 'now') return { date: now.date };
  if (t === 'yesterday') return { date: addDays(now.date, -1) };
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const bad = checkDay(y, mo, d);
    return bad ? { error: bad } : { date: isoOf(y, mo, d) };
  }
  m = /^(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{2}|\d{4}))?$/.exec(t);
  if (m) {
    const [d, mo] = [Number(m[1]), Number(m[2])];
    const yearTyped = m[3];
    const year = yearTyped === undefined ? Number(now.date.slice(0, 4)) : yearTyped.length === 2 ? 2000 + Number(yearTyped) : Number(yearTyped);
    if (mo > 12 && d <= 12) {
      // 11/27/2026 is month-first (US): never guessed.
      const usBad = checkDay(year, d, mo);
      return { error: `"${text}" has no month ${mo}: dates are read day first${usBad ? '' : `; for ${sayDate(isoOf(year, d, mo))} type ${pad(mo)}/${pad(d)}/${year}`}` };
    }
    const bad = checkDay(year, mo, d);
    if (bad) return { error: bad };
    const reading = sayDate(isoOf(year, mo, d));
    // A missing or two-digit year is a guess: say the guess and ask for it in full.
    if (yearTyped === undefined) return { error: `"${text}" has no year: for ${reading} type ${pad(d)}/${pad(mo)}/${year}` };
    if (yearTyped.length === 2) return { error: `"${text}" has a two-digit year: for ${reading} type ${pad(d)}/${pad(mo)}/${year}` };
    return { date: isoOf(year, mo, d) };
  }
  return { error: `"${text}" is not a date` };
}

const FORMS = 'e.g. 27/11/2026, 27/11/2026 10:30, today, yesterday 16:30 or 2026-11-27';

/**
 * Read a typed date (and, where `time` is allowed, a time of day). Returns the stored form:
 * YYYY-MM-DD, or YYYY-MM-DDTHH:MM when a time was typed (or `now`).
 */
export function parseTypedDate(typed: string, now: UkNow, opts: { time?: boolean } = {}): TypedDate {
  // ISO with seconds (2026-11-27T10:30:00): the seconds are not kept.
  const text = typed.trim().replace(/^(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}):\d{2}$/, '$1');
  if (!text) return { ok: false, message: `a date is needed, ${FORMS}` };
  if (text.toLowerCase() === 'now') {
    const value = opts.time ? `${now.date}T${now.time}` : now.date;
    return { ok: true, value, reading: sayDate(value) };
  }
  // Split a trailing time: "27/11/2026 10:30", "2026-11-27T10:30", "yesterday 4pm".
  const m = /^(.+?)(?:\s*T\s*|\s+|,\s*)(\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm)?)$/i.exec(text);
  const dayText = m && /[:.]|am|pm/i.test(m[2]) ? m[1] : text;
  const timeText = m && dayText === m[1] ? m[2] : undefined;
  const day = readDay(dayText, now);
  if (day.error) return { ok: false, message: /not a date$/.test(day.error) ? `${day.error}: ${FORMS}` : day.error };
  let value = day.date!;
  if (timeText !== undefined) {
    if (!opts.time) return { ok: false, message: `give a date only (no time), e.g. ${dayText}` };
    const t = readTime(timeText);
    if (t.error) return { ok: false, message: t.error };
    value = `${value}T${t.time}`;
  }
  return { ok: true, value, reading: sayDate(value) };
}
