import type { Call } from '../protocols/types.js';
import type { ResultRecord } from '../results/result-record.js';
import { buildRecord } from './build-record.js';
import { buildCall, type GenerationJob, type JobEnvironment } from './job.js';
import { endpointOf, originOf, ResponseCache } from './response-cache.js';
import { sendWithRetries } from './send-with-retries.js';

/**
 * Runs one generation job: from the response cache when it has this exact request,
 * otherwise through the single retry loop. Returns null when the run is
 * stopping and the job did not finish (it stays open for a resume).
 */
export async function runJob(job: GenerationJob, environment: JobEnvironment): Promise<ResultRecord | null> {
  const { target } = job;
  const startedAt = new Date(Date.now() - job.ticketWaitMs);
  const call = buildCall(job.sample, target);
  const cacheRequest = environment.cache ? cacheRequestOf(job, call, environment.cacheAnyEndpoint) : null;
  const hit = cacheRequest && environment.cache ? environment.cache.get(cacheRequest.key) : null;
  if (hit) {
    return buildRecord({
      job,
      attempt: {
        outcome: { ok: true, value: hit.completion },
        latencyMs: hit.latencyMs,
        ttftMs: hit.ttftMs,
        generationMs: hit.generationMs,
        requestId: hit.requestId,
        tokenEvents: 0,
        simulated: hit.origin.simulated,
        rateLimit: null,
      },
      attempts: 0,
      queueMs: job.ticketWaitMs,
      backoffMs: 0,
      totalMs: performance.now() - job.queuedAt,
      startedAt,
      cached: true,
      cacheOrigin: originOf(hit),
      billed: [hit.completion.usage],
    });
  }
  const sent = await sendWithRetries({
    lane: job.lane,
    call,
    codec: target.codec,
    endpoint: target.endpoint,
    environment,
    startedAt: job.queuedAt,
  });
  if (!sent) return null;
  const { last } = sent;
  if (cacheRequest && environment.cache && last.outcome.ok) {
    environment.cache.set(cacheRequest.key, {
      completion: last.outcome.value,
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
    billed: sent.billed,
  });
}

/** The cache key of a job's request, and the endpoint it goes to (recorded as the answer's origin). */
function cacheRequestOf(job: GenerationJob, call: Call, anyEndpoint: boolean): { key: string; endpoint: string } {
  const { target } = job;
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
