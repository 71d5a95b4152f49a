import { isFailure, type Call } from '../protocols/types.js';
import { executeAttempt, type AttemptResult } from './execute-attempt.js';
import type { Lane } from './lane.js';
import { nextDelay } from './retry-policy.js';
import type { JobEnvironment } from './run-job.js';

/** The final attempt of a call and what it cost in time. */
export interface SendOutcome {
  last: AttemptResult;
  attempts: number;
  /** Time waiting for the model's turn (pauses, rate budgets) and for a global slot. */
  queueMs: number;
  backoffMs: number;
}

/** A rough token count of a call, for tokens-per-minute budgets before the real count is known. */
export function estimateTokens(call: Call): number {
  let characters = call.system?.length ?? 0;
  for (const message of call.messages) {
    characters += typeof message.content === 'string' ? message.content.length : JSON.stringify(message.content).length;
  }
  return Math.ceil(characters / 4) + (call.maxOutputTokens ?? 256);
}

/**
 * The single retry loop of the project. Codecs only classify; here failures
 * are retried with back-off, Retry-After pauses the model, rate limits feed
 * adaptive concurrency, and time spent queueing or backing off is kept apart
 * from model latency. Returns null when the run is stopping and the call did
 * not finish (it stays open for a resume).
 */
export async function sendWithRetries(options: {
  lane: Lane;
  call: Call;
  environment: JobEnvironment;
  /** performance.now() when the caller started waiting; bounds the total retry time. */
  startedAt: number;
}): Promise<SendOutcome | null> {
  const { lane, call, environment } = options;
  const context = { vendor: call.vendor, thinking: call.thinking?.enabled ?? false };
  const estimated = estimateTokens(call);
  const stopped = (): boolean => environment.stopScheduling.aborted;
  let queueMs = 0;
  let backoffMs = 0;
  let attempts = 0;
  for (;;) {
    const gateStart = performance.now();
    await lane.waitForTurn({ estimatedTokens: estimated, sleep: (ms) => environment.sleep(ms, environment.stopScheduling), stopped });
    if (stopped()) return null;
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
    const outcome = result.outcome;
    const failure = isFailure(outcome) ? outcome : null;
    const usage = isFailure(outcome) ? (outcome.partial?.usage ?? null) : outcome.usage;
    lane.settleTokens(estimated, usage?.total ?? null);
    lane.recordOutcome(!failure ? 'success' : failure.kind === 'rate-limit' ? 'rate-limit' : 'other-failure');
    if (!failure) return { last: result, attempts, queueMs, backoffMs };
    if (failure.kind === 'canceled') return null;
    if (failure.kind === 'rate-limit' && failure.retryAfterMs !== null) lane.pause(performance.now() + failure.retryAfterMs);
    const delay = nextDelay({
      failure,
      attempt: attempts,
      elapsedMs: performance.now() - options.startedAt,
      policy: environment.policy,
      random: environment.random,
    });
    if (delay === null) return { last: result, attempts, queueMs, backoffMs };
    if (stopped()) return null;
    await environment.sleep(delay, environment.stopScheduling);
    if (stopped()) return null;
    backoffMs += delay;
  }
}
