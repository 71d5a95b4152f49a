import type { Failure, Usage } from '../../protocols/types.js';
import type { ResultRecord, VideoFields } from '../../results/result-record.js';
import { costOf } from '../../settings/price.js';
import type { VideoJob } from '../job.js';
import { recordIdentity, roundTenth } from '../record-identity.js';

/**
 * A video row's line: `pending` right after the submit was accepted, then
 * `ok` (succeeded, with the video link or file) or `error` (failed, timed out,
 * or never submitted). Text fields hold the video link so reports can show it.
 */
export function buildVideoRecord(options: {
  job: VideoJob;
  startedAt: Date;
  failure: Failure | null;
  video: VideoFields | null;
  attempts: number;
  usage?: Usage;
  pending?: boolean;
}): ResultRecord {
  const { job, failure, video } = options;
  const { target } = job;
  const usage = options.usage ?? null;
  const status = options.pending ? 'pending' : failure ? 'error' : 'ok';
  const identity = recordIdentity(job);
  // Listed, not spread: see buildRecord.
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
    status,
    cached: false,
    cache_origin: null,
    scorer: null,
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
    // A video is billed once it succeeded; a failed or unfinished task reports no usage.
    billed_input_tokens: status === 'ok' ? (usage?.input ?? null) : null,
    billed_output_tokens: status === 'ok' ? (usage?.output ?? null) : null,
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
    queue_ms: roundTenth(job.ticketWaitMs),
    backoff_ms: 0,
    attempts: options.attempts,
    total_ms: roundTenth(performance.now() - job.queuedAt),
    started_at: options.startedAt.toISOString(),
    ended_at: new Date().toISOString(),
    ...(video ? { video } : {}),
  };
}
