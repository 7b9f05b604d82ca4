import { it } from 'vitest';
import { makeRegister, run, setup } from './helpers.js';
const args = (reg: string, c: string, i: number) => ['-r', reg, 'request', '--json', '--candidate', c, '--received', '2024-04-08', '--channel', 'email', '--category', 'information', '--subject', `Q ${i}`, '--text', `T ${i}`];
it('paired', async () => {
  const { reg, alex } = await makeRegister();
  await setup(['--help']);
  const a: number[] = [], b: number[] = [];
  for (let i = 0; i < 8; i++) {
    let t = performance.now(); const r1 = await run(args(reg, alex, i)); a.push(performance.now() - t);
    t = performance.now(); const r2 = await setup(args(reg, alex, 100 + i)); b.push(performance.now() - t);
    if (r1.code || r2.code) throw new Error(r1.stderr + r2.stderr);
  }
  const med = (x: number[]) => [...x].sort((p, q) => p - q)[x.length >> 1];
  console.log('run', med(a).toFixed(0), 'setup', med(b).toFixed(0), 'ratio', (med(b) / med(a)).toFixed(2), a.map(Math.round), b.map(Math.round));
});
