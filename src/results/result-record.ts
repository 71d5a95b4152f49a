import type { ChatMessage } from '../types/chat-message.js';
import type { FormatName } from '../types/formats.js';
import type { FailureKind, UnifiedFinishReason } from '../types/outcome-kinds.js';

/**
 * Version of the result line schema; bump on any incompatible change.
 * v2: every line carries `cached`, `cache_origin`, `scorer` and `cost_usd`
 * (null, or false for `cached`, when they do not apply). A v1 line may lack
 * them and is upgraded when read (see parse-result-line.ts).
 */
export const RESULT_SCHEMA_VERSION = 2;

/** The typed error of a row whose request failed after its retries. */
export interface RecordError {
  kind: FailureKind;
  message: string;
  status: number | null;
  code: string | null;
}

/**
 * One line of `results.jsonl`: one finished request of one sample against one
 * model. The file is append-only and is the run's checkpoint; every later stage
 * (score, compare, report) reads these lines and nothing upstream.
 */
export interface ResultRecord {
  /** Schema version: {@link RESULT_SCHEMA_VERSION} on every line written and on every line read (older ones are upgraded). */
  v: number;
  /** Hash of item content, model spec, request params and repeat index. Unique per line. */
  key: string;
  /** Hash of the item's content alone; joins models and runs. */
  item: string;
  /** The dataset row id. */
  id: string;
  /** Base name of the dataset file the row came from. */
  dataset: string;
  /** Model name as requested (label). */
  model: string;
  /** Model id sent on the wire. */
  model_id: string;
  format: FormatName;
  /** Repeat index (0-based) when `--repeat` is above 1. */
  repeat: number;
  /** `pending`: a video task was accepted and is not finished yet (a resume polls it instead of submitting again). */
  status: 'ok' | 'error' | 'pending';
  /** True when the answer came from the on-disk response cache (no request was sent; left out of latency statistics). */
  cached: boolean;
  /** For a cached row, where its answer was first received; null otherwise. */
  cache_origin: CacheOrigin | null;
  /** Scorer named by the dataset's `scorer` column for this row, if any. */
  scorer: string | null;
  /**
   * The row's values of the run's group columns (`--group-by`, `--cluster-by`, a suite's
   * category and subject), for breakdowns and clustered errors; absent when the run has none.
   */
  groups?: Record<string, string>;
  /** The prompt as sent: text, or a messages array. */
  input: string | ChatMessage[];
  expected: string | null;
  answer: string | null;
  reasoning: string | null;
  /** The content before a `<think>` wrapper was split off, when one was. */
  answer_raw: string | null;
  error: RecordError | null;
  finish_reason: UnifiedFinishReason | null;
  finish_reason_raw: string | null;
  input_tokens: number | null;
  output_tokens: number | null;
  reasoning_tokens: number | null;
  cached_tokens: number | null;
  cache_write_tokens: number | null;
  total_tokens: number | null;
  /** The provider's usage object as it arrived. */
  usage_raw: unknown;
  /** Input tokens over every attempt that reported usage (retried and failed ones too): what was billed. */
  billed_input_tokens: number | null;
  /** Output tokens over every attempt that reported usage. */
  billed_output_tokens: number | null;
  /** Cost in USD of every attempt that reported usage, from the price table; null when usage or price is unknown. */
  cost_usd: number | null;
  /** The model id the response reported. */
  response_model: string | null;
  response_id: string | null;
  system_fingerprint: string | null;
  /** The gateway's request id (`X-Oneapi-Request-Id`) of the final attempt. */
  request_id: string | null;
  stream: boolean;
  /** Model latency of the final attempt: request sent to last byte. */
  latency_ms: number | null;
  /** Time to first generated token of the final attempt (streams only). */
  ttft_ms: number | null;
  /** Time from the first to the last generated token of the final attempt (streams only). */
  generation_ms: number | null;
  /** Output tokens per second of the final attempt (over generation time when streamed). */
  output_tps: number | null;
  /** Time waiting for a concurrency slot or a rate limiter, before the first attempt. */
  queue_ms: number;
  /** Total time spent backing off between attempts. */
  backoff_ms: number;
  attempts: number;
  /** Wall time from the job being scheduled to its record: queue + attempts + back-off. */
  total_ms: number;
  started_at: string;
  ended_at: string;
  /** Video rows only (format `video-task`): the task, its state and the video. */
  video?: VideoFields;
}

/** Where a cached answer came from when it was first received. */
export interface CacheOrigin {
  /** Scheme, host, port and path of the request (never a credential). */
  endpoint: string;
  /** The answering server said it was the simulated gateway. */
  simulated: boolean;
  /** When the answer was stored (ISO time). */
  cached_at: string;
}

/** What a video row records about its task. */
export interface VideoFields {
  task_id: string;
  /** The handle a resumed run polls with (serialisable). */
  handle: { taskId: string; model: string; submittedAt?: number; pollPath: string };
  /** `pending`, `succeeded`, `failed` or `timed-out`. */
  state: 'pending' | 'succeeded' | 'failed' | 'timed-out';
  /** The last status string the gateway reported. */
  status_raw: string | null;
  /** Why the task failed, when it did. */
  failure_reason: string | null;
  video_url: string | null;
  /** The downloaded file, relative to the run folder, with `--download`. */
  file: string | null;
  bytes: number | null;
  sha256: string | null;
  /** When the submit was accepted (ISO time). */
  submitted_at: string;
  /** From the accepted submit to the task's end. */
  time_to_done_ms: number | null;
  polls: number;
}
