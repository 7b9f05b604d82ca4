// The `protocol` command's definition: its options and help. What it does is in src/commands/protocol.ts,
// loaded only when the command runs (docs/decisions/0020-lazy-commands-static-imports.md).
import { type Command } from 'commander';
import { lazy } from './lazy.js';

export function registerProtocol(program: Command): void {
  const protocol = program.command('protocol').description('the protocol presets `init --protocol` starts a register from (presets/*.yaml)');
  protocol.command('list').description('list the protocol presets').option('--json', 'print {"protocols": [...]}').action(lazy(() => import('../commands/protocol.js'), 'runProtocolList'));
  protocol
    .command('show')
    .description("print a preset's settings, each with the section of the protocol it comes from")
    .argument('<name>', 'a preset, e.g. hampshire-2021')
    .option('--json', 'print {"config": ..., "sections": {...}}')
    .action(lazy(() => import('../commands/protocol.js'), 'runProtocolShow'));
}
