import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunManifest } from '../results/manifest.js';
import { runNode, startSimulatorProcess } from './measure.js';

/** The pieces every scenario shares: the CLI as installed, the bare client, rounds and medians. */
export const here = (relative: string): string => fileURLToPath(new URL(relative, import.meta.url));
// The bundled CLI, as the package's bin runs it.
export const cli = here('../bin/mixrouter-eval.js');
const simulatorScript = here('./simulator-process.js');
const bareScript = here('./bare-client.js');
export const quick = process.argv.includes('--quick');
/** The Node flags of the bin's `#!/usr/bin/env -S node …` line, so the benchmark runs it exactly as installed. */
const SHEBANG_FLAGS = (
  readFileSync(cli, 'utf8')
    .split('\n', 1)[0]
    .match(/ node (.*)$/)?.[1] ?? ''
)
  .split(' ')
  .filter((flag) => flag.startsWith('--'));
export const work = mkdtempSync(join(tmpdir(), 'mixrouter-bench-'));
export const MODELS = ['bench-a', 'bench-b', 'bench-c'];

/** One line of the benchmark table. */
export interface ScenarioRow {
  scenario: string;
  measured: string;
  target: string;
  pass: boolean;
}

export function profiles(latencyMs: number): Record<string, object> {
  return Object.fromEntries(
    MODELS.map((model) => [model, { vendor: 'openai', ttftMs: latencyMs, tokensPerSecond: 0 }]),
  );
}

export interface RunnerMeasure {
  wallMs: number;
  cpuMs: number;
  peakRssMb: number;
  ok: number;
  errors: number;
  manifest: RunManifest;
}

/** Runs the CLI's `eval` as a user would, and reads what it recorded. */
export async function measureRunner(options: {
  baseUrl: string;
  apiKey: string;
  dataset: string;
  models: string[];
  name: string;
  concurrency: number;
  extraArgs?: string[];
}): Promise<RunnerMeasure> {
  const out = join(work, options.name);
  rmSync(out, { recursive: true, force: true });
  const args = ['eval', '--base-url', options.baseUrl, '--models', options.models.join(','), '--dataset'];
  args.push(options.dataset, '--concurrency', String(options.concurrency), '--no-cache', '--retries', '8');
  args.push('--out', out, ...(options.extraArgs ?? []));
  const finished = await runNode(cli, args, {
    env: { ...process.env, MIXROUTER_API_KEY: options.apiKey },
    // The same flags the installed binary's shebang passes.
    nodeFlags: SHEBANG_FLAGS,
  });
  if (finished.code !== 0) throw new Error(`runner exited ${String(finished.code)}: ${finished.stderr.slice(-2000)}`);
  const manifest = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as RunManifest;
  rmSync(out, { recursive: true, force: true });
  // The runner's CPU includes the report process it waits for, when the OS can tell us.
  return {
    wallMs: finished.wallMs,
    cpuMs: finished.treeCpuMs ?? manifest.cpu_ms ?? Number.NaN,
    peakRssMb: manifest.peak_rss_mb ?? Number.NaN,
    ok: manifest.counts.ok,
    errors: manifest.counts.errors,
    manifest,
  };
}

export interface BareMeasure {
  wallMs: number;
  cpuMs: number;
  requests: number;
  errors: number;
  rateLimited: number;
}

/** The bare reference client on one transport. */
export async function measureBare(options: {
  baseUrl: string;
  apiKey: string;
  dataset: string;
  concurrency: number;
  transport: 'undici' | 'http';
}): Promise<BareMeasure> {
  const finished = await runNode(bareScript, [JSON.stringify({ ...options, models: MODELS })]);
  if (finished.code !== 0) throw new Error(`bare client exited ${String(finished.code)}: ${finished.stderr}`);
  const inside = JSON.parse(finished.stdout.trim()) as Omit<BareMeasure, 'wallMs'>;
  // Measured like the runner (the whole process, start-up included) when the OS can tell.
  return { ...inside, wallMs: finished.wallMs, cpuMs: finished.treeCpuMs ?? inside.cpuMs };
}

/** Timings on a shared 2-core machine drift by several percent; each scenario is run this many times, interleaved, and the medians compared. */
export const ROUNDS = quick ? 1 : 3;

export function median(values: number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Runs every step once per round, interleaved, and returns each step's results. */
export async function rounds<T extends Record<string, () => Promise<unknown>>>(
  steps: T,
): Promise<{ [K in keyof T]: Array<Awaited<ReturnType<T[K]>>> }> {
  const results = Object.fromEntries(Object.keys(steps).map((name) => [name, [] as unknown[]])) as Record<
    string,
    unknown[]
  >;
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const [name, step] of Object.entries(steps)) results[name].push(await step());
  }
  return results as { [K in keyof T]: Array<Awaited<ReturnType<T[K]>>> };
}

/** The simulator in a process of its own (so its CPU is not the client's), for the body's duration. */
export async function withSimulator<T>(
  options: object,
  body: (gateway: { baseUrl: string; apiKey: string }) => Promise<T>,
): Promise<T> {
  const simulator = await startSimulatorProcess(simulatorScript, options);
  try {
    return await body(simulator);
  } finally {
    await simulator.stop();
  }
}

/** The bare client on both transports, each round interleaved with the runner; the faster median is the reference. */
export function bareSteps(gateway: { baseUrl: string; apiKey: string }, dataset: string, concurrency: number) {
  return {
    undici: () => measureBare({ ...gateway, dataset, concurrency, transport: 'undici' }),
    http: () => measureBare({ ...gateway, dataset, concurrency, transport: 'http' }),
  };
}

/** The faster bare transport by a measure (wall or CPU), named. */
export function fasterBare(
  runs: { undici: BareMeasure[]; http: BareMeasure[] },
  measure: (run: BareMeasure) => number,
): { name: 'undici' | 'node:http'; value: number } {
  const undici = median(runs.undici.map(measure));
  const http = median(runs.http.map(measure));
  return undici <= http ? { name: 'undici', value: undici } : { name: 'node:http', value: http };
}

export const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
export const ratio = (value: number): string => `${value.toFixed(2)}×`;
