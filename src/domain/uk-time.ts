// The date and time in the UK for an instant, without Intl: building an Intl.DateTimeFormat for
// Europe/London loads ICU's time-zone data, about 25 ms of every `evenhand request` on its own.
//
// Since 1996 the UK's summer time (BST, UTC+1) runs from 01:00 UTC on the last Sunday of March to
// 01:00 UTC on the last Sunday of October (Summer Time Order 2002, aligned with EU Directive
// 2000/84/EC). Instants outside the years this rule is known for are handed to Intl.

const FIRST_RULE_YEAR = 1996;
const LAST_RULE_YEAR = 2037;

/** lastSundayOneAm by year and month, as computed: an audit asks for every one of 300,000 commit dates. */
const SWITCHES = new Map<number, number>();

/** 01:00 UTC on the last Sunday of a month (0-based), in ms. */
function lastSundayOneAm(year: number, month: number): number {
  const key = year * 12 + month;
  let at = SWITCHES.get(key);
  if (at === undefined) {
    const lastDay = new Date(Date.UTC(year, month + 1, 0));
    at = Date.UTC(year, month, lastDay.getUTCDate() - lastDay.getUTCDay(), 1);
    SWITCHES.set(key, at);
  }
  return at;
}

/** The offset of UK civil time from UTC at an instant, in minutes (0 or 60). */
export function ukOffsetMinutes(d: Date): number {
  const year = d.getUTCFullYear();
  const t = d.getTime();
  return t >= lastSundayOneAm(year, 2) && t < lastSundayOneAm(year, 9) ? 60 : 0;
}

function viaIntl(d: Date): { date: string; time: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(d)
      .map((p) => [p.type, p.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

/** The UK calendar date (YYYY-MM-DD) and wall-clock time (HH:MM) at an instant. */
export function ukDateTime(d: Date): { date: string; time: string } {
  const year = d.getUTCFullYear();
  if (year < FIRST_RULE_YEAR || year > LAST_RULE_YEAR) return viaIntl(d);
  const local = new Date(d.getTime() + ukOffsetMinutes(d) * 60_000).toISOString();
  return { date: local.slice(0, 10), time: local.slice(11, 16) };
}
