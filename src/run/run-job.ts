import type { LimitFunction } from 'p-limit';
import type { Agent } from 'undici';
import type { Sample } from '../dataset/sample.js';
import { isFailure, type Call } from '../protocols/types.js';
import { buildRecord } from './build-record.js';
import type { ResultRecord } from '../results/result-record.js';
import { executeAttempt, type AttemptResult } from './execute-attempt.js';
import type { Lane } from './lane.js';
import { nextDelay, type RetryPolicy } from './retry-policy.js';
import type { Timeouts } from './transport.js';

/** What every job of a run shares. */
export interface JobEnvironment {
  agent: Agent;
  apiKey: string;
  timeouts: Timeouts;
  policy: RetryPolicy;
  /** The global in-flight bound (`--concurrency`), held only while an attempt is on the wire. */
  limit: LimitFunction;
  /** Aborted on Ctrl-C: no new attempts, in-flight ones cancelled after the grace period. */
  stopScheduling: AbortSignal;
  cancelInFlight: AbortSignal;
  random: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** One (sample, model, repeat) to run. */
export interface Job {
  sample: Sample;
  lane: Lane;
  repeat: number;
  key: string;
  /** performance.now() when the job started waiting for its model's ticket. */
  queuedAt: number;
  /** How long it waited for that ticket. */
  ticketWaitMs: number;
}

/** Builds the protocol-neutral call for a sample. */
export function buildCall(sample: Sample, lane: Lane): Call {
  const { target } = lane;
  const messages = typeof sample.input === 'string' ? [{ role: 'user' as const, content: sample.input }] : sample.input;
  return { model: target.modelId, vendor: target.vendor, messages, ...target.params };
}

/**
 * The single retry loop of the project. Codecs only classify; here failures
 * are retried with back-off, Retry-After pauses the model, and time spent
 * queueing or backing off is kept apart from model latency. Returns null when
 * the run is stopping and the job did not finish (it stays open for a resume).
 */
export async function runJob(job: Job, environment: JobEnvironment): Promise<ResultRecord | null> {
  const { lane } = job;
  const startedAt = new Date(Date.now() - job.ticketWaitMs);
  const call = buildCall(job.sample, lane);
  const context = { vendor: lane.target.vendor, thinking: call.thinking?.enabled ?? false };
  let queueMs = job.ticketWaitMs;
  let backoffMs = 0;
  let attempts = 0;
  let last: AttemptResult | null = null;
  for (;;) {
    const gateStart = performance.now();
    await lane.waitUntilOpen((ms) => environment.sleep(ms, environment.stopScheduling));
    if (environment.stopScheduling.aborted && attempts === 0) return null;
    const result: AttemptResult = await environment.limit(() => {
      queueMs += performance.now() - gateStart;
      attempts += 1;
      return executeAttempt({
        agent: environment.agent,
        codec: lane.target.codec,
        call,
        endpoint: lane.target.endpoint,
        apiKey: environment.apiKey,
        timeouts: environment.timeouts,
        context,
        signal: environment.cancelInFlight,
      });
    });
    last = result;
    const failure = isFailure(result.outcome) ? result.outcome : null;
    if (!failure) break;
    if (failure.kind === 'canceled') return null;
    if (failure.kind === 'rate-limit' && failure.retryAfterMs !== null) {
      lane.pause(performance.now() + failure.retryAfterMs);
    }
    const delay = nextDelay({
      failure,
      attempt: attempts,
      elapsedMs: performance.now() - job.queuedAt,
      policy: environment.policy,
      random: environment.random,
    });
    if (delay === null) break;
    if (environment.stopScheduling.aborted) return null;
    await environment.sleep(delay, environment.stopScheduling);
    if (environment.stopScheduling.aborted) return null;
    backoffMs += delay;
  }
  return buildRecord({
    job,
    attempt: last,
    attempts,
    queueMs,
    backoffMs,
    totalMs: performance.now() - job.queuedAt,
    startedAt,
  });
}
