import type { Codec, Endpoint, Vendor } from '../protocols/types.js';
import type { VideoParams, VideoPaths, VideoTaskCodec } from '../protocols/video-task/types.js';
import type { GenerationFormat } from '../types/formats.js';
import type { ModelLimits } from './limits.js';
import type { ModelPrice } from './price.js';
import type { RequestParams } from './request-params.js';

/** What every model under test has, whatever its format. */
interface TargetBase {
  /** The name the user gave (unique within a run); used as the record's `model`. */
  name: string;
  /** Model id sent on the wire. */
  modelId: string;
  vendor: Vendor;
  endpoint: Endpoint;
  params: RequestParams;
  limits: ModelLimits;
  /** Price used for `cost_usd`; null when unknown. */
  price: ModelPrice | null;
}

/** A model that generates text through a request/response codec. */
export interface GenerationTarget extends TargetBase {
  format: GenerationFormat;
  codec: Codec;
}

/** A video model: tasks are submitted, then polled, with the video task codec. */
export interface VideoTarget extends TargetBase {
  format: 'video-task';
  video: VideoTargetSettings;
}

/** How a video target submits and polls, checked before anything is submitted. */
export interface VideoTargetSettings {
  codec: VideoTaskCodec;
  params: VideoParams;
  paths: Partial<VideoPaths>;
}

/** One model under test, fully resolved: where, how and with what parameters. Tell the kinds apart by `format`. */
export type ModelTarget = GenerationTarget | VideoTarget;
