// Which command a command line runs, read before any of the CLI is loaded: bin/evenhand.js starts a
// command through the code cache (src/cli/code-cache.ts) and `--help` without it. No imports: it is
// loaded on every start.

/** The command word of an evenhand command line (after -r <dir> and other global options), if it is one worth a cache. */
export function commandWord(args: string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-r' || a === '--register') i++;
    else if (a === '--') return undefined;
    else if (!a.startsWith('-')) return /^[a-z][a-z-]{0,30}$/.test(a) && a !== 'help' ? a : undefined;
  }
  return undefined;
}
