// The disclosure log evenhand built: EVENHAND_LOG=<site>/disclosure-log.json.
import { readFileSync } from 'node:fs';

export default function () {
  const file = process.env.EVENHAND_LOG;
  if (!file) throw new Error('set EVENHAND_LOG to the disclosure-log.json of an evenhand build');
  return JSON.parse(readFileSync(file, 'utf8'));
}
