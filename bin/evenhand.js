#!/usr/bin/env node
// A reader that closes the pipe early (`evenhand list | head`) is not an error.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});
// The bundle (scripts/bundle.mjs) starts faster; dist/cli.js is the plain compiler output.
let cli;
try {
  cli = await import('../dist/bundle/cli.js');
} catch (err) {
  if (err?.code !== 'ERR_MODULE_NOT_FOUND' || !String(err.message).includes('dist/bundle/cli.js')) throw err;
  cli = await import('../dist/cli.js');
}
await cli.main(process.argv);
