// A register of 100,000 cases has 200,000 case pages and can have as many findings: appending them
// must not pass each as an argument (V8's stack holds about 120,000), which crashed `build` at
// 100,000 cases when it listed the site it had written.
import { describe, expect, it } from 'vitest';
import { checkRegister } from './checks.js';
import type { Finding } from './findings.js';
import { pushAll } from './push-all.js';
import type { Register } from './register-model.js';
import { RegisterConfig } from './schemas.js';

const MANY = 300_000;

describe('appending many items', () => {
  it('pushAll appends 300,000 items where push(...items) runs out of stack', () => {
    const items = Array.from({ length: MANY }, (_, i) => i);
    expect(() => [].push(...(items as never[]))).toThrow(RangeError);
    const out = pushAll([-1], items);
    expect(out).toHaveLength(MANY + 1);
    expect(out[MANY]).toBe(MANY - 1);
  });

  it('checkRegister takes 300,000 findings from one rule', () => {
    const register: Register = {
      config: RegisterConfig.parse({ body: 'B', election: { name: 'E', poll_date: '2024-05-02' }, spoc: { name: 'SPOC' } }),
      configFile: 'register.yaml',
      candidates: new Map(),
      cases: new Map(),
      findings: [],
    };
    const many: Finding[] = Array.from({ length: MANY }, (_, i) => ({ code: 'test', severity: 'warning', message: `finding ${i}` }));
    const findings = checkRegister(register, { asOf: '2024-04-30', extraRules: [() => many] });
    expect(findings.filter((f) => f.code === 'test')).toHaveLength(MANY);
  });
});
