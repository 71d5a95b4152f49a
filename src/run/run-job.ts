import type { Agent } from './http-client.js';
import type { Sample } from '../dataset/sample.js';
import type { GlobalLimit } from './global-limit.js';
import { isFailure, type Call } from '../protocols/types.js';
import type { ResultRecord } from '../results/result-record.js';
import { buildRecord } from './build-record.js';
import type { Lane } from './lane.js';
import { endpointOf, originOf, ResponseCache } from './response-cache.js';
import type { RetryPolicy } from './retry-policy.js';
import { sendWithRetries } from './send-with-retries.js';
import type { Timeouts } from './transport.js';

/** What every job of a run shares. */
export interface JobEnvironment {
  agent: Agent;
  apiKey: string;
  timeouts: Timeouts;
  policy: RetryPolicy;
  /** The global in-flight bound (`--concurrency`), held only while an attempt is on the wire. */
  limit: GlobalLimit;
  /** Aborted on Ctrl-C: no new attempts, in-flight ones cancelled after the grace period. */
  stopScheduling: AbortSignal;
  cancelInFlight: AbortSignal;
  random: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** The on-disk response cache, or null with `--no-cache` (and always for the in-process simulator). */
  cache: ResponseCache | null;
  /** `--cache-any-endpoint`: cache keys leave out scheme, host and port. */
  cacheAnyEndpoint: boolean;
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
 * Runs one job: from the response cache when it has this exact request,
 * otherwise through the single retry loop. Returns null when the run is
 * stopping and the job did not finish (it stays open for a resume).
 */
export async function runJob(job: Job, environment: JobEnvironment): Promise<ResultRecord | null> {
  const { lane } = job;
  const startedAt = new Date(Date.now() - job.ticketWaitMs);
  const call = buildCall(job.sample, lane);
  const cacheRequest = environment.cache ? cacheRequestOf(job, call, environment.cacheAnyEndpoint) : null;
  const cacheKey = cacheRequest?.key ?? null;
  const hit = cacheKey && environment.cache ? environment.cache.get(cacheKey) : null;
  if (hit) {
    return buildRecord({
      job,
      attempt: {
        outcome: hit.completion,
        latencyMs: hit.latencyMs,
        ttftMs: hit.ttftMs,
        generationMs: hit.generationMs,
        requestId: hit.requestId,
        tokenEvents: 0,
        simulated: hit.origin.simulated,
      },
      attempts: 0,
      queueMs: job.ticketWaitMs,
      backoffMs: 0,
      totalMs: performance.now() - job.queuedAt,
      startedAt,
      cached: true,
      cacheOrigin: originOf(hit),
    });
  }
  const sent = await sendWithRetries({ lane, call, environment, startedAt: job.queuedAt });
  if (!sent) return null;
  const { last } = sent;
  if (cacheKey && cacheRequest && environment.cache && !isFailure(last.outcome)) {
    environment.cache.set(cacheKey, {
      completion: last.outcome,
      latencyMs: last.latencyMs,
      ttftMs: last.ttftMs,
      generationMs: last.generationMs,
      requestId: last.requestId,
      cachedAt: new Date().toISOString(),
      origin: { endpoint: cacheRequest.endpoint, simulated: last.simulated },
    });
  }
  return buildRecord({
    job,
    attempt: last,
    attempts: sent.attempts,
    queueMs: job.ticketWaitMs + sent.queueMs,
    backoffMs: sent.backoffMs,
    totalMs: performance.now() - job.queuedAt,
    startedAt,
    cached: false,
    cacheOrigin: null,
  });
}

/** The cache key of a job's request, and the endpoint it goes to (recorded as the answer's origin). */
function cacheRequestOf(job: Job, call: Call, anyEndpoint: boolean): { key: string; endpoint: string } {
  const target = job.lane.target;
  const wire = target.codec.buildRequest({ call, endpoint: target.endpoint });
  const key = ResponseCache.keyOf({
    url: wire.url,
    format: target.format,
    body: wire.body,
    repeat: job.repeat,
    anyEndpoint,
  });
  return { key, endpoint: endpointOf(wire.url) };
}
