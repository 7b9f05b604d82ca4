#!/usr/bin/env node
// Builds the fictional sample register (register/) through the CLI itself, one command per step,
// each at the moment it happened, so its git history is a real audit trail.
// Every person, party and contact detail here is invented; Wessex is not a real police area.
// Usage: node scripts/make-sample-register.mjs <dir>   (the folder must not exist yet)
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'bin', 'evenhand.js');
const dir = resolve(process.argv[2] ?? 'register');
if (existsSync(join(dir, 'register.yaml'))) {
  console.error(`${dir} already holds a register`);
  process.exit(2);
}

function ev(at, args, user = at < '2024-04-01' ? 'Jordan Vale (SPOC)' : 'Sam Idris (deputy SPOC)') {
  const out = execFileSync(process.execPath, [bin, '-r', dir, ...args, '--json'], {
    env: { ...process.env, EVENHAND_NOW: `${at}T17:30:00Z`, EVENHAND_USER: user },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return JSON.parse(out).id;
}

execFileSync(process.execPath, [bin, 'init', dir, '--body', 'Wessex OPCC', '--election', 'Wessex Police and Crime Commissioner election 2024', '--poll-date', '2024-05-02',
  '--spoc', 'Election Single Point of Contact, Office of the Police and Crime Commissioner', '--spoc-email', 'candidates@wessex-opcc.example', '--spoc-phone', '01632 960000',
  '--protocol', 'avon-somerset-2021', '--target-days', '10'], { env: { ...process.env, EVENHAND_NOW: '2024-01-08T09:00:00Z', EVENHAND_USER: 'Jordan Vale (SPOC)' }, stdio: 'inherit' });

const d0 = '2024-01-08';
const M = ev(d0, ['candidate', 'add', '--name', 'Morwenna Trelawney-Price', '--alias', 'Councillor Trelawney-Price', '--party', 'Wessex Progressive Alliance', '--email', 'morwenna.tp@example.org', '--phone', '07700 900101', '--handle', '@MorwennaForWessex', '--incumbent']);
const D = ev(d0, ['candidate', 'add', '--name', 'Dafydd Ashcombe', '--party', 'Harbour Party', '--email', 'dafydd@ashcombe.example', '--phone', '01632 960202']);
const P = ev(d0, ['candidate', 'add', '--name', 'Priya Castellane', '--party', 'Independent', '--email', 'priya.castellane@example.net', '--handle', '@priya4pcc']);
const G = ev(d0, ['candidate', 'add', '--name', 'Gideon Blackwood', '--party', 'Wessex Reform Group', '--email', 'gideon@blackwood.example']);
const R = ev(d0, ['candidate', 'add', '--name', 'Rosalind Fairweather', '--party', 'Independent', '--phone', '+44 7700 900404']);

let n = 0;
/** One case: the request, then each step in order. */
function kase(received, candidate, req, steps) {
  n++;
  const id = ev(received.slice(0, 10), ['request', '--candidate', candidate, '--received', received, ...req]);
  for (const [at, args] of steps) ev(at, args.map((a) => (a === '$' ? id : a)));
  return id;
}
const email = (at, text, extra = []) => [at, ['respond', '$', '--sent', at, '--channel', 'email', '--text', text, ...extra]];
const decide = (at, outcome, by, extra = []) => [at, ['decide', '$', '--outcome', outcome, '--by', by, '--on', at, ...extra]];
const confirm = (at) => [at, ['confirm', '$', '--sent', at, '--channel', 'email']];

kase('2024-01-15', M, ['--channel', 'email', '--category', 'information', '--subject', 'Officer numbers',
  '--text', 'Dear OPCC, how many police officers does Wessex Police employ today, and how many did it employ in March 2021? Regards, Morwenna Trelawney-Price'],
  [decide('2024-01-17', 'provide', 'chief-executive'), email('2024-01-19', 'Wessex Police employed 3,412 full-time equivalent officers on 31 December 2023, and 3,105 on 31 March 2021.')]);

kase('2024-01-22', D, ['--channel', 'email', '--category', 'budget', '--foi', '--subject', 'Overtime spend',
  '--text', 'Under the Freedom of Information Act, please tell me how much Wessex Police spent on police officer overtime in 2022/23 and in 2023/24 to date. Dafydd Ashcombe, dafydd@ashcombe.example'],
  [decide('2024-02-12', 'provide', 'chief-constable'), email('2024-02-14', 'Officer overtime cost £9.8m in 2022/23 and £7.1m from April to December 2023.')]);

kase('2024-01-29T11:20', P, ['--channel', 'phone', '--category', 'information', '--subject', 'Burglary figures, Northtown',
  '--text', 'Caller asked for the number of residential burglaries recorded in Northtown district in each of the last three years. Call back on her mobile.',
  '--public-summary', 'How many residential burglaries were recorded in Northtown district in each of the last three years?'],
  [confirm('2024-01-29'), decide('2024-01-31', 'provide', 'chief-executive'), email('2024-02-01', 'Residential burglaries recorded in Northtown: 2021, 412; 2022, 388; 2023, 351.')]);

kase('2024-02-05', G, ['--channel', 'email', '--category', 'meeting', '--subject', 'Monthly meetings with the Chief Constable',
  '--text', 'I would like to set up a monthly one-to-one with the Chief Constable between now and polling day.'],
  [decide('2024-02-07', 'refuse', 'chief-constable', ['--reason', 'Regular meetings with one candidate would have to be offered to every candidate in the same way (Norfolk protocol 2.1), which would take the Chief Constable away from operational duties.', '--reason', 'Every candidate will be offered the same briefing after nominations close.']),
   email('2024-02-09', 'Thank you for your request. The Chief Constable is not able to hold regular meetings with individual candidates. All candidates will be offered the same briefing after nominations close on 5 April.')]);

kase('2024-02-12T14:00', M, ['--channel', 'in-person', '--category', 'visit', '--subject', 'Visit to the force control room',
  '--text', 'Asked at a community event whether she could visit the force control room to understand call handling.'],
  [confirm('2024-02-12'), decide('2024-02-14', 'provide', 'chief-executive', ['--offer-to-all', '--mitigation', 'Fact-finding only: no photography, no campaign material (Hampshire 3.3).']),
   email('2024-02-16', 'A fact-finding visit to the force control room is offered to every prospective candidate on 1 March 2024, 10:00 to 12:00.', ['--offered-to', M, '--offered-to', D, '--offered-to', P, '--offered-to', G, '--offered-to', R])]);

kase('2024-02-19', D, ['--channel', 'email', '--category', 'media', '--subject', 'Attending a press launch',
  '--text', 'May I attend the launch of the knife crime campaign next week as an observer?'],
  [decide('2024-02-21', 'redirect', 'chief-executive', ['--reason', 'Press launches are run by the communications team, who handle attendance as for any member of the public.']),
   email('2024-02-22', 'Your request has been passed to the communications team, who handle attendance at press events for all members of the public.')]);

kase('2024-02-26', P, ['--channel', 'web-form', '--category', 'imagery', '--subject', 'Police car photograph in a leaflet',
  '--text', 'Can I use a photograph of a Wessex Police car on my campaign leaflet?'],
  [decide('2024-02-27', 'refuse', 'chief-executive', ['--reason', 'Police imagery and livery must not be used in any political material (Norfolk 2.4; Kent 5).']),
   email('2024-02-28', 'Police imagery and livery may not be used in campaign material. This applies to every candidate.')]);

kase('2024-03-04', R, ['--channel', 'email', '--category', 'briefing', '--subject', 'Police and crime plan briefing',
  '--text', 'Could someone brief me on the police and crime plan and its priorities?'],
  [decide('2024-03-05', 'already-published', 'chief-executive'),
   email('2024-03-06', 'The candidate briefing pack, which covers the police and crime plan, is published on the OPCC website under Elections 2024.')]);

kase('2024-03-11', G, ['--channel', 'letter', '--category', 'political', '--subject', 'Invitation to a party event',
  '--text', 'Invitation for the Commissioner to speak at the Wessex Reform Group spring dinner.'],
  [decide('2024-03-12', 'refuse', 'chief-executive', ['--reason', 'The OPCC does not deal with requests that are political in nature (Kent protocol 4).']),
   email('2024-03-13', 'The Office does not deal with invitations to party political events.')]);

kase('2024-03-13', M, ['--channel', 'email', '--category', 'information', '--foi', '--subject', 'PCSO numbers by district',
  '--text', 'Please provide the number of PCSOs in each district.'],
  [decide('2024-03-15', 'clarify', 'chief-executive', ['--reason', 'The request does not say which period it covers.']),
   email('2024-03-15', 'Could you tell us which dates you would like PCSO numbers for?'),
   ['2024-03-20', ['clarification', '$', '--received', '2024-03-20', '--text', 'The numbers on 31 March in each of 2022, 2023 and 2024.']],
   decide('2024-04-02', 'provide', 'chief-constable'),
   email('2024-04-03', 'PCSOs by district on 31 March 2022, 2023 and 2024: Northtown 41, 39, 40; Southmoor 33, 30, 31; Eastcombe 27, 27, 26.')]);

kase('2024-03-18', D, ['--channel', 'email', '--category', 'other', '--subject', 'Copy of the candidates protocol',
  '--text', 'Please send me the protocol for dealing with candidates.'],
  [decide('2024-03-18', 'provide', 'chief-executive'), email('2024-03-19', 'The protocol is attached and published on the OPCC website.')]);

kase('2024-03-25', P, ['--channel', 'email', '--category', 'information', '--foi', '--subject', 'Emergency response times',
  '--text', 'Under FOI: average emergency response times in 2023 by district, and the names of the call handlers on duty on 1 January 2023.'],
  [decide('2024-04-19', 'partial', 'chief-constable', ['--reason', 'Response times are provided; the names of staff are personal data.', '--exemption', 's40(2)']),
   email('2024-04-22', 'Average emergency response times in 2023: Northtown 11m 40s; Southmoor 13m 05s; Eastcombe 14m 20s. Names of staff are withheld under section 40(2).')]);

kase('2024-03-27T09:45', M, ['--channel', 'phone', '--category', 'media', '--subject', 'Filming with response officers',
  '--text', 'Asked to film a campaign video with a response team on patrol.'],
  [confirm('2024-03-27'), decide('2024-03-28', 'refuse', 'chief-executive', ['--reason', 'Once the pre-election period has begun staff and officers must not be filmed or photographed as part of any campaign (Avon and Somerset 10.1; Kent 5).']),
   email('2024-03-28', 'Officers and staff cannot take part in filming for any campaign during the pre-election period.')]);

kase('2024-04-02', D, ['--channel', 'email', '--category', 'budget', '--subject', 'Capital programme',
  '--text', 'What is the capital programme for 2024/25?'],
  [decide('2024-04-03', 'provide', 'chief-executive'), email('2024-04-04', 'The 2024/25 capital programme is £14.2m, of which £6.0m is for fleet and £3.1m for IT.')]);

ev('2024-04-08', ['candidate', 'update', M, '--status', 'declared', '--declared-on', '2024-04-05']);
ev('2024-04-08', ['candidate', 'update', D, '--status', 'declared', '--declared-on', '2024-04-05']);
ev('2024-04-08', ['candidate', 'update', P, '--status', 'declared', '--declared-on', '2024-04-05']);
ev('2024-04-08', ['candidate', 'update', R, '--status', 'withdrawn']);

const declared = ['--offered-to', M, '--offered-to', D, '--offered-to', P];
kase('2024-04-08', P, ['--channel', 'email', '--category', 'visit', '--subject', 'Custody suite tour',
  '--text', 'Could I tour the Northtown custody suite? Contact me at priya.castellane@example.net or @priya4pcc.'],
  [decide('2024-04-09', 'provide', 'chief-executive', ['--offer-to-all', '--mitigation', 'Fact-finding only; no photographs.']),
   email('2024-04-10', 'A tour of the Northtown custody suite is offered to every declared candidate on 12 April 2024.', declared)]);

kase('2024-04-09', M, ['--channel', 'email', '--category', 'meeting', '--subject', 'Question and answer session with the Chief Executive',
  '--text', 'I would like an hour with the Chief Executive to ask about the OPCC budget.'],
  [decide('2024-04-10', 'provide', 'chief-executive', ['--offer-to-all']),
   email('2024-04-11', 'One-hour appointments with the Chief Executive are offered to every declared candidate on 15 April. Questions and answers will be published.', declared)]);

kase('2024-04-10', D, ['--channel', 'social-media', '--category', 'information', '--subject', 'Stop and search figures',
  '--text', 'Asked in a direct message for stop and search figures.'],
  [decide('2024-04-11', 'redirect', 'chief-executive', ['--reason', 'The figures are published monthly on the force website.']),
   email('2024-04-11', 'Stop and search figures are published monthly on the Wessex Police website.')]);

kase('2024-04-11', P, ['--channel', 'email', '--category', 'budget', '--foi', '--subject', 'Cost of the new headquarters',
  '--text', 'Please tell me the tendered prices from each bidder for the new headquarters.'],
  [decide('2024-04-24', 'refuse', 'chief-executive', ['--reason', 'The bidders\' prices are commercially sensitive while the contract is being negotiated.', '--exemption', 's43(2)']),
   email('2024-04-25', 'The tendered prices are withheld under section 43(2) (commercial interests). The approved budget of £38m is published.')]);

kase('2024-04-15', M, ['--channel', 'email', '--category', 'briefing', '--subject', 'Violence against women and girls strategy',
  '--text', 'Can I have a briefing on the violence against women and girls strategy?'],
  [decide('2024-04-16', 'provide', 'chief-executive', ['--offer-to-all']),
   ['2024-04-16', ['notify', '$', '--to', 'returning-officer', '--by', 'chief-executive', '--note', 'briefing date sent to the PARO']],
   email('2024-04-17', 'A briefing note on the strategy has been sent to every declared candidate and is published.', declared)]);

kase('2024-04-16', D, ['--channel', 'letter', '--category', 'information', '--subject', 'Progress of a complaint',
  '--text', 'I wrote in January about a complaint I made about my neighbour. What is happening with it?'],
  [decide('2024-04-17', 'provide', 'chief-executive'),
   email('2024-04-18', 'Update on the complaint.', ['--withhold', "Concerns the requester's own complaint, not the election; publishing it would identify him."])]);

kase('2024-04-17', P, ['--channel', 'email', '--category', 'information', '--foi', '--subject', 'Firearms licences',
  '--text', 'How many firearms certificates are held in Wessex?'],
  [decide('2024-04-18', 'already-published', 'chief-executive', ['--exemption', 's21']),
   email('2024-04-18', 'The figure is published in the annual firearms statistics on the force website (section 21: information reasonably accessible).')]);

kase('2024-04-22T16:30', G, ['--channel', 'phone', '--category', 'information', '--subject', 'Neighbourhood team numbers',
  '--text', 'Caller asked how many officers are in each neighbourhood team. He gave his number as 07700 900555.'],
  [confirm('2024-04-23'), decide('2024-04-24', 'provide', 'chief-executive'), email('2024-04-26', 'Neighbourhood teams have between 8 and 14 officers; the list by ward is attached.')]);

kase('2024-04-29', M, ['--channel', 'email', '--category', 'information', '--subject', 'Road safety camera income',
  '--text', 'How much income did road safety cameras bring in last year?'], []);

// init wrote publication.review: required, so nothing is published until a person approves its
// public text (issue 11). The monitoring officer read every case with `evenhand review` and approved
// them; `approve --all` records the same without a terminal.
ev('2024-04-29', ['approve', '--all'], 'Avery Quinn (monitoring officer)');

console.log(`sample register written to ${dir}: ${n} cases`);
