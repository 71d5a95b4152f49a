import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunManifest } from '../results/manifest.js';
import { renderTable } from '../report/text-table.js';
import { runNode, startSimulatorProcess, writePromptCsv } from './measure.js';

/**
 * `npm run bench`: the runner against the simulator (in its own process),
 * beside a bare undici client sending the same requests, on five scenarios.
 * Prints a table and records it with the machine's facts in docs/BENCHMARKS.md.
 * `--quick` shrinks scenario (c) to 100,000 rows.
 */
const here = (relative: string): string => fileURLToPath(new URL(relative, import.meta.url));
// The bundled CLI, as the package's bin runs it.
const cli = here('../bin/mixrouter-eval.js');
const simulatorScript = here('./simulator-process.js');
const bareScript = here('./bare-client.js');
const quick = process.argv.includes('--quick');
const work = mkdtempSync(join(tmpdir(), 'mixrouter-bench-'));
const MODELS = ['bench-a', 'bench-b', 'bench-c'];
const CONCURRENCY = 64;

function profiles(latencyMs: number): Record<string, object> {
  return Object.fromEntries(MODELS.map((model) => [model, { vendor: 'openai', ttftMs: latencyMs, tokensPerSecond: 0 }]));
}

interface RunnerMeasure {
  wallMs: number;
  cpuMs: number;
  peakRssMb: number;
  ok: number;
  errors: number;
}

async function measureRunner(options: { baseUrl: string; apiKey: string; dataset: string; models: string[]; name: string }): Promise<RunnerMeasure> {
  const out = join(work, options.name);
  const finished = await runNode(
    cli,
    ['eval', '--base-url', options.baseUrl, '--models', options.models.join(','), '--dataset', options.dataset, '--concurrency', String(CONCURRENCY), '--no-cache', '--retries', '8', '--out', out],
    // The same flags the installed binary's shebang passes.
    { env: { ...process.env, MIXROUTER_API_KEY: options.apiKey }, nodeFlags: ['--max-semi-space-size=4', '--max-old-space-size=256'] },
  );
  if (finished.code !== 0) throw new Error(`runner exited ${String(finished.code)}: ${finished.stderr.slice(-2000)}`);
  const manifest = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as RunManifest;
  rmSync(out, { recursive: true, force: true });
  // The runner's CPU includes the report process it waits for, when the OS can tell us.
  return { wallMs: finished.wallMs, cpuMs: finished.treeCpuMs ?? manifest.cpu_ms ?? NaN, peakRssMb: manifest.peak_rss_mb ?? NaN, ok: manifest.counts.ok, errors: manifest.counts.errors };
}

async function measureBare(options: { baseUrl: string; apiKey: string; dataset: string }): Promise<{ wallMs: number; cpuMs: number; requests: number }> {
  const finished = await runNode(bareScript, [JSON.stringify({ ...options, models: MODELS, concurrency: CONCURRENCY })]);
  if (finished.code !== 0) throw new Error(`bare client exited ${String(finished.code)}: ${finished.stderr}`);
  const inside = JSON.parse(finished.stdout.trim()) as { cpuMs: number; requests: number };
  return { wallMs: finished.wallMs, cpuMs: inside.cpuMs, requests: inside.requests };
}

async function withSimulator<T>(options: object, body: (gateway: { baseUrl: string; apiKey: string }) => Promise<T>): Promise<T> {
  const simulator = await startSimulatorProcess(simulatorScript, options);
  try {
    return await body(simulator);
  } finally {
    await simulator.stop();
  }
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const verdict = (pass: boolean): string => (pass ? 'PASS' : 'FAIL');

const small = join(work, 'prompts-1000.csv');
await writePromptCsv(small, 1000);
const rows: string[][] = [];

// (a) 1000 prompts x 3 models, 50 ms, concurrency 64.
const ideal = (1000 * MODELS.length * 50) / CONCURRENCY;
const a = await withSimulator({ latencyScale: 1, profiles: profiles(50) }, async (gateway) => ({
  bare: await measureBare({ ...gateway, dataset: small }),
  ours: await measureRunner({ ...gateway, dataset: small, models: MODELS, name: 'a' }),
}));
rows.push(['(a) 1000 x 3, 50 ms, c=64', `runner ${seconds(a.ours.wallMs)}, bare ${seconds(a.bare.wallMs)}, ideal N·L/C ${seconds(ideal)}`, `≤ 1.2 × bare (${(a.ours.wallMs / a.bare.wallMs).toFixed(2)}×)`, verdict(a.ours.wallMs <= 1.2 * a.bare.wallMs && a.ours.ok === 3000)]);

// (b) the same at 0 ms: CPU per request. Measured at two sizes, so the fixed cost of a
// process (start-up; for the runner also the dataset scan, scoring, results.csv and the
// reports) is told apart from the cost each further request adds.
const double = join(work, 'prompts-2000.csv');
await writePromptCsv(double, 2000);
const b = await withSimulator({ latencyScale: 0, profiles: profiles(0) }, async (gateway) => ({
  bare: await measureBare({ ...gateway, dataset: small }),
  bare2: await measureBare({ ...gateway, dataset: double }),
  ours: await measureRunner({ ...gateway, dataset: small, models: MODELS, name: 'b' }),
  ours2: await measureRunner({ ...gateway, dataset: double, models: MODELS, name: 'b2' }),
}));
const oursMarginal = (b.ours2.cpuMs - b.ours.cpuMs) / 3000;
const bareMarginal = (b.bare2.cpuMs - b.bare.cpuMs) / 3000;
rows.push([
  '(b) 0 ms: CPU per request',
  `per added request: runner ${oursMarginal.toFixed(3)} ms, bare ${bareMarginal.toFixed(3)} ms; whole process at 3000: runner ${(b.ours.cpuMs / 3000).toFixed(3)} ms, bare ${(b.bare.cpuMs / 3000).toFixed(3)} ms`,
  `≤ 2 × bare per request (${(oursMarginal / bareMarginal).toFixed(2)}×)`,
  verdict(oursMarginal <= 2 * bareMarginal),
]);

// (c) a generated 1,000,000-row CSV x 1 model at 0 ms: flat memory, completes.
const millionRows = quick ? 100_000 : 1_000_000;
const big = join(work, `prompts-${millionRows}.csv`);
await writePromptCsv(big, millionRows);
const c = await withSimulator({ latencyScale: 0, profiles: profiles(0) }, (gateway) => measureRunner({ ...gateway, dataset: big, models: ['bench-a'], name: 'c' }));
rows.push([`(c) ${millionRows.toLocaleString('en-US')} rows x 1, 0 ms`, `peak RSS ${c.peakRssMb} MB, ${seconds(c.wallMs)}, ${Math.round(millionRows / (c.wallMs / 1000))} req/s, ${c.ok} ok`, '≤ 150 MB, completes', verdict(c.peakRssMb <= 150 && c.ok === millionRows)]);

// (d) scenario (a) with 5% 429 (no Retry-After, as the gateway's own limiter sends).
const d = await withSimulator({ latencyScale: 1, profiles: profiles(50), faults: { rateLimit: 0.05 }, seed: 11 }, (gateway) =>
  measureRunner({ ...gateway, dataset: small, models: MODELS, name: 'd' }),
);
rows.push(['(d) (a) with 5% 429', `runner ${seconds(d.wallMs)}, ${d.ok} ok, ${d.errors} errors`, `≤ 1.3 × (a) (${(d.wallMs / a.ours.wallMs).toFixed(2)}×), all rows`, verdict(d.wallMs <= 1.3 * a.ours.wallMs && d.ok === 3000)]);

// (e) cold start of --version.
const starts: number[] = [];
for (let index = 0; index < 11; index += 1) starts.push((await runNode(cli, ['--version'])).wallMs);
starts.sort((left, right) => left - right);
const median = starts[Math.floor(starts.length / 2)];
rows.push(['(e) cold start of --version', `median of 11: ${seconds(median)}`, '≤ 0.3 s', verdict(median <= 300)]);

rmSync(work, { recursive: true, force: true });
const table = renderTable({ header: ['scenario', 'measured', 'target', 'result'], rows, leftColumns: 3 });
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${process.platform}`;
process.stdout.write(`${table}\n\nMachine: ${machine}\n`);
const document = [
  '# Benchmarks',
  '',
  'Written by `npm run bench` (the last run is below). The runner drives the simulated gateway, which runs in',
  'its own process; a bare undici client sending the same requests with the same concurrency and one',
  'keep-alive pool is measured in the same run as the reference. Wall times are from spawn to exit of each',
  'process (start-up, dataset scan, scoring, results.csv and the reports included for the runner); CPU is',
  'the user + system time of the whole process tree (the runner\'s report process included). Re-measure',
  'with `npm run bench` (`npm run bench -- --quick` shrinks (c) to 100,000 rows).',
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
