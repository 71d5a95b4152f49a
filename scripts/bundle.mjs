// Bundles the compiled CLI (dist/cli) into dist/bin: two entry files and shared chunks,
// so a run starts by reading a few files instead of resolving some 250 modules.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

const outdir = new URL('../dist/bin/', import.meta.url).pathname;
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: {
    'mixrouter-eval': 'dist/cli/main.js',
    'report-worker': 'dist/cli/report-worker.js',
  },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Chunks stay beside the entries: modules find siblings (the report worker) by their own URL.
  chunkNames: '[name]-[hash]',
  // Bundled CommonJS dependencies (undici) call require() for Node's built-in modules.
  banner: { js: "import { createRequire as __mreCreateRequire } from 'node:module';\nconst require = __mreCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});
