import { join } from 'node:path';
import {
  bareSteps,
  fasterBare,
  MODELS,
  measureRunner,
  median,
  profiles,
  quick,
  ROUNDS,
  ratio,
  rounds,
  type ScenarioRow,
  seconds,
  withSimulator,
  work,
} from './harness.js';
import { writePromptCsv } from './measure.js';

/**
 * The runner's own cost beside a bare client sending the same requests: wall time at
 * 50 ms latency and concurrency 64 and 256, CPU per request at 0 ms, and memory over a
 * million rows.
 */
export async function overheadScenarios(small: string): Promise<ScenarioRow[]> {
  const rows: ScenarioRow[] = [];
  rows.push(await wallScenario({ label: '(a) 1000 x 3, 50 ms, c=64', dataset: small, rows: 1000, concurrency: 64 }));
  const medium = join(work, 'prompts-3000.csv');
  await writePromptCsv(medium, 3000);
  rows.push(
    await wallScenario({ label: '(a2) 3000 x 3, 50 ms, c=256', dataset: medium, rows: 3000, concurrency: 256 }),
  );
  rows.push(await cpuScenario(small));
  rows.push(await memoryScenario());
  return rows;
}

const WALL_TARGETS: Record<number, number> = { 64: 1.15, 256: 1.2 };

async function wallScenario(options: {
  label: string;
  dataset: string;
  rows: number;
  concurrency: number;
}): Promise<ScenarioRow> {
  const { dataset, concurrency } = options;
  const requests = options.rows * MODELS.length;
  const ideal = (requests * 50) / concurrency;
  const runs = await withSimulator({ latencyScale: 1, profiles: profiles(50) }, (gateway) =>
    rounds({
      ...bareSteps(gateway, dataset, concurrency),
      ours: () => measureRunner({ ...gateway, dataset, models: MODELS, name: 'wall', concurrency }),
    }),
  );
  const bare = fasterBare(runs, (run) => run.wallMs);
  const ours = median(runs.ours.map((run) => run.wallMs));
  const target = WALL_TARGETS[concurrency];
  return {
    scenario: options.label,
    measured: `runner ${seconds(ours)}, bare ${seconds(bare.value)} (${bare.name}), ideal N·L/C ${seconds(ideal)} (medians of ${ROUNDS})`,
    target: `≤ ${target} × bare (${ratio(ours / bare.value)})`,
    pass: ours <= target * bare.value && runs.ours.every((run) => run.ok === requests),
  };
}

/**
 * CPU per request at 0 ms: the whole process tree's user + system time over 3000
 * requests (start-up, scan, scoring, results.csv and the report process included);
 * the cost each further request adds (3000 to 15000 requests) is shown beside it.
 */
async function cpuScenario(small: string): Promise<ScenarioRow> {
  const large = join(work, 'prompts-5000.csv');
  await writePromptCsv(large, 5000);
  const concurrency = 64;
  const runs = await withSimulator({ latencyScale: 0, profiles: profiles(0) }, (gateway) =>
    rounds({
      ...bareSteps(gateway, small, concurrency),
      ours: () => measureRunner({ ...gateway, dataset: small, models: MODELS, name: 'cpu', concurrency }),
      large: () => measureRunner({ ...gateway, dataset: large, models: MODELS, name: 'cpu2', concurrency }),
      ...prefixed(bareSteps(gateway, large, concurrency)),
    }),
  );
  const bare = fasterBare(runs, (run) => run.cpuMs);
  const bareLarge = fasterBare({ undici: runs.largeUndici, http: runs.largeHttp }, (run) => run.cpuMs);
  const ours = median(runs.ours.map((run) => run.cpuMs));
  const oursLarge = median(runs.large.map((run) => run.cpuMs));
  const perRequest = ours / 3000;
  const barePerRequest = bare.value / 3000;
  const marginal = (oursLarge - ours) / 12000;
  const bareMarginal = (bareLarge.value - bare.value) / 12000;
  return {
    scenario: '(b) 0 ms: CPU per request',
    measured: `whole process tree at 3000: runner ${perRequest.toFixed(3)} ms, bare ${barePerRequest.toFixed(3)} ms (${bare.name}); per added request (3000 → 15000): runner ${marginal.toFixed(3)} ms, bare ${bareMarginal.toFixed(3)} ms (${ratio(marginal / bareMarginal)})`,
    target: `≤ 1.5 × bare per request (${ratio(perRequest / barePerRequest)})`,
    pass: perRequest <= 1.5 * barePerRequest,
  };
}

function prefixed<T extends { undici: unknown; http: unknown }>(steps: T) {
  return { largeUndici: steps.undici, largeHttp: steps.http } as { largeUndici: T['undici']; largeHttp: T['http'] };
}

/** A generated 1,000,000-row CSV x 1 model at 0 ms: flat memory, completes. */
async function memoryScenario(): Promise<ScenarioRow> {
  const count = quick ? 250_000 : 1_000_000;
  const big = join(work, `prompts-${count}.csv`);
  await writePromptCsv(big, count);
  const run = await withSimulator({ latencyScale: 0, profiles: profiles(0) }, (gateway) =>
    measureRunner({ ...gateway, dataset: big, models: ['bench-a'], name: 'memory', concurrency: 64 }),
  );
  return {
    scenario: `(c) ${count.toLocaleString('en-US')} rows x 1, 0 ms`,
    measured: `peak RSS ${run.peakRssMb} MB, ${seconds(run.wallMs)}, ${Math.round(count / (run.wallMs / 1000))} req/s, ${run.ok} ok`,
    target: '≤ 150 MB, completes',
    pass: run.peakRssMb <= 150 && run.ok === count,
  };
}
