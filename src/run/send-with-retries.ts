import {
  type Call,
  type Codec,
  type Completion,
  type Endpoint,
  type Failure,
  failed,
  type Usage,
} from '../protocols/types.js';
import type { Attempted } from './attempted.js';
import { executeAttempt } from './execute-attempt.js';
import type { JobEnvironment } from './job.js';
import type { Lane } from './lane.js';
import { nextDelay, waitBeyondRetryTime } from './retry-policy.js';

/** The final attempt of a request and what it cost in time. */
export interface SendOutcome<T = Completion> {
  last: Attempted<T>;
  attempts: number;
  /** The usage of every attempt that reported one (failed ones too): what the gateway billed. */
  billed: Usage[];
  /** Time waiting for the model's turn (pauses, rate budgets) and for a global slot. */
  queueMs: number;
  backoffMs: number;
}

/** A rough token count of a call, for tokens-per-minute budgets before the real count is known. */
export function estimateTokens(call: Call): number {
  let tokens = textTokens(call.system ?? '');
  for (const message of call.messages) {
    tokens += textTokens(typeof message.content === 'string' ? message.content : JSON.stringify(message.content));
  }
  return Math.ceil(tokens) + (call.maxOutputTokens ?? 256);
}

/** Chinese, Japanese and Korean characters, fullwidth forms and CJK punctuation: about a token each. */
const CJK = /[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]/g;

/**
 * A rough token count of text before it is sent: about four characters a token for
 * alphabetic text, one a token for CJK characters (which the tokenizers of the
 * vendors behind mixrouter mostly encode as one or two tokens each), so a
 * Chinese prompt is not estimated at a quarter of its size.
 */
function textTokens(text: string): number {
  const cjk = text.match(CJK)?.length ?? 0;
  return cjk + (text.length - cjk) / 4;
}

/**
 * The single retry loop of the project, for every kind of request (chat
 * generations, video submits and polls, judge calls). Codecs only classify;
 * here failures are retried with back-off, Retry-After pauses the model, rate
 * limits feed adaptive concurrency, and time spent queueing or backing off is
 * kept apart from model latency. `retryable` narrows which failures may be
 * retried (a billable video submit must not be sent twice when its fate is
 * unknown). Returns null when the run is stopping and the request did not
 * finish (it stays open for a resume).
 */
export async function retryLoop<T>(options: {
  lane: Lane;
  environment: JobEnvironment;
  /** performance.now() when the caller started waiting; bounds the total retry time. */
  startedAt: number;
  estimatedTokens: number;
  attempt: () => Promise<Attempted<T>>;
  tokensUsed: (result: Attempted<T>) => number | null;
  /** The usage an attempt reported, answered or failed (a broken stream may have reported it); null when none. */
  billedUsage?: (result: Attempted<T>) => Usage | null;
  retryable?: (failure: Failure) => boolean;
}): Promise<SendOutcome<T> | null> {
  const { lane, environment } = options;
  const stopped = (): boolean => environment.stopScheduling.aborted;
  let queueMs = 0;
  let backoffMs = 0;
  let attempts = 0;
  const billed: Usage[] = [];
  for (;;) {
    const gateStart = performance.now();
    const turn = lane.waitForTurn({
      estimatedTokens: options.estimatedTokens,
      sleep: (ms) => environment.sleep(ms, environment.stopScheduling),
      stopped,
    });
    if (turn) await turn;
    if (stopped()) return null;
    const result = await environment.limit.run(() => {
      queueMs += performance.now() - gateStart;
      attempts += 1;
      return options.attempt();
    });
    lane.settleTokens(options.estimatedTokens, options.tokensUsed(result));
    const usage = options.billedUsage?.(result) ?? null;
    if (usage !== null && (usage.input !== null || usage.output !== null)) billed.push(usage);
    const { outcome } = result;
    if (outcome.ok) {
      lane.recordSuccess(result.rateLimit);
      return { last: result, attempts, billed, queueMs, backoffMs };
    }
    const { failure } = outcome;
    // A stray 429 delays only its own request (by its Retry-After, below); a cluster, or a spent budget, the model.
    const pauseUntil =
      failure.kind === 'rate-limit' ? lane.recordRateLimit(failure.retryAfterMs, result.rateLimit).pauseUntilMs : null;
    if (failure.kind !== 'rate-limit') lane.recordOtherFailure();
    if (failure.kind === 'canceled') return null;
    const elapsedMs = performance.now() - options.startedAt;
    const tooLong = waitBeyondRetryTime({ failure, elapsedMs, policy: environment.policy });
    if (tooLong) return { last: { ...result, outcome: failed(tooLong) }, attempts, billed, queueMs, backoffMs };
    if (pauseUntil !== null) lane.pause(pauseUntil);
    if (options.retryable && !options.retryable(failure)) return { last: result, attempts, billed, queueMs, backoffMs };
    const delay = nextDelay({
      failure,
      attempt: attempts,
      elapsedMs,
      policy: environment.policy,
      random: environment.random,
    });
    if (delay === null) return { last: result, attempts, billed, queueMs, backoffMs };
    if (stopped()) return null;
    await environment.sleep(delay, environment.stopScheduling);
    if (stopped()) return null;
    backoffMs += delay;
  }
}

/** One chat generation through the retry loop. */
export function sendWithRetries(options: {
  lane: Lane;
  call: Call;
  codec: Codec;
  endpoint: Endpoint;
  environment: JobEnvironment;
  startedAt: number;
}): Promise<SendOutcome | null> {
  const { lane, call, environment } = options;
  const context = { vendor: call.vendor, thinking: call.thinking?.enabled ?? false };
  return retryLoop<Completion>({
    lane,
    environment,
    startedAt: options.startedAt,
    estimatedTokens: estimateTokens(call),
    attempt: () =>
      executeAttempt({
        agent: environment.agent,
        codec: options.codec,
        call,
        endpoint: options.endpoint,
        apiKey: environment.apiKey,
        timeouts: environment.timeouts,
        context,
        signal: environment.cancelInFlight,
        maxBodyBytes: environment.maxAnswerBytes,
      }),
    tokensUsed: (result) => usageOf(result)?.total ?? null,
    billedUsage: usageOf,
  });
}

/** The usage an answered or failed generation attempt reported (a failure keeps what arrived before it broke). */
function usageOf(result: Attempted<Completion>): Usage | null {
  const { outcome } = result;
  return outcome.ok ? outcome.value.usage : (outcome.failure.partial?.usage ?? null);
}
