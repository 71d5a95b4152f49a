import { basename } from 'node:path';
import { isFailure, type Completion } from '../protocols/types.js';
import { RESULT_SCHEMA_VERSION, type CacheOrigin, type ResultRecord } from '../results/result-record.js';
import type { AttemptResult } from './execute-attempt.js';
import { costOf } from './cost.js';
import type { Job } from './run-job.js';

/** Turns a job's final attempt into its result line. */
export function buildRecord(options: {
  job: Job;
  attempt: AttemptResult | null;
  attempts: number;
  queueMs: number;
  backoffMs: number;
  totalMs: number;
  startedAt: Date;
  cached: boolean;
  /** Where a cached answer was first received; null when this row's request was sent. */
  cacheOrigin: CacheOrigin | null;
}): ResultRecord {
  const { job, attempt } = options;
  const { sample, lane } = job;
  const target = lane.target;
  const outcome = attempt?.outcome ?? null;
  const failure = outcome && isFailure(outcome) ? outcome : null;
  const completion: Completion | null = outcome && !isFailure(outcome) ? outcome : (failure?.partial ?? null);
  const usage = completion?.usage ?? null;
  const outputTokens = usage?.output ?? null;
  // Decode speed needs at least two token events; a one-chunk answer only has end-to-end time.
  const window =
    attempt && attempt.tokenEvents >= 2 && attempt.generationMs ? attempt.generationMs : (attempt?.latencyMs ?? 0);
  const seconds = window / 1000;
  return {
    v: RESULT_SCHEMA_VERSION,
    key: job.key,
    item: sample.itemKey,
    id: sample.id,
    dataset: basename(sample.source.file),
    model: target.name,
    model_id: target.modelId,
    format: target.format,
    repeat: job.repeat,
    status: failure ? 'error' : 'ok',
    cached: options.cached,
    cache_origin: options.cacheOrigin,
    scorer: typeof sample.vars.scorer === 'string' && sample.vars.scorer.trim() ? sample.vars.scorer.trim() : null,
    input: sample.input,
    expected: sample.expected ?? null,
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
    cost_usd: failure ? null : costOf({ usage, price: target.price }),
    response_model: completion?.responseModel ?? null,
    response_id: completion?.responseId ?? null,
    system_fingerprint: completion?.systemFingerprint ?? null,
    request_id: attempt?.requestId ?? null,
    stream: target.params.stream,
    latency_ms: attempt?.latencyMs ?? null,
    ttft_ms: attempt?.ttftMs ?? null,
    generation_ms: attempt?.generationMs ?? null,
    output_tps: !failure && outputTokens !== null && seconds > 0 ? round(outputTokens / seconds) : null,
    queue_ms: round(options.queueMs),
    backoff_ms: round(options.backoffMs),
    attempts: options.attempts,
    total_ms: round(options.totalMs),
    started_at: options.startedAt.toISOString(),
    ended_at: new Date().toISOString(),
  };
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
