import type { Sample } from '../dataset/sample.js';
import type { Call } from '../protocols/types.js';
import type { GenerationTarget, ModelTarget, VideoTarget } from '../settings/model-target.js';
import type { RetryPolicy } from '../settings/retry-policy.js';
import type { Timeouts } from '../settings/timeouts.js';
import type { GlobalLimit } from './global-limit.js';
import type { Agent } from './http-client.js';
import type { Lane } from './lane.js';
import type { ResponseCache } from './response-cache.js';

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
  /** The largest response body read, in bytes. */
  maxAnswerBytes: number;
}

/** One (sample, model, repeat) to run. */
interface JobBase {
  sample: Sample;
  lane: Lane;
  repeat: number;
  key: string;
  /** performance.now() when the job started waiting for its model's ticket. */
  queuedAt: number;
  /** How long it waited for that ticket. */
  ticketWaitMs: number;
}

/** A generation: one request (with retries) for a text answer. */
export interface GenerationJob extends JobBase {
  target: GenerationTarget;
}

/** A video task: submitted once, then polled. */
export interface VideoJob extends JobBase {
  target: VideoTarget;
}

/** Either kind of job; `target.format` tells them apart. */
export type Job = GenerationJob | VideoJob;

/** Builds the protocol-neutral call for a sample. */
export function buildCall(sample: Sample, target: ModelTarget): Call {
  const messages = typeof sample.input === 'string' ? [{ role: 'user' as const, content: sample.input }] : sample.input;
  return { model: target.modelId, vendor: target.vendor, messages, ...target.params };
}
