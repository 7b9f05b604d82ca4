// Bundles the compiled CLI (dist/cli.js and everything it imports, lazily loaded commands
// included) into dist/bundle/, one chunk per lazily loaded part. Loading one file instead of the
// hundreds that zod, yaml and commander are made of halves the start-up of a write command
// (docs/decisions/0007-bundle-the-cli.md).
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// zod's classic API re-exports all of its ~60 translated error-message locales (360 kB of the
// bundle, parsed on every start); evenhand only ever uses English, which zod configures itself.
const englishOnlyZod = {
  name: 'english-only-zod',
  setup(b) {
    b.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, () => ({
      contents: 'export { default as en } from "./en.js";',
      resolveDir: join(root, 'node_modules', 'zod', 'v4', 'locales'),
    }));
  },
};

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist', 'bundle');
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: [join(root, 'dist', 'cli.js')],
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Browser tooling is for tests only; never part of the CLI.
  external: ['playwright-core', 'axe-core'],
  // Some dependencies are CommonJS and call require(); give ESM chunks a require.
  banner: { js: "import { createRequire as __evenhandRequire } from 'node:module'; const require = __evenhandRequire(import.meta.url);" },
  plugins: [englishOnlyZod],
  logLevel: 'warning',
});
