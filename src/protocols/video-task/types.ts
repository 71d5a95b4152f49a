import type { Endpoint, Failure, Outcome, ResponseHeaders, Usage, WireRequest } from '../types.js';

/** The role an input image plays in an Ark video task (video-tasks.md §1.2). */
export type VideoImageRole = 'first_frame' | 'last_frame' | 'reference_image';

/** One input image: an http(s) or `data:` URL, with an optional role. */
export interface VideoImage {
  url: string;
  role?: VideoImageRole;
}

/** What one dataset row asks the video model for. */
export interface VideoInput {
  /** The text prompt (legacy `--rs 720p` style flags may ride at its end). */
  prompt: string;
  /** Input images, in order; empty for text-to-video. */
  images: VideoImage[];
}

/** Output resolutions Ark accepts (model dependent). */
export type VideoResolution = '480p' | '720p' | '1080p';

/** Aspect ratios Ark accepts. */
export type VideoRatio = '16:9' | '4:3' | '1:1' | '3:4' | '9:16' | '21:9' | 'adaptive';

/** Generation options, from flags or the config file. Every one is optional. */
export interface VideoParams {
  /** Clip length in whole seconds, 2–12 (many models take only 5 or 10). */
  duration?: number;
  resolution?: VideoResolution;
  ratio?: VideoRatio;
  /** −1 asks for a random seed. */
  seed?: number;
  watermark?: boolean;
  cameraFixed?: boolean;
  /** More Ark keys for `metadata` (`generate_audio`, `service_tier`, …), sent as given. */
  extra?: Record<string, unknown>;
}

/**
 * Paths under the endpoint's base URL (which ends in `/v1`). `{task_id}` in the poll
 * path is replaced by the task id. Configurable because the result path on mixrouter
 * is unconfirmed (video-tasks.md §2, §2.2).
 */
export interface VideoPaths {
  /** Default `/videos`. */
  submitPath: string;
  /** Default `/videos/{task_id}`; alternative `/video/generations/{task_id}`. */
  pollPath: string;
}

/**
 * An accepted task, as plain JSON the runner writes into results.jsonl as a
 * `pending` line and reads back on resume.
 */
export interface VideoHandle {
  /** The gateway's task id (opaque). */
  taskId: string;
  /** The model the task was submitted to. */
  model: string;
  /** Epoch milliseconds of the task's creation as the gateway reports it, when it does. */
  submittedAt?: number;
  /** The poll path under the base URL with the id filled in, e.g. `/videos/task_8kTq…`. */
  pollPath: string;
}

/** The task is still queued or running. */
export interface VideoPending {
  state: 'pending';
  /** The status string exactly as the server sent it. */
  status: string;
  /** `queued` until the task starts, `running` after (unknown statuses count as running). */
  phase: 'queued' | 'running';
  /** The gateway's progress, 0–100, or null when absent (a heuristic, not real progress). */
  progress: number | null;
}

/** The task finished with a video. */
export interface VideoSucceeded {
  state: 'succeeded';
  /** Where to download the MP4 (signed; expires after about 24 hours). */
  videoUrl: string;
  /** Ark's token counts when the body carries them; every field null otherwise. */
  usage: Usage;
  /** The status string exactly as the server sent it. */
  status: string;
  /** The whole poll body. */
  raw: unknown;
}

/** The task ended without a video (failed, cancelled, expired, or completed with no URL). */
export interface VideoFailed {
  state: 'failed';
  /** Human-readable reason (the upstream error message when there is one). */
  reason: string;
  /** Upstream error code (`InputImageSensitiveContentDetected`, …), else the terminal status, else null. */
  code: string | null;
  /** The status string exactly as the server sent it. */
  status: string;
  raw: unknown;
}

/** What one poll says about a task. */
export type VideoPollResult = VideoPending | VideoSucceeded | VideoFailed;

/** A submit answer the runner can poll on. */
export interface VideoSubmitted {
  handle: VideoHandle;
}

/** Options of `buildSubmit`. */
export interface BuildSubmitOptions {
  input: VideoInput;
  /** Model id sent on the wire. */
  model: string;
  params: VideoParams;
  endpoint: Endpoint;
  paths?: Partial<VideoPaths>;
}

/** Options of `parseSubmit`. */
export interface ParseSubmitOptions {
  /** A 2xx JSON body of the submit request. */
  body: unknown;
  /** The model that was submitted to, used when the body names none. */
  model: string;
  paths?: Partial<VideoPaths>;
}

/** Options of `buildPoll`. */
export interface BuildPollOptions {
  handle: VideoHandle;
  endpoint: Endpoint;
  /** When it has a `pollPath`, that template wins over the one stored in the handle. */
  paths?: Partial<VideoPaths>;
}

/**
 * The submit/poll codec of Seedance video tasks. Pure: no I/O, no clock, no retries.
 * The runner validates, submits once, stores the handle, polls until a terminal
 * state or its own deadline, then downloads.
 */
export interface VideoTaskCodec {
  format: 'video-task';
  /** Every problem with the input and parameters, checked before anything is sent; empty when fine. */
  validate(options: { input: VideoInput; params: VideoParams }): string[];
  buildSubmit(options: BuildSubmitOptions): WireRequest;
  /** Reads a 2xx submit body; a body without a task id or with an error object is a Failure. */
  parseSubmit(options: ParseSubmitOptions): Outcome<VideoSubmitted>;
  buildPoll(options: BuildPollOptions): WireRequest;
  /** Reads a 2xx poll body; an unreadable body is a `transient` Failure (polling again is safe). */
  parsePoll(body: unknown): Outcome<VideoPollResult>;
  /** Turns a non-2xx response (task envelope `{code,message,data}` or OpenAI envelope) into a typed failure. */
  classifyError(options: { status: number; headers: ResponseHeaders; bodyText: string }): Failure;
}
