import { basename } from 'node:path';
import type { Failure, Usage } from '../../protocols/types.js';
import { RESULT_SCHEMA_VERSION, type ResultRecord, type VideoFields } from '../../results/result-record.js';
import { costOf } from '../cost.js';
import type { Job } from '../run-job.js';

/**
 * A video row's line: `pending` right after the submit was accepted, then
 * `ok` (succeeded, with the video link or file) or `error` (failed, timed out,
 * or never submitted). Text fields hold the video link so reports can show it.
 */
export function buildVideoRecord(options: {
  job: Job;
  startedAt: Date;
  failure: Failure | null;
  video: VideoFields | null;
  attempts: number;
  usage?: Usage;
  pending?: boolean;
}): ResultRecord {
  const { job, failure, video } = options;
  const { sample, lane } = job;
  const target = lane.target;
  const usage = options.usage ?? null;
  const status = options.pending ? 'pending' : failure ? 'error' : 'ok';
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
    status,
    cached: false,
    cache_origin: null,
    scorer: null,
    input: sample.input,
    expected: sample.expected ?? null,
    answer: status === 'ok' ? (video?.file ?? video?.video_url ?? null) : null,
    reasoning: null,
    answer_raw: null,
    error: failure
      ? { kind: failure.kind, message: failure.message, status: failure.status, code: failure.code }
      : null,
    finish_reason: status === 'ok' ? 'stop' : null,
    finish_reason_raw: video?.status_raw ?? null,
    input_tokens: usage?.input ?? null,
    output_tokens: usage?.output ?? null,
    reasoning_tokens: null,
    cached_tokens: null,
    cache_write_tokens: null,
    total_tokens: usage?.total ?? null,
    usage_raw: usage?.raw ?? null,
    cost_usd: status === 'ok' ? costOf({ usage, price: target.price }) : null,
    response_model: null,
    response_id: video?.task_id ?? null,
    system_fingerprint: null,
    request_id: null,
    stream: false,
    latency_ms: video?.time_to_done_ms ?? null,
    ttft_ms: null,
    generation_ms: null,
    output_tps: null,
    queue_ms: Math.round(job.ticketWaitMs * 10) / 10,
    backoff_ms: 0,
    attempts: options.attempts,
    total_ms: Math.round((performance.now() - job.queuedAt) * 10) / 10,
    started_at: options.startedAt.toISOString(),
    ended_at: new Date().toISOString(),
    ...(video ? { video } : {}),
  };
}
