#!/usr/bin/env node
// A reader that closes the pipe early (`evenhand list | head`) is not an error.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// A command runs the CommonJS bundle with a V8 code cache (src/cli/code-cache.ts); `--help`, a bare
// `evenhand` and EVENHAND_CODE_CACHE=0 run the ES module bundle (scripts/bundle.mjs), which starts
// faster without one; dist/cli.js is the plain compiler output.
const cjs = fileURLToPath(new URL('../dist/bundle-cjs/cli.cjs', import.meta.url));
const command = process.env.EVENHAND_CODE_CACHE !== '0' && existsSync(cjs) ? (await import('../dist/cli/command-word.js')).commandWord(process.argv.slice(2)) : undefined;
const cache = command ? await import('../dist/cli/code-cache.js') : undefined;
if (cache) {
  const loaded = cache.loadWithCodeCache(cjs, fileURLToPath(new URL('../dist/bundle-cjs/cache/', import.meta.url)), command);
  await loaded.exports.main(process.argv);
  loaded.save();
} else {
  let cli;
  try {
    cli = await import('../dist/bundle/cli.js');
  } catch (err) {
    if (err?.code !== 'ERR_MODULE_NOT_FOUND' || !String(err.message).includes('dist/bundle/cli.js')) throw err;
    cli = await import('../dist/cli.js');
  }
  await cli.main(process.argv);
}
