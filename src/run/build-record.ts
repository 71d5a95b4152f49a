import type { Completion, Usage } from '../protocols/types.js';
import { billedTotals } from './billed.js';
import type { CacheOrigin, ResultRecord } from '../results/result-record.js';
import type { AttemptResult } from './execute-attempt.js';
import type { GenerationJob } from './job.js';
import { recordIdentity, roundTenth } from './record-identity.js';

/** Turns a job's final attempt into its result line. */
export function buildRecord(options: {
  job: GenerationJob;
  attempt: AttemptResult | null;
  attempts: number;
  queueMs: number;
  backoffMs: number;
  totalMs: number;
  startedAt: Date;
  cached: boolean;
  /** Where a cached answer was first received; null when this row's request was sent. */
  cacheOrigin: CacheOrigin | null;
  /** The usage of every attempt that reported one (for a cached row, the original answer's). */
  billed: readonly Usage[];
}): ResultRecord {
  const { job, attempt } = options;
  const { sample, target } = job;
  const outcome = attempt?.outcome ?? null;
  const failure = outcome && !outcome.ok ? outcome.failure : null;
  const completion: Completion | null = outcome?.ok ? outcome.value : (failure?.partial ?? null);
  const usage = completion?.usage ?? null;
  const outputTokens = usage?.output ?? null;
  // Decode speed needs at least two token events; a one-chunk answer only has end-to-end time.
  const window =
    attempt && attempt.tokenEvents >= 2 && attempt.generationMs ? attempt.generationMs : (attempt?.latencyMs ?? 0);
  const seconds = window / 1000;
  const billed = billedTotals(options.billed, target.price);
  const identity = recordIdentity(job);
  // Fields listed one by one, not `...identity`: V8 builds a spread followed by forty more
  // properties through a slow path, measured at 60 µs a record (0.3 µs listed), a fifth of
  // the runner's CPU per request in `npm run bench` (b).
  return {
    v: identity.v,
    key: identity.key,
    item: identity.item,
    id: identity.id,
    dataset: identity.dataset,
    model: identity.model,
    model_id: identity.model_id,
    format: identity.format,
    repeat: identity.repeat,
    input: identity.input,
    expected: identity.expected,
    // Undefined when the run has no group columns: JSON leaves the field out.
    groups: job.sample.groups,
    status: failure ? 'error' : 'ok',
    cached: options.cached,
    cache_origin: options.cacheOrigin,
    scorer: typeof sample.vars.scorer === 'string' && sample.vars.scorer.trim() ? sample.vars.scorer.trim() : null,
    answer: completion ? completion.text : null,
    reasoning: completion?.reasoning ?? null,
    answer_raw: completion?.rawText ?? null,
    error: failure
      ? { kind: failure.kind, message: failure.message, status: failure.status, code: failure.code }
      : null,
    finish_reason: completion?.finishReason.unified ?? null,
    finish_reason_raw: completion?.finishReason.raw ?? null,
    input_tokens: usage?.input ?? null,
    output_tokens: outputTokens,
    reasoning_tokens: usage?.reasoning ?? null,
    cached_tokens: usage?.cached ?? null,
    cache_write_tokens: usage?.cacheWrite ?? null,
    total_tokens: usage?.total ?? null,
    usage_raw: usage?.raw ?? null,
    billed_input_tokens: billed.input,
    billed_output_tokens: billed.output,
    cost_usd: billed.costUsd,
    response_model: completion?.responseModel ?? null,
    response_id: completion?.responseId ?? null,
    system_fingerprint: completion?.systemFingerprint ?? null,
    request_id: attempt?.requestId ?? null,
    stream: target.params.stream,
    latency_ms: attempt?.latencyMs ?? null,
    ttft_ms: attempt?.ttftMs ?? null,
    generation_ms: attempt?.generationMs ?? null,
    output_tps: !failure && outputTokens !== null && seconds > 0 ? roundTenth(outputTokens / seconds) : null,
    queue_ms: roundTenth(options.queueMs),
    backoff_ms: roundTenth(options.backoffMs),
    attempts: options.attempts,
    total_ms: roundTenth(options.totalMs),
    started_at: options.startedAt.toISOString(),
    ended_at: new Date().toISOString(),
  };
}
