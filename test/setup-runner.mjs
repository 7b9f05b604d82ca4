// One long-lived node process that runs evenhand commands for test SETUP (test/helpers.ts `setup`):
// the built CLI's own main() from dist/, one command at a time, each with its own working folder,
// environment (testEnv) and captured output. It saves a node start and a bundle load per command;
// a command whose behaviour is under test still goes through `run` (a fresh process, as a user
// would start it). Commands arrive and results leave over the IPC channel, so stdin stays closed.
const cli = await import('../dist/bundle/cli.js').catch(() => import('../dist/cli.js'));

const realOut = process.stdout.write;
const realErr = process.stderr.write;

async function runOne({ args, cwd, env }) {
  let stdout = '';
  let stderr = '';
  for (const k of Object.keys(process.env)) delete process.env[k];
  Object.assign(process.env, env);
  process.chdir(cwd);
  process.exitCode = undefined;
  process.stdout.write = (chunk, ...rest) => {
    stdout += chunk;
    const cb = rest.find((r) => typeof r === 'function');
    if (cb) cb();
    return true;
  };
  process.stderr.write = (chunk, ...rest) => {
    stderr += chunk;
    const cb = rest.find((r) => typeof r === 'function');
    if (cb) cb();
    return true;
  };
  try {
    await cli.main(['node', 'evenhand', ...args]);
  } catch (err) {
    stderr += `setup-runner: ${err?.stack ?? err}\n`;
    process.exitCode = 3;
  } finally {
    process.stdout.write = realOut;
    process.stderr.write = realErr;
  }
  const code = typeof process.exitCode === 'number' ? process.exitCode : Number(process.exitCode ?? 0);
  process.exitCode = undefined;
  return { code, stdout, stderr };
}

// Serial: the process has one cwd and one environment.
let queue = Promise.resolve();
process.on('message', (msg) => {
  queue = queue.then(async () => process.send({ id: msg.id, ...(await runOne(msg)) }));
});
process.on('disconnect', () => process.exit(0));
