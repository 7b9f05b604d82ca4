import type { Command } from 'commander';
import { action } from './action.js';
import type { Env } from '../env.js';

interface ProtocolOptions {
  json?: boolean;
}

/** `protocol list`: the presets `init --protocol` accepts. */
export async function runProtocolList(env: Env, _opts: ProtocolOptions): Promise<number> {
  const { presetNames, readPresetText } = await import('../store/presets.js');
  const { parsePreset, validatePreset } = await import('../domain/presets.js');
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
  const { readPresetText } = await import('../store/presets.js');
  const { parsePreset, validatePreset, settingComments } = await import('../domain/presets.js');
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

export function registerProtocol(program: Command): void {
  const protocol = program.command('protocol').description('the protocol presets `init --protocol` starts a register from (presets/*.yaml)');
  protocol.command('list').description('list the protocol presets').option('--json', 'print {"protocols": [...]}').action(action(runProtocolList));
  protocol
    .command('show')
    .description("print a preset's settings, each with the section of the protocol it comes from")
    .argument('<name>', 'a preset, e.g. hampshire-2021')
    .option('--json', 'print {"config": ..., "sections": {...}}')
    .action(action(runProtocolShow));
}
