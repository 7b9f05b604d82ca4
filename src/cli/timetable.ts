// The `timetable` command's definition: its options and help. What it does is in src/commands/timetable.ts,
// loaded only when the command runs (docs/decisions/0020-lazy-commands-static-imports.md).
import { type Command } from 'commander';
import { lazy } from './lazy.js';

export function registerTimetable(program: Command): void {
  program
    .command('timetable')
    .description("the election timetable: notice of election, close of nominations, pre-election period")
    .option('--poll-date <date>', 'a polling day other than the register\'s, YYYY-MM-DD')
    .option('--nation <nation>', 'england-and-wales | scotland | northern-ireland')
    .option('--explain', 'list the days skipped and why')
    .option('--json', 'print {"poll", "notice_of_election", "nominations_close", "pre_election_period_start"}')
    .addHelpText(
      'after',
      `
Election working days skip Saturdays, Sundays, Christmas Eve, Christmas Day, Good Friday, the
nation's bank holidays and the register's extra days (election.extra_non_working_days).
Example: evenhand timetable --poll-date 2021-05-06 --explain`,
    )
    .action(lazy(() => import('../commands/timetable.js'), 'runTimetable'));
}
