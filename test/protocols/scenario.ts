// A register created from a protocol preset and walked through the CLI, as that body would
// (issue 12 "Done when"). One register per test file, a fixed clock per step.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'vitest';
import { run, setup, tempDir, type RunResult } from '../helpers.js';

/** CLI scenarios spawn dozens of node and git processes: generous on a loaded machine, never a measure of speed. */
export const SCENARIO_TIMEOUT = 300_000;

export interface Finding {
  code: string;
  severity: 'error' | 'warning';
  case: string | null;
  message: string;
}

export async function scenario(protocol: string, initNow: string) {
  const dir = await tempDir();
  const reg = join(dir, 'register');
  const init = await run(['init', reg, '--protocol', protocol, '--review', 'off'], { cwd: dir, env: { EVENHAND_NOW: initNow } });
  expect(init.stderr).toBe('');
  expect(init.code).toBe(0);

  /** Run a command at a moment (YYYY-MM-DD, 17:00 UK-ish); expect success and return the printed id. */
  // A scenario records what the protocol forbids to see check catch it; the write-time check
  // (docs/decisions/0022) refuses such writes unless recorded as a knowing departure, and check
  // keeps reporting them, so every entry the scenario writes is recorded as one.
  // These entries are the scene check and build are judged on: written through the setup runner
  // (the built CLI, no node start each); a step whose output is under test uses `cli`.
  const ev = async (at: string, args: string[]): Promise<string> => {
    const depart = ['request', 'decide', 'respond'].includes(args[0]) ? ['--depart-from-protocol', 'scenario: recorded to see check catch it'] : [];
    const r = await setup(['-r', reg, ...args, ...depart, '--json'], { cwd: dir, env: { EVENHAND_NOW: `${at}T16:00:00Z` } });
    expect(r.code, `${args.join(' ')}\n${r.stderr}`).toBe(0);
    return JSON.parse(r.stdout).id as string;
  };
  const cli = (at: string, args: string[]): Promise<RunResult> => run(['-r', reg, ...args], { cwd: dir, env: { EVENHAND_NOW: `${at}T16:00:00Z` } });
  const candidate = (at: string, name: string, extra: string[] = []) => ev(at, ['candidate', 'add', '--name', name, ...extra]);
  /** A request, then each step: [day, command, ...args] with the case id put after the command. */
  const kase = async (at: string, requester: string, req: string[], steps: [string, string, ...string[]][] = []): Promise<string> => {
    const id = await ev(at, ['request', '--candidate', requester, '--received', at, '--subject', 'A request', '--text', 'Please could you help?', ...req]);
    for (const [day, cmd, ...args] of steps) await ev(day, [cmd, id, ...args]);
    return id;
  };
  const check = async (asOf: string) => {
    const r = await cli(asOf, ['check', '--as-of', asOf, '--json']);
    const findings = JSON.parse(r.stdout).findings as Finding[];
    /**
     * The codes found for a case, sorted and without repeats. A case a scenario leaves unanswered on
     * purpose (to keep the walk short) passes open: its response-overdue warning is not the point.
     */
    const codes = (caseId: string, open = false) =>
      [...new Set(findings.filter((f) => f.case === caseId && !(open && f.code === 'response-overdue')).map((f) => f.code))].sort();
    return { code: r.code, findings, codes };
  };
  const build = async (at: string) => {
    const out = join(dir, 'site');
    const r = await cli(at, ['build', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    return { out, read: (file: string) => readFile(join(out, file), 'utf8') };
  };
  return { dir, reg, ev, cli, candidate, kase, check, build };
}
