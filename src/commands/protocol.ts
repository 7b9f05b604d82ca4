import type { Env } from '../env.js';
import { parsePreset, settingComments, validatePreset } from '../domain/presets.js';
import { presetNames, readPresetText } from '../store/presets.js';

interface ProtocolOptions {
  json?: boolean;
}

/** `protocol list`: the presets `init --protocol` accepts. */
export async function runProtocolList(env: Env, _opts: ProtocolOptions): Promise<number> {
  const rows = [];
  for (const name of await presetNames()) {
    const { config } = validatePreset(parsePreset(await readPresetText(name)));
    rows.push({ name, title: config?.protocol?.title ?? name, body: config?.body ?? null, poll_date: config?.election.poll_date ?? null, source: config?.protocol?.source ?? null });
  }
  if (env.json) env.stdout.write(`${JSON.stringify({ protocols: rows }, null, 2)}\n`);
  else {
    const width = Math.max(...rows.map((r) => r.name.length));
    for (const r of rows) env.stdout.write(`${r.name.padEnd(width)}  ${r.title} (poll ${r.poll_date})\n`);
    env.stdout.write('\nevenhand protocol show <name> prints its settings with the section each comes from;\nevenhand init <dir> --protocol <name> starts a register from it.\n');
  }
  return 0;
}

/** `protocol show <name>`: the preset as register.yaml would hold it, each setting with its section. */
export async function runProtocolShow(env: Env, opts: ProtocolOptions, name: string): Promise<number> {
  const text = await readPresetText(name);
  if (!env.json) {
    env.stdout.write(text);
    return 0;
  }
  const doc = parsePreset(text);
  const { config } = validatePreset(doc);
  env.stdout.write(`${JSON.stringify({ name, config, sections: Object.fromEntries(settingComments(doc).map((s) => [s.path, s.comment])) }, null, 2)}\n`);
  void opts;
  return 0;
}
