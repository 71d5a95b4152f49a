#!/usr/bin/env -S node --max-semi-space-size=8 --max-old-space-size=256
// A run keeps little live data but makes a lot of short-lived request garbage, which V8
// on a large machine lets grow the heap by hundreds of MB; these bounds keep a million-row
// run near 135 MB (a 4 MB young generation saves a few MB more but costs a third more CPU
// per request in garbage collection). Reports, which hold every row, are written by a
// separate process.
import { readFileSync } from 'node:fs';

const argv = process.argv.slice(2);
// Fast path: `--version` must not pay for loading yargs, undici and the rest.
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  process.stdout.write(`${pkg.version}\n`);
} else {
  const { runCli } = await import('./program.js');
  const { realHandlers } = await import('./handlers.js');
  const { toolVersion } = await import('../version.js');
  process.exitCode = await runCli({
    argv,
    handlers: realHandlers,
    io: { stdout: process.stdout, stderr: process.stderr },
    version: toolVersion(),
  });
}
