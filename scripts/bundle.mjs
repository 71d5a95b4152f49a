// Bundles the compiled CLI (dist/cli) into dist/bin, so a run starts by reading a few files
// instead of resolving some 250 modules: the CLI with its commands in lazily loaded chunks,
// and the report worker (started with every eval) as one self-contained file.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

const outdir = new URL('../dist/bin/', import.meta.url).pathname;
rmSync(outdir, { recursive: true, force: true });
const common = {
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Bundled CommonJS dependencies (undici) call require() for Node's built-in modules.
  banner: {
    js: "import { createRequire as __mreCreateRequire } from 'node:module';\nconst require = __mreCreateRequire(import.meta.url);",
  },
  logLevel: 'warning',
};
await build({
  ...common,
  entryPoints: { 'mixrouter-eval': 'dist/cli/main.js' },
  outdir,
  splitting: true,
  // Chunks stay beside the entry: modules find siblings (the report worker) by their own URL.
  chunkNames: '[name]-[hash]',
});
await build({ ...common, entryPoints: { 'report-worker': 'dist/outputs/report-worker.js' }, outdir });
