import { rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { renderTable } from '../report/text-table.js';
import { cli, here, quick, type ScenarioRow, seconds, work } from './harness.js';
import { runNode, writePromptCsv } from './measure.js';
import { overheadScenarios } from './overhead-scenarios.js';
import { rateScenarios } from './rate-scenarios.js';

/**
 * `npm run bench`: the runner against the simulated gateway beside a bare client
 * sending the same requests (on undici and on node:http; the faster is the
 * reference), on the scenarios of docs/BENCHMARKS.md. Prints a table and records it
 * with the machine's facts there. `--quick` runs one round and scenario (c) at
 * 250,000 rows (still above the 200,000 rows past which the summary keeps running
 * totals only, as at a million).
 */
const small = join(work, 'prompts-1000.csv');
await writePromptCsv(small, 1000);
const rows: ScenarioRow[] = [];
rows.push(...(await overheadScenarios(small)));
rows.push(...(await rateScenarios(small)));

// (g) cold start of --version.
const starts: number[] = [];
for (let index = 0; index < 11; index += 1) starts.push((await runNode(cli, ['--version'])).wallMs);
const coldStart = starts.sort((left, right) => left - right)[5];
rows.push({
  scenario: '(g) cold start of --version',
  measured: `median of 11: ${seconds(coldStart)}`,
  target: '≤ 0.3 s',
  pass: coldStart <= 300,
});

rmSync(work, { recursive: true, force: true });
const table = renderTable({
  header: ['scenario', 'measured', 'target', 'result'],
  rows: rows.map((row) => [row.scenario, row.measured, row.target, row.pass ? 'PASS' : 'FAIL']),
  leftColumns: 3,
});
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${process.platform}`;
process.stdout.write(`${table}\n\nMachine: ${machine}\n`);
const document = [
  '# Benchmarks',
  '',
  'Written by `npm run bench` (the last run is below); re-measure with `npm run bench`',
  '(`npm run bench -- --quick`: one round, and (c) at 250,000 rows).',
  '',
  '## How it measures',
  '',
  '- **The runner** is the bundled CLI (`dist/bin/mixrouter-eval.js`, with the Node flags of its shebang), run',
  '  as a user runs it: `eval --models bench-a,bench-b,bench-c --dataset … --no-cache`.',
  '- **The gateway** is the simulator. For (a) to (d) it runs in its own process, so its CPU is not counted',
  '  against the client; for (e) and (f) it runs inside the benchmark process, whose ledger then tells when',
  '  each request arrived and what it was answered.',
  '- **The reference** is a bare client sending the same requests with the same concurrency and one',
  '  keep-alive pool and nothing else (it retries a 429 after its `Retry-After`), measured in the same run',
  '  on undici and on node:http; the faster of the two is the one compared against, and is named.',
  '- **Wall** is spawn to exit of each process (start-up, dataset scan, scoring, results.csv and the reports',
  "  included for the runner); **CPU** is the user + system time of the whole process tree (the runner's",
  '  report process included), from GNU time. (b) judges the CPU over 3000 requests; the cost each further',
  '  request adds (3000 to 15000 requests) is shown beside it.',
  '- Timings on a shared 2-core machine drift by several percent, so (a), (a2), (b) and (d) run 3 rounds, the',
  '  runner and the bare clients interleaved, and compare medians.',
  '- **Goodput** in (e) and (f) is the answers the gateway accepted over what its limit allowed: the burst',
  '  plus 6000 a minute per model, from the first request of each model to its last answer (for (f), from',
  '  10 s after the first request, when the share of 429s is counted too).',
  '',
  "Where the runner's time goes, and why a row fails its target: [performance.md](performance.md).",
  '',
  `Last run: ${new Date().toISOString()}${quick ? ' (quick)' : ''}`,
  '',
  `Machine: ${machine}`,
  '',
  '```',
  table,
  '```',
  '',
].join('\n');
writeFileSync(here('../../docs/BENCHMARKS.md'), document);
