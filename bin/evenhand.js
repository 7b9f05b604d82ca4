#!/usr/bin/env node
// A reader that closes the pipe early (`evenhand list | head`) is not an error.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});
const { main } = await import('../dist/cli.js');
await main(process.argv);
