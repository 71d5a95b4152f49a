import type { Call } from '../protocols/types.js';
import type { GenerationTarget } from '../settings/model-target.js';
import { costOf } from '../settings/price.js';
import type { RetryPolicy } from '../settings/retry-policy.js';
import { DEFAULT_MAX_ANSWER_MB } from '../settings/run-config.js';
import type { Timeouts } from '../settings/timeouts.js';
import { sleep } from '../util/sleep.js';
import { GlobalLimit } from './global-limit.js';
import { Lane, LaneResources } from './lane.js';
import type { JobEnvironment } from './job.js';
import { sendWithRetries } from './send-with-retries.js';
import { endpointOf, ResponseCache } from './response-cache.js';
import { createAgent } from './transport.js';

/** What the judge scorer gets back for one prompt. */
export interface JudgeReply {
  text: string;
  /** What this call cost: 0 for a verdict read from the cache (nothing was paid again). */
  costUsd: number | null;
  usage: { input: number | null; output: number | null };
}

/** A judge model behind its own limiter, connection pool and the one retry loop. */
export interface JudgeClient {
  complete(prompt: string): Promise<JudgeReply>;
  close(): Promise<void>;
}

/**
 * Sends judge prompts to a resolved model. The judge has its own lane (its
 * own concurrency and rate budgets, from its config limits) and its own
 * global bound, so grading never competes with the models under test, and
 * its cost is reported apart from theirs. A request that still fails after
 * the retries throws; the scorer turns that into a typed error, not a score.
 * With a response cache, a verdict already paid for (same judge, endpoint and
 * prompt) is read back, so scoring a resumed, re-scored or merged run again
 * does not pay the judge twice.
 */
export function createJudgeClient(options: {
  target: GenerationTarget;
  apiKey: string;
  concurrency: number;
  timeouts: Timeouts;
  policy: RetryPolicy;
  cache?: ResponseCache | null;
}): JudgeClient {
  const cache = options.cache ?? null;
  const { target } = options;
  const agent = createAgent({ connections: options.concurrency, timeouts: options.timeouts });
  const own = new LaneResources({
    name: `judge ${target.name}`,
    limits: target.limits,
    globalConcurrency: options.concurrency,
    onChange: () => undefined,
  });
  const lane = new Lane(target, own);
  const never = new AbortController().signal;
  const environment: JobEnvironment = {
    agent,
    apiKey: options.apiKey,
    timeouts: options.timeouts,
    policy: options.policy,
    limit: new GlobalLimit(options.concurrency),
    stopScheduling: never,
    cancelInFlight: never,
    random: Math.random,
    sleep,
    cache: null,
    cacheAnyEndpoint: false,
    maxAnswerBytes: DEFAULT_MAX_ANSWER_MB * 1024 * 1024,
  };
  return {
    async complete(prompt) {
      await lane.acquireTicket();
      try {
        const call: Call = {
          model: target.modelId,
          vendor: target.vendor,
          messages: [{ role: 'user', content: prompt }],
          ...target.params,
          temperature: target.params.temperature ?? 0,
        };
        const wire = cache ? target.codec.buildRequest({ call, endpoint: target.endpoint }) : null;
        const key = wire
          ? ResponseCache.keyOf({ url: wire.url, format: target.format, body: wire.body, repeat: 0 })
          : null;
        const hit = key && cache ? cache.get(key) : null;
        if (hit) {
          const { usage } = hit.completion;
          return { text: hit.completion.text, costUsd: 0, usage: { input: usage.input, output: usage.output } };
        }
        const sent = await sendWithRetries({
          lane,
          call,
          codec: target.codec,
          endpoint: target.endpoint,
          environment,
          startedAt: performance.now(),
        });
        if (!sent) throw new Error(`judge ${target.name}: request canceled`);
        if (!sent.last.outcome.ok) {
          const { failure } = sent.last.outcome;
          throw new Error(
            `judge ${target.name} failed after ${sent.attempts} attempt(s): ${failure.kind}: ${failure.message}`,
          );
        }
        const outcome = sent.last.outcome.value;
        if (key && cache && wire) {
          const { last } = sent;
          cache.set(key, {
            completion: outcome,
            latencyMs: last.latencyMs,
            ttftMs: last.ttftMs,
            generationMs: last.generationMs,
            requestId: last.requestId,
            cachedAt: new Date().toISOString(),
            origin: { endpoint: endpointOf(wire.url), simulated: last.simulated },
          });
        }
        return {
          text: outcome.text,
          costUsd: costOf({ usage: outcome.usage, price: target.price }),
          usage: { input: outcome.usage.input, output: outcome.usage.output },
        };
      } finally {
        lane.releaseTicket();
      }
    },
    close: () => agent.close(),
  };
}
