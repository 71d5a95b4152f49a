import { join } from 'node:path';
import type { LedgerEntry } from '../simulator/ledger.js';
import { startSimulator } from '../simulator/server.js';
import {
  bareSteps,
  fasterBare,
  MODELS,
  measureBare,
  measureRunner,
  median,
  profiles,
  ROUNDS,
  ratio,
  rounds,
  type ScenarioRow,
  seconds,
  withSimulator,
  work,
} from './harness.js';
import { writePromptCsv } from './measure.js';

/** The gateway's true limit in (e) and (f): 6000 requests a minute per model, a bucket of 50. */
const LIMIT_RPM = 6000;
const LIMIT_BURST = 50;
/** (f) judges the 429 share and goodput after the learning period. */
const SETTLE_MS = 10_000;

/**
 * Rate limits: random 429s with `Retry-After: 1` beside the bare client, and a gateway
 * with a true token bucket, once with the limit told to the runner and once untold.
 */
export async function rateScenarios(small: string): Promise<ScenarioRow[]> {
  const rows = [await randomLimits(small)];
  rows.push(await trueLimit({ told: true, dataset: small, rows: 1000 }));
  const medium = join(work, 'prompts-3000-limit.csv');
  await writePromptCsv(medium, 3000);
  rows.push(await trueLimit({ told: false, dataset: medium, rows: 3000 }));
  rows.push(await trueLimit({ told: false, dataset: medium, rows: 3000, headers: false }));
  return rows;
}

/** (d) 5% of requests answered 429 with `Retry-After: 1`, at random; the bare client waits and retries too. */
async function randomLimits(small: string): Promise<ScenarioRow> {
  const concurrency = 64;
  const faults = { rateLimitRetryAfter: 0.05, retryAfterSeconds: 1 };
  const runs = await withSimulator({ latencyScale: 1, profiles: profiles(50), faults, seed: 11 }, (gateway) =>
    rounds({
      ...bareSteps(gateway, small, concurrency),
      ours: () => measureRunner({ ...gateway, dataset: small, models: MODELS, name: 'random-429', concurrency }),
    }),
  );
  const bare = fasterBare(runs, (run) => run.wallMs);
  const ours = median(runs.ours.map((run) => run.wallMs));
  const ok = Math.min(...runs.ours.map((run) => run.ok));
  return {
    scenario: '(d) (a) with 5% 429, Retry-After: 1',
    measured: `runner ${seconds(ours)}, bare ${seconds(bare.value)} (${bare.name}, retries after Retry-After); runner ${ok} ok (medians of ${ROUNDS})`,
    target: `≤ 1.3 × bare (${ratio(ours / bare.value)}), all rows`,
    pass: ours <= 1.3 * bare.value && ok === 3000,
  };
}

interface LimitCounts {
  requests: number;
  limited: number;
  ok: number;
  /** What the limit allowed in the span: the burst plus the rate over the time from first to last answer. */
  allowed: number;
  spanMs: number;
}

/** Counts over every model's requests that arrived from `fromMs` after that model's first. */
function countFrom(entries: readonly LedgerEntry[], fromMs: number): LimitCounts {
  const total: LimitCounts = { requests: 0, limited: 0, ok: 0, allowed: 0, spanMs: 0 };
  for (const model of MODELS) {
    const mine = entries.filter((entry) => entry.model === model);
    if (mine.length === 0) continue;
    const first = Math.min(...mine.map((entry) => entry.startedAt));
    const window = mine.filter((entry) => entry.startedAt >= first + fromMs);
    const oks = window.filter((entry) => entry.status === 200);
    const start = fromMs === 0 ? first : first + fromMs;
    const end = Math.max(start, ...oks.map((entry) => entry.startedAt));
    total.requests += window.length;
    total.limited += window.filter((entry) => entry.status === 429).length;
    total.ok += oks.length;
    // From the start, a full bucket is allowed at once; later, only the refill.
    total.allowed += (fromMs === 0 ? LIMIT_BURST : 0) + ((end - start) / 60_000) * LIMIT_RPM;
    total.spanMs = Math.max(total.spanMs, end - start);
  }
  return total;
}

const percent = (value: number): string => `${(100 * value).toFixed(1)}%`;

/**
 * (e) told, (f) and (f2) untold: a gateway (the simulator in this process, so its ledger can
 * be read) limits each model to 6000 rpm with a burst of 50, answering 429 with
 * `Retry-After` and `x-ratelimit-*` headers. Goodput is the answers the gateway accepted
 * over what its limit allowed from each model's first request to its last answer.
 */
async function trueLimit(options: {
  told: boolean;
  dataset: string;
  rows: number;
  /** Whether the gateway sends `x-ratelimit-*` headers; without them the rate is learned from 429s alone. */
  headers?: boolean;
}): Promise<ScenarioRow> {
  const headers = options.headers ?? true;
  const concurrency = 64;
  const simulator = await startSimulator({
    latencyScale: 1,
    profiles: profiles(50),
    rateLimits: { '*': { rpm: LIMIT_RPM, burst: LIMIT_BURST } },
    rateLimitHeaders: headers,
    trackCounts: false,
    ledgerLimit: 200_000,
  });
  const gateway = { baseUrl: simulator.baseUrl, apiKey: simulator.apiKey };
  try {
    const extraArgs = options.told ? ['--limit', `*=${LIMIT_RPM}rpm`] : [];
    const name = options.told ? 'told' : headers ? 'untold' : 'untold-bare-429';
    const run = await measureRunner({
      ...gateway,
      dataset: options.dataset,
      models: MODELS,
      name,
      concurrency,
      extraArgs,
    });
    const whole = countFrom(simulator.ledger.entries, 0);
    const settled = countFrom(simulator.ledger.entries, SETTLE_MS);
    const requests = options.rows * MODELS.length;
    const ideal = ((options.rows - LIMIT_BURST) / LIMIT_RPM) * 60_000;
    const learned = run.manifest.rate_limits?.find((limit) => limit.name === MODELS[0])?.learned_rpm ?? null;
    let bareText = '';
    if (options.told) {
      simulator.reset();
      const bare = await measureBare({ ...gateway, dataset: options.dataset, concurrency, transport: 'undici' });
      bareText = `; bare client (no limiter, retries after Retry-After): ${seconds(bare.wallMs)}, ${bare.rateLimited} × 429`;
    }
    const wholeShare = whole.limited / whole.requests;
    const goodput = whole.ok / whole.allowed;
    if (options.told) {
      return {
        scenario: `(e) told --limit '*=6000rpm', gateway 6000 rpm burst 50, 1000 x 3, c=64`,
        measured: `runner ${seconds(run.wallMs)} (ideal ${seconds(ideal)}), ${run.ok} ok, ${whole.limited} × 429 of ${whole.requests} (${percent(wholeShare)}), goodput ${percent(goodput)} of the limit${bareText}`,
        target: '≥ 97% goodput, ≤ 1% 429',
        pass: goodput >= 0.97 && wholeShare <= 0.01 && run.ok === requests,
      };
    }
    const settledShare = settled.limited / Math.max(1, settled.requests);
    const settledGoodput = settled.ok / settled.allowed;
    return {
      scenario: headers
        ? '(f) untold, gateway 6000 rpm burst 50 with x-ratelimit headers, 3000 x 3, c=64'
        : '(f2) untold, the same gateway sending only 429 + Retry-After (no x-ratelimit headers)',
      measured: `runner ${seconds(run.wallMs)} (ideal ${seconds(ideal)}), ${run.ok} ok; after the first 10 s: ${settled.limited} × 429 of ${settled.requests} (${percent(settledShare)}), goodput ${percent(settledGoodput)}; whole run ${whole.limited} × 429 (${percent(wholeShare)}), goodput ${percent(goodput)}; learned ${learned ?? '—'} rpm`,
      target: '≥ 90% goodput, ≤ 5% 429 after 10 s',
      pass: settledGoodput >= 0.9 && settledShare <= 0.05 && run.ok === requests,
    };
  } finally {
    await simulator.close();
  }
}
