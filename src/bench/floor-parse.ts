// The floor for `check` and `build`: one node process that reads and YAML-parses every entry
// file of a register and does nothing else.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const dir = process.argv[2];
let files = 0;
for (const sub of ['candidates']) for (const f of readdirSync(join(dir, sub))) (parse(readFileSync(join(dir, sub, f), 'utf8')), files++);
// Every .yaml file under cases/, whatever the folder layout (month folders, or flat).
const walk = (path: string): void => {
  for (const d of readdirSync(path, { withFileTypes: true }))
    if (d.isDirectory()) walk(join(path, d.name));
    else if (d.name.endsWith('.yaml')) (parse(readFileSync(join(path, d.name), 'utf8')), files++);
};
walk(join(dir, 'cases'));
parse(readFileSync(join(dir, 'register.yaml'), 'utf8'));
process.stdout.write(`${files}\n`);
