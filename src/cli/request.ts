// The `request` command's definition: its options and help. What it does is in src/commands/request.ts,
// loaded only when the command runs (docs/decisions/0020-lazy-commands-static-imports.md).
import { type Command } from 'commander';
import { lazy } from './lazy.js';
import { collect } from '../commands/options.js';

export function registerRequest(program: Command): void {
  program
    .command('request')
    .description('log a request from a candidate and print its new case id')
    .option('--candidate <id>', 'candidate id (or exact name), see `evenhand candidate list`')
    .option('--received <date>', 'when it arrived, UK time: 27/11/2026, "27/11/2026 10:30", today, now, "yesterday 16:30" or ISO 2026-11-27T10:30')
    .option('--channel <channel>', 'email | letter | phone | in-person | social-media | web-form')
    .option('--category <category>', 'information | budget | visit | meeting | media | imagery | briefing | political | other')
    .option('--subject <text>', 'one line a reviewer can scan')
    .option('--text <text>', 'the request as received')
    .option('--text-file <file>', 'read the request text from a file')
    .option('--via <route>', 'where it came in: opcc | force | partner', 'opcc')
    .option('--foi', 'handle under the Freedom of Information Act 2000 (20 working days)')
    .option('--public-summary <text>', 'wording for the disclosure log (else the text is redacted and published)')
    .option('--private <span>', 'a span of the text never to publish (repeatable)', collect)
    .option('--requester-role <role>', 'candidate | agent | supporter', 'candidate')
    .option('--email <file>', 'take the request from a saved email (.eml, or Outlook .msg): sender, date, subject and text, each confirmed in a terminal')
    .option('--keep-attachments', "keep the email's attachments with the request (asked in a terminal)")
    .option('--depart-from-protocol <why>', 'record it although check will report it, saying why (kept in the entry; check keeps reporting it)')
    .option('--event-on <date>', 'the day of the visit, meeting, filming or briefing asked for: 12/04/2024 or 2024-04-12 (rules judge this day)')
    .option('--org <id>', 'the organisation handling it, one of register.yaml organisations (default: the first)')
    .option('--as-public', "handle it as a member of the public's request (Avon and Somerset 3.3.5: not yet declared)")
    .option('--statutory <reason>', "the incumbent's statutory business, not candidate contact: kept out of equal treatment and the log (Avon and Somerset 12.1.6)")
    .option('--json', 'print {"id": ...}')
    .addHelpText(
      'after',
      `
Example:
  evenhand request --candidate c-7k2q --received 2024-03-25 --channel email --category budget \\
    --subject "Overtime spend" --text "How much was spent on police overtime in 2023/24?" --foi

From an email saved out of the mail program (or dragged out of Outlook):
  evenhand request --email message.eml --category budget
The sender's address is matched to a candidate's; the Date header gives Received, in UK time.

Prints the case id (e.g. 2024-0325-k7q2): read it back to the caller; it is how the case is found later.
Under policy.political_requests: forward-unlogged, a political request is not logged: it says where to forward it.`,
    )
    .action(lazy(() => import('../commands/request.js'), 'runRequest'));
}
