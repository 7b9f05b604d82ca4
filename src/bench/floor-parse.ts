// The floor for `check` and `build`: one node process that reads and YAML-parses every entry
// file of a register and does nothing else.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const dir = process.argv[2];
let files = 0;
for (const sub of ['candidates']) for (const f of readdirSync(join(dir, sub))) (parse(readFileSync(join(dir, sub, f), 'utf8')), files++);
for (const c of readdirSync(join(dir, 'cases')))
  for (const f of readdirSync(join(dir, 'cases', c))) if (f.endsWith('.yaml')) (parse(readFileSync(join(dir, 'cases', c, f), 'utf8')), files++);
parse(readFileSync(join(dir, 'register.yaml'), 'utf8'));
process.stdout.write(`${files}\n`);
