// The `config` command's definition: its options and help. What it does is in src/commands/config.ts,
// loaded only when the command runs (docs/decisions/0020-lazy-commands-static-imports.md).
import { type Command } from 'commander';
import { lazy } from './lazy.js';

export function registerConfig(program: Command): void {
  const config = program
    .command('config')
    .description('read and change the settings in register.yaml, each change one commit (comments in the file are kept)');
  config
    .command('get')
    .description('print one setting')
    .argument('<key>', 'a dotted key as register.yaml nests it, e.g. spoc.email, election.poll_date, deciders')
    .option('--json', 'print {"key": ..., "value": ...}')
    .action(lazy(() => import('../commands/config.js'), 'runConfigGet'));
  config
    .command('list')
    .description('print every setting and its value')
    .option('--json', 'print {"settings": [...]}')
    .action(lazy(() => import('../commands/config.js'), 'runConfigList'));
  config
    .command('set')
    .description('change one setting, checked against the register.yaml schema, and commit it')
    .argument('<key>', 'a dotted key, e.g. spoc.email, deciders, response_target_days, policy.undeclared')
    .argument('<value>', 'the new value; a list as "a, b"; a date as 02/05/2024 or 2024-05-02')
    .option('--json', 'print {"key": ..., "before": ..., "value": ...}')
    .addHelpText(
      'after',
      `
Examples:
  evenhand config set spoc.email candidates@wessex-opcc.example
  evenhand config set deciders "chief-executive, monitoring-officer"
  evenhand config set response_target_days 15
  evenhand config set policy.pre_election_period_start 25/03/2024

Each change is one commit (trailer Evenhand-Entry: config-set) that audit reads as a settings change.`,
    )
    .action(lazy(() => import('../commands/config.js'), 'runConfigSet'));
  config
    .command('unset')
    .description('remove an optional setting (its default applies again) and commit it')
    .argument('<key>', 'a dotted key, e.g. spoc.phone')
    .option('--json', 'print {"key": ..., "before": ..., "value": null}')
    .action(lazy(() => import('../commands/config.js'), 'runConfigUnset'));
}
