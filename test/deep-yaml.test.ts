// Deeply nested YAML (issue 10, "Bounds"; docs/decisions/0037): the `yaml` library's reading
// recursed until the stack ran out, and when V8 had to compile a regular expression at that moment
// the process died ("RegExpCompiler Allocation failed - process out of memory", exit 134), not a
// finding. Three texts read one after another in a fresh process did it every time. Now such a
// text is refused before it is read: in an entry file, in a past version of a candidate's file
// (read from history by every check), in a correction's --set value.
import { execFileSync, spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gitIn, makeRegister, ROOT, run } from './helpers.js';

describe('deeply nested YAML', () => {
  it('is a finding in a fresh process that reads three of them, never a crash', () => {
    const script = `
      const { parseYaml } = await import(${JSON.stringify(join(ROOT, 'dist', 'domain', 'parse.js'))});
      const { DecisionEntry } = await import(${JSON.stringify(join(ROOT, 'dist', 'domain', 'schemas.js'))});
      for (const n of [1000, 20000, 50000]) {
        const r = parseYaml('d.yaml', 'reasons: ' + '['.repeat(n) + ']'.repeat(n) + '\\n', DecisionEntry);
        console.log(n, r.findings[0].message);
      }`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(r.stderr).not.toContain('FATAL');
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split('\n')).toEqual([1000, 20000, 50000].map((n) => `${n} nested more than 100 deep, too deeply to read`));
  });

  it('in a past version of a candidate file: check reads the history and names the nesting in the file as it stands', async () => {
    const { dir, reg, alex } = await makeRegister();
    const file = join(reg, 'candidates', `${alex}.yaml`);
    const good = execFileSync('git', ['show', `HEAD:candidates/${alex}.yaml`], { cwd: reg, encoding: 'utf8' });
    // A version with a hostile value, committed and then put right: it stays in the history.
    await writeFile(file, `${good}aliases: ${'['.repeat(30000)}${']'.repeat(30000)}\n`);
    await gitIn(reg, ['commit', '-q', '-am', 'hostile aliases']);
    const now = await run(['-r', reg, 'check', '--json'], { cwd: dir });
    expect(now.stderr).not.toContain('FATAL');
    expect(now.code).toBe(1);
    expect(JSON.parse(now.stdout).findings.some((f: { file: string | null; message: string }) => f.file === `candidates/${alex}.yaml` && f.message.includes('nested more than 100 deep'))).toBe(true);
    await writeFile(file, good);
    await gitIn(reg, ['commit', '-q', '-am', 'put right']);
    const after = await run(['-r', reg, 'check', '--json'], { cwd: dir });
    expect(after.stderr).not.toContain('FATAL');
    expect(after.code).toBe(0);
  });
});
