import type { Codec, Endpoint, FormatName, ThinkingOptions, Vendor } from '../protocols/types.js';
import { canonicalJson, shortHash } from '../util/hash.js';
import type { VideoParams, VideoPaths, VideoTaskCodec } from '../protocols/video-task/types.js';
import type { ModelPrice } from './cost.js';
import type { RateLimits } from './limits.js';

/** Request parameters that shape the answer; they are part of every result key. */
export interface RequestParams {
  system?: string;
  temperature?: number;
  maxOutputTokens?: number;
  stream: boolean;
  thinking?: ThinkingOptions;
  extraBody?: Record<string, unknown>;
}

/** Per-model limits; unset means "only the global concurrency applies". */
export interface ModelLimits extends RateLimits {
  /** Name of a budget group whose limits this model shares with others behind the same key. */
  group?: string;
}

/** One model under test, fully resolved: where, how and with what parameters. */
export interface ModelTarget {
  /** The name the user gave (unique within a run); used as the record's `model`. */
  name: string;
  /** Model id sent on the wire. */
  modelId: string;
  format: FormatName;
  vendor: Vendor;
  codec: Codec;
  endpoint: Endpoint;
  params: RequestParams;
  limits: ModelLimits;
  /** Price used for `cost_usd`; null when unknown. */
  price: ModelPrice | null;
  /** Video models only: the submit/poll codec, the generation parameters and the task paths. */
  video?: { codec: VideoTaskCodec; params: VideoParams; paths: Partial<VideoPaths> };
}

/** Per target, the canonical JSON of what determines its answers; computed once, used for every key. */
const fingerprints = new WeakMap<ModelTarget, string>();

function fingerprintOf(target: ModelTarget): string {
  let fingerprint = fingerprints.get(target);
  if (fingerprint === undefined) {
    fingerprint = canonicalJson({
      model: target.modelId,
      format: target.format,
      params: target.params,
      video: target.video?.params ?? null,
    });
    fingerprints.set(target, fingerprint);
  }
  return fingerprint;
}

/**
 * The key of one result line. It hashes what determines the answer (item
 * content, wire model id, format, params, repeat), not where the gateway lives,
 * so a run can be resumed against another base URL.
 */
export function resultKey(options: { item: string; target: ModelTarget; repeat: number }): string {
  return shortHash(`${options.item}\u0000${fingerprintOf(options.target)}\u0000${options.repeat}`);
}
