// Expected dates below were counted by hand on a printed calendar, never by calling the code
// under test: each case says which weekdays and holidays it walks over. Weekday anchors used:
// Thu 6 May 2021, Thu 2 May 2024 (protocols/README.md), Wed 25 Dec 2024, Wed 1 Jan 2025,
// Thu 1 Jan 2026, Tue 1 Jan 2030.
import Holidays from 'date-holidays';
import { describe, expect, it } from 'vitest';
import {
  NATIONS,
  addWorkingDays,
  electionTimetable,
  foiDeadline,
  isIsoDate,
  nonWorkingReason,
  workingDaysBefore,
  workingDaysBetween,
  type Calendar,
  type ExtraDay,
} from './calendar.js';

const electionEW: Calendar = { kind: 'election', nation: 'england-and-wales' };
const electionScot: Calendar = { kind: 'election', nation: 'scotland' };
const foi: Calendar = { kind: 'foi' };
const officeEW: Calendar = { kind: 'office', nation: 'england-and-wales' };
const officeScot: Calendar = { kind: 'office', nation: 'scotland' };

describe('election timetable (PCC Elections Order 2012 Sch. 3; protocols/README.md dates)', () => {
  // Counting back from the poll, poll day not counted, weekends and holidays disregarded.
  // 2021: poll Thu 6 May. Back: Wed 5=1, Tue 4=2, (Mon 3 May Early May bank holiday), Fri 30 Apr=3,
  //   Thu 29=4 ... (5 a week) ... Thu 8 Apr=19 -> nominations close. Wed 7=20, Tue 6=21,
  //   (Mon 5 Easter Monday, Fri 2 Good Friday), Thu 1=22, Wed 31 Mar=23, Tue 30=24, Mon 29=25.
  //   protocols/003_1ad3cfe6bc7eb19f.txt §1.4: "nineteenth working day before the poll, which is
  //   Thursday 8 April 2021"; README: the rule gives Mon 29 March for the notice, not Hampshire's 31st.
  // 2024: poll Thu 2 May. Back: Wed 1=1, Tue 30 Apr=2, Mon 29=3, Fri 26=4 ... Fri 5 Apr=19.
  //   Thu 4=20, Wed 3=21, Tue 2=22, (Mon 1 Apr Easter Monday, Fri 29 Mar Good Friday),
  //   Thu 28=23, Wed 27=24, Tue 26=25.
  it.each([
    { poll: '2021-05-06', notice: '2021-03-29', close: '2021-04-08T16:00' },
    { poll: '2024-05-02', notice: '2024-03-26', close: '2024-04-05T16:00' },
  ])('poll $poll: notice by $notice, nominations close $close', ({ poll, notice, close }) => {
    const t = electionTimetable(poll, 'england-and-wales');
    expect(t.poll).toBe(poll);
    expect(t.notice_of_election).toBe(notice);
    expect(t.nominations_close).toBe(close);
  });

  it('explains the nominations deadline for 6 May 2021 day by day', () => {
    // Between Thu 8 Apr and Thu 6 May 2021: four weekends, then the Early May bank holiday.
    expect(electionTimetable('2021-05-06', 'england-and-wales').skipped_nominations).toEqual([
      { date: '2021-04-10', reason: 'Saturday' },
      { date: '2021-04-11', reason: 'Sunday' },
      { date: '2021-04-17', reason: 'Saturday' },
      { date: '2021-04-18', reason: 'Sunday' },
      { date: '2021-04-24', reason: 'Saturday' },
      { date: '2021-04-25', reason: 'Sunday' },
      { date: '2021-05-01', reason: 'Saturday' },
      { date: '2021-05-02', reason: 'Sunday' },
      { date: '2021-05-03', reason: 'Early May bank holiday (England and Wales)' },
    ]);
  });

  it('names Easter in the explanation of the notice deadline for 2 May 2024', () => {
    const t = electionTimetable('2024-05-02', 'england-and-wales');
    expect(t.skipped_notice).toContainEqual({ date: '2024-03-29', reason: 'Good Friday' });
    expect(t.skipped_notice).toContainEqual({ date: '2024-04-01', reason: 'Easter Monday (England and Wales)' });
    // 26 Mar -> 2 May: 37 days after 26 Mar, 25 of them working days, so 12 skipped
    // (5 weekends = 10 days, Good Friday, Easter Monday).
    expect(t.skipped_notice).toHaveLength(12);
    // Nothing between 5 Apr and 2 May 2024 but weekends.
    expect(t.skipped_nominations.every((s) => s.reason === 'Saturday' || s.reason === 'Sunday')).toBe(true);
  });

  it('an extra day of public mourning moves both deadlines back a working day', () => {
    // Hypothetical: the register adds Mon 15 Apr 2024, which was working day 13 before the poll.
    // Every day from there back moves one: 19th becomes Thu 4 Apr, 25th becomes Mon 25 Mar.
    const mourning: ExtraDay[] = [{ date: '2024-04-15', reason: 'Day of public mourning' }];
    const t = electionTimetable('2024-05-02', 'england-and-wales', mourning);
    expect(t.nominations_close).toBe('2024-04-04T16:00');
    expect(t.notice_of_election).toBe('2024-03-25');
    expect(t.skipped_nominations).toContainEqual({ date: '2024-04-15', reason: 'Day of public mourning' });
    expect(t.skipped_notice).toContainEqual({ date: '2024-04-15', reason: 'Day of public mourning' });
  });
});

describe('FOI Act 2000 s.10 deadlines', () => {
  it('received Mon 25 Mar 2024 -> due Wed 24 Apr 2024, over Easter', () => {
    // Tue 26=1, Wed 27=2, Thu 28=3, (Fri 29 Good Friday, weekend, Mon 1 Apr Easter Monday),
    // Tue 2 Apr=4 ... Fri 5=7, 8-12 Apr=8-12, 15-19=13-17, Mon 22=18, Tue 23=19, Wed 24=20.
    const d = foiDeadline('2024-03-25');
    expect(d).toEqual({
      received: '2024-03-25',
      clock_starts: '2024-03-26',
      due: '2024-04-24',
      skipped: [
        { date: '2024-03-29', reason: 'Good Friday' },
        { date: '2024-03-30', reason: 'Saturday' },
        { date: '2024-03-31', reason: 'Sunday' },
        { date: '2024-04-01', reason: 'Easter Monday (England and Wales, Northern Ireland)' },
        { date: '2024-04-06', reason: 'Saturday' },
        { date: '2024-04-07', reason: 'Sunday' },
        { date: '2024-04-13', reason: 'Saturday' },
        { date: '2024-04-14', reason: 'Sunday' },
        { date: '2024-04-20', reason: 'Saturday' },
        { date: '2024-04-21', reason: 'Sunday' },
      ],
    });
  });

  it.each([
    // Sat 23 Mar 2024: the date of receipt is the Saturday itself (s.10(6)), so Mon 25 is working
    // day 1, Thu 28=4, (Easter), Tue 2 Apr=5 ... Mon 22 Apr=19, Tue 23 Apr=20: one working day
    // earlier than a Monday receipt. (The s.45 Code reading would give Wed 24 Apr; see calendar.ts.)
    { received: '2024-03-23', clock: '2024-03-25', due: '2024-04-23', what: 'a Saturday' },
    { received: '2024-03-24', clock: '2024-03-25', due: '2024-04-23', what: 'a Sunday' },
    // Good Friday 29 Mar 2024: day 1 is Tue 2 Apr (Easter Monday skipped), Fri 5=4, 8-12=5-9,
    // 15-19=10-14, 22-26=15-19, Mon 29 Apr=20.
    { received: '2024-03-29', clock: '2024-04-02', due: '2024-04-29', what: 'Good Friday' },
  ])('received on $what ($received): day 1 is $clock, due $due', ({ received, clock, due }) => {
    const d = foiDeadline(received);
    expect(d.clock_starts).toBe(clock);
    expect(d.due).toBe(due);
  });

  it('lists the Sunday after a Saturday receipt among the skipped days', () => {
    const d = foiDeadline('2024-03-23');
    expect(d.skipped[0]).toEqual({ date: '2024-03-24', reason: 'Sunday' });
    // 24 Mar..23 Apr is 31 days: 20 working, 11 skipped (5 weekends less a Saturday, GF, EM).
    expect(d.skipped).toHaveLength(11);
  });

  it('counts Christmas Eve but skips Christmas, Boxing Day, New Year and Scotland\'s 2 January', () => {
    // Received Mon 23 Dec 2024: Tue 24=1, (Wed 25, Thu 26), Fri 27=2, (weekend), Mon 30=3, Tue 31=4,
    // (Wed 1 Jan, Thu 2 Jan Scotland), Fri 3=5, 6-10=6-10, 13-17=11-15, 20-24=16-20 -> Fri 24 Jan.
    const d = foiDeadline('2024-12-23');
    expect(d.clock_starts).toBe('2024-12-24');
    expect(d.due).toBe('2025-01-24');
    expect(d.skipped.slice(0, 6)).toEqual([
      { date: '2024-12-25', reason: 'Christmas Day' },
      { date: '2024-12-26', reason: 'Boxing Day (all UK nations)' },
      { date: '2024-12-28', reason: 'Saturday' },
      { date: '2024-12-29', reason: 'Sunday' },
      { date: '2025-01-01', reason: "New Year's Day (all UK nations)" },
      { date: '2025-01-02', reason: 'January 2nd (Scotland)' },
    ]);
  });

  it('skips the Battle of the Boyne (12 July, Northern Ireland) for every office', () => {
    // Received Mon 1 Jul 2024: 2-5 Jul=1-4, 8-11=5-8, (Fri 12 Jul), 15-19=9-13, 22-26=14-18,
    // Mon 29=19, Tue 30 Jul=20. Without 12 July the 20th would be Mon 29.
    const d = foiDeadline('2024-07-01');
    expect(d.due).toBe('2024-07-30');
    expect(d.skipped).toContainEqual({ date: '2024-07-12', reason: "Battle of the Boyne (Orangemen's Day) (Northern Ireland)" });
    expect(workingDaysBetween('2024-07-01', '2024-07-30', foi)).toBe(20);
    expect(workingDaysBetween('2024-07-01', '2024-07-30', officeEW)).toBe(21);
  });

  it('takes a register\'s extra day into account', () => {
    // As for 25 Mar 2024, but Wed 10 Apr (working day 10) is taken away: the 20th moves to Thu 25 Apr.
    const d = foiDeadline('2024-03-25', [{ date: '2024-04-10', reason: 'Day of national mourning' }]);
    expect(d.due).toBe('2024-04-25');
    expect(d.skipped).toContainEqual({ date: '2024-04-10', reason: 'Day of national mourning' });
  });
});

describe('the two meanings of "working day" disagree where the law says so', () => {
  it('Christmas Eve: disregarded by election rules, an FOI and office working day', () => {
    // Mon 23 Dec 2024 + 1 working day. Election: Tue 24 Christmas Eve, Wed 25, Thu 26 -> Fri 27.
    expect(addWorkingDays('2024-12-23', 1, electionEW)).toEqual({
      date: '2024-12-27',
      skipped: [
        { date: '2024-12-24', reason: 'Christmas Eve' },
        { date: '2024-12-25', reason: 'Christmas Day' },
        { date: '2024-12-26', reason: 'Boxing Day (England and Wales)' },
      ],
    });
    expect(addWorkingDays('2024-12-23', 1, foi)).toEqual({ date: '2024-12-24', skipped: [] });
    expect(nonWorkingReason('2024-12-24', foi)).toBeNull();
    expect(nonWorkingReason('2024-12-24', officeEW)).toBeNull();
  });

  it('Christmas 2021 fell on a weekend: the substitute days come from the bank holiday data', () => {
    // Sat 25, Sun 26 Dec 2021 -> bank holidays Mon 27 and Tue 28; Christmas Eve was Fri 24.
    expect(nonWorkingReason('2021-12-24', electionEW)).toBe('Christmas Eve');
    expect(nonWorkingReason('2021-12-25', electionEW)).toBe('Saturday');
    expect(nonWorkingReason('2021-12-27', electionEW)).toBe('Christmas Day (substitute day) (England and Wales)');
    expect(nonWorkingReason('2021-12-28', electionEW)).toBe('Boxing Day (substitute day) (England and Wales)');
    // Thu 23 Dec 2021 + 1 election working day: Fri 24 .. Tue 28 all disregarded -> Wed 29.
    expect(addWorkingDays('2021-12-23', 1, electionEW).date).toBe('2021-12-29');
    // FOI: Fri 24 Dec 2021 is working day 1.
    expect(addWorkingDays('2021-12-23', 1, foi).date).toBe('2021-12-24');
  });

  it('Easter Monday is not a bank holiday in Scotland; Good Friday is a non-working day everywhere', () => {
    expect(nonWorkingReason('2024-04-01', electionEW)).toBe('Easter Monday (England and Wales)');
    expect(nonWorkingReason('2024-04-01', electionScot)).toBeNull();
    expect(nonWorkingReason('2024-04-01', foi)).toBe('Easter Monday (England and Wales, Northern Ireland)');
    for (const cal of [electionEW, electionScot, foi, officeEW, officeScot]) {
      expect(nonWorkingReason('2024-03-29', cal)).toBe('Good Friday');
    }
  });

  it.each([
    // Good Fridays from published Easter dates (Easter Sunday minus two days).
    '2008-03-21', '2011-04-22', '2021-04-02', '2024-03-29', '2025-04-18', '2026-04-03', '2038-04-23',
  ])('Good Friday %s', (date) => {
    expect(nonWorkingReason(date, officeEW)).toBe('Good Friday');
  });

  it("St Andrew's Day (Mon 30 Nov 2026): FOI and Scottish calendars skip it, England and Wales do not", () => {
    // Fri 27 Nov 2026 + 1 working day.
    expect(addWorkingDays('2026-11-27', 1, foi)).toEqual({
      date: '2026-12-01',
      skipped: [
        { date: '2026-11-28', reason: 'Saturday' },
        { date: '2026-11-29', reason: 'Sunday' },
        { date: '2026-11-30', reason: "St Andrew's Day (Scotland)" },
      ],
    });
    expect(addWorkingDays('2026-11-27', 1, electionEW).date).toBe('2026-11-30');
    expect(addWorkingDays('2026-11-27', 1, electionScot).date).toBe('2026-12-01');
    expect(nonWorkingReason('2026-11-30', officeScot)).toBe("St Andrew's Day (Scotland)");
    expect(nonWorkingReason('2026-11-30', officeEW)).toBeNull();
  });

  it('2 January (Fri 2 Jan 2026) is Scottish only', () => {
    expect(nonWorkingReason('2026-01-02', foi)).toBe('January 2nd (Scotland)');
    expect(nonWorkingReason('2026-01-02', electionEW)).toBeNull();
    expect(nonWorkingReason('2026-01-02', electionScot)).toBe('January 2nd (Scotland)');
  });

  it("St Patrick's Day (Tue 17 Mar 2026) is Northern Irish only; in 2024 it was a Sunday, so Mon 18", () => {
    expect(nonWorkingReason('2026-03-17', foi)).toBe("St Patrick's Day (Northern Ireland)");
    expect(nonWorkingReason('2026-03-17', electionEW)).toBeNull();
    expect(nonWorkingReason('2026-03-17', { kind: 'election', nation: 'northern-ireland' })).toBe(
      "St Patrick's Day (Northern Ireland)",
    );
    // Mon 16 Mar 2026 + 1: FOI skips Tue 17 -> Wed 18; an England and Wales election does not.
    expect(addWorkingDays('2026-03-16', 1, foi).date).toBe('2026-03-18');
    expect(addWorkingDays('2026-03-16', 1, electionEW).date).toBe('2026-03-17');
    expect(nonWorkingReason('2024-03-17', foi)).toBe('Sunday');
    expect(nonWorkingReason('2024-03-18', foi)).toBe("St Patrick's Day (substitute day) (Northern Ireland)");
  });

  it('one-off bank holidays are in the data: the Queen\'s funeral and the coronation', () => {
    expect(nonWorkingReason('2022-09-19', electionEW)).toBe("Queen Elizabeth's Funeral Day (England and Wales)");
    expect(nonWorkingReason('2022-09-19', foi)).toBe("Queen Elizabeth's Funeral Day (all UK nations)");
    expect(nonWorkingReason('2023-05-08', officeEW)).toBe("King Charles III's Coronation (England and Wales)");
  });

  it('a register can add a day the data lacks (4 Jun 2012, the moved Spring bank holiday)', () => {
    const extra = [{ date: '2012-06-04', reason: 'Spring bank holiday (moved for the Diamond Jubilee)' }];
    expect(nonWorkingReason('2012-06-04', { kind: 'office', nation: 'england-and-wales', extra })).not.toBeNull();
  });

  it('office calendars: weekends, the nation\'s bank holidays and extra days, but not Christmas Eve', () => {
    const extra = [{ date: '2024-06-03', reason: 'Office closed for a move' }];
    expect(nonWorkingReason('2024-06-03', { kind: 'office', nation: 'england-and-wales', extra })).toBe(
      'Office closed for a move',
    );
    expect(nonWorkingReason('2024-06-03', officeEW)).toBeNull();
    expect(nonWorkingReason('2024-08-05', officeScot)).toBe('Summer bank holiday (Scotland)'); // first Monday of August
    expect(nonWorkingReason('2024-08-05', officeEW)).toBeNull();
    expect(nonWorkingReason('2024-08-26', officeEW)).toBe('Summer bank holiday (England and Wales)'); // last Monday
  });
});

describe('counting primitives', () => {
  it('workingDaysBefore lists skipped days oldest first', () => {
    // Thu 2 Jan 2025 back 3 election working days: (Wed 1 Jan), Tue 31=1, Mon 30=2, (Sun 29, Sat 28),
    // Fri 27 Dec=3.
    expect(workingDaysBefore('2025-01-02', 3, electionEW)).toEqual({
      date: '2024-12-27',
      skipped: [
        { date: '2024-12-28', reason: 'Saturday' },
        { date: '2024-12-29', reason: 'Sunday' },
        { date: '2025-01-01', reason: "New Year's Day (England and Wales)" },
      ],
    });
  });

  it('n = 0 returns the start day itself', () => {
    expect(addWorkingDays('2024-03-30', 0, foi)).toEqual({ date: '2024-03-30', skipped: [] });
    expect(workingDaysBefore('2024-03-30', 0, foi)).toEqual({ date: '2024-03-30', skipped: [] });
  });

  it('workingDaysBetween counts (from, to]', () => {
    expect(workingDaysBetween('2024-03-25', '2024-04-24', foi)).toBe(20);
    expect(workingDaysBetween('2024-03-22', '2024-03-25', foi)).toBe(1); // Fri -> Mon
    expect(workingDaysBetween('2024-03-25', '2024-03-25', foi)).toBe(0);
    expect(workingDaysBetween('2024-04-24', '2024-03-25', foi)).toBe(0);
  });

  it('addWorkingDays and workingDaysBetween agree across years and calendars', () => {
    for (const cal of [electionEW, electionScot, foi, officeEW]) {
      for (const start of ['2023-12-20', '2024-02-28', '2024-12-31', '2025-07-11']) {
        for (const n of [1, 19, 25, 260]) {
          expect(workingDaysBetween(start, addWorkingDays(start, n, cal).date, cal)).toBe(n);
          // [before, start) holds n working days, so (before, start] holds n - 1, plus start if it works.
          const startWorks = nonWorkingReason(start, cal) === null ? 1 : 0;
          expect(workingDaysBetween(workingDaysBefore(start, n, cal).date, start, cal)).toBe(n - 1 + startWorks);
        }
      }
    }
  });

  it('rejects invalid input', () => {
    expect(() => addWorkingDays('2024-02-30', 1, foi)).toThrow(RangeError);
    expect(() => addWorkingDays('2024-03-25', -1, foi)).toThrow(RangeError);
    expect(() => addWorkingDays('2024-03-25', 1.5, foi)).toThrow(RangeError);
    expect(() => nonWorkingReason('2024-03-25', { kind: 'election', nation: 'wales' as never })).toThrow(RangeError);
    expect(() => foiDeadline('2024-03-25', [{ date: '25/03/2024', reason: 'x' }])).toThrow(RangeError);
  });

  it('formats dates exactly across centuries and leap days', () => {
    for (const s of ['1600-02-29', '1899-12-31', '1900-03-01', '1970-01-01', '1969-12-31', '2000-02-29', '2100-02-28', '2400-02-29']) {
      expect(addWorkingDays(s, 0, foi).date).toBe(s);
    }
    // Fri 28 Feb 2020 + 1 FOI working day: Sat 29 Feb (leap day), Sun 1 Mar -> Mon 2 Mar.
    expect(addWorkingDays('2020-02-28', 1, foi)).toEqual({
      date: '2020-03-02',
      skipped: [
        { date: '2020-02-29', reason: 'Saturday' },
        { date: '2020-03-01', reason: 'Sunday' },
      ],
    });
  });

  it('NATIONS lists the three bank holiday jurisdictions', () => {
    expect(NATIONS).toEqual(['england-and-wales', 'scotland', 'northern-ireland']);
  });
});

describe('isIsoDate', () => {
  it.each(['2024-02-29', '2000-02-29', '2024-12-31', '1999-01-01'])('accepts %s', (s) => {
    expect(isIsoDate(s)).toBe(true);
  });
  it.each([
    '2023-02-29', // 2023 is not a leap year
    '1900-02-29', // century, not divisible by 400
    '2024-04-31',
    '2024-13-01',
    '2024-00-10',
    '2024-4-1',
    '24-04-01',
    '2024/04/01',
    '2024-04-01T00:00',
    ' 2024-04-01',
    '',
  ])('rejects %j', (s) => {
    expect(isIsoDate(s)).toBe(false);
  });
});

describe('date-holidays data, as relied on', () => {
  it('Wales has the same public holidays as England, 1990-2040', () => {
    const eng = new Holidays('GB', 'ENG');
    const wls = new Holidays('GB', 'WLS');
    const list = (hd: Holidays, y: number) =>
      hd.getHolidays(y).filter((h) => h.type === 'public').map((h) => `${h.date} ${h.name}`);
    for (let y = 1990; y <= 2040; y++) expect(list(wls, y)).toEqual(list(eng, y));
  });

  it('does not depend on the host timezone', () => {
    // Year 2030 is used nowhere else in this file, so nothing is cached yet. Early May bank
    // holiday 2030 = first Monday of May: 1 May 2030 is a Wednesday, so Mon 6 May.
    const saved = process.env.TZ;
    try {
      for (const tz of ['America/Los_Angeles', 'Pacific/Kiritimati']) {
        process.env.TZ = tz;
        expect(nonWorkingReason('2030-05-05', officeEW)).toBe('Sunday');
        expect(nonWorkingReason('2030-05-06', officeEW)).toBe('Early May bank holiday (England and Wales)');
        expect(nonWorkingReason('2030-05-07', officeEW)).toBeNull();
        expect(addWorkingDays('2030-05-03', 1, officeEW).date).toBe('2030-05-07');
      }
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });
});

describe('a decade of dates (one national register)', () => {
  // Speed is measured by `npm run bench`, never asserted here. What must hold for every day:
  // a later request never has an earlier FOI deadline, and every timetable runs in order.
  it('gives monotonic FOI deadlines and ordered election timetables for every day of ten years', () => {
    const days = 3650;
    const base = Date.UTC(2020, 0, 1);
    let previous = '';
    for (let i = 0; i < days; i++) {
      const date = new Date(base + i * 86_400_000).toISOString().slice(0, 10);
      const deadline = foiDeadline(date).due;
      expect(deadline > date, `${date} -> ${deadline}`).toBe(true);
      expect(deadline >= previous, `${date} -> ${deadline} after ${previous}`).toBe(true);
      previous = deadline;
      const t = electionTimetable(date, NATIONS[i % 3]);
      expect(t.notice_of_election < t.nominations_close && t.nominations_close < t.poll, date).toBe(true);
    }
  });
});
