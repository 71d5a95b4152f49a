import { join } from 'node:path';
import type { Failure } from '../../protocols/types.js';
import type { VideoHandle, VideoPollResult, VideoSubmitted } from '../../protocols/video-task/types.js';
import type { ResultRecord, VideoFields } from '../../results/result-record.js';
import type { JobEnvironment, VideoJob } from '../job.js';
import { retryLoop } from '../send-with-retries.js';
import { buildVideoRecord } from './build-video-record.js';
import { downloadVideo } from './download.js';
import { videoInputFromSample } from './input-from-sample.js';
import { jsonAttempt } from './json-attempt.js';

/** How video tasks are polled and kept; from the `--video-*` flags and `--download`. */
export interface VideoRunSettings {
  /** First wait between polls; grows by half each time up to `maxPollIntervalMs`. */
  pollIntervalMs: number;
  maxPollIntervalMs: number;
  /** A task still unfinished this long after its submit is recorded as timed out. */
  deadlineMs: number;
  /** Polls in flight at once, across all video models (separate from submissions). */
  polls: { acquire(): Promise<void>; release(): void };
  /** Download finished videos into `<run>/videos/`. */
  download: boolean;
  runDir: string;
}

/** A video row to resume: the pending line a killed or interrupted run left. */
export type PendingVideo = Pick<VideoFields, 'handle' | 'submitted_at'>;

/**
 * One video row: submit once (only failures that surely created no task are
 * retried, since every accepted submit is a billed video), append a `pending`
 * line with the task id at once, then poll with growing intervals until the
 * task ends or its deadline passes, and download the video when asked. A
 * resumed row starts from its pending line and never submits again. Returns
 * null when the run is stopping (the pending line stays for the resume).
 */
export async function runVideoJob(options: {
  job: VideoJob;
  environment: JobEnvironment;
  settings: VideoRunSettings;
  resume: PendingVideo | null;
  onPending: (record: ResultRecord) => void;
  /** Called once the task exists (or never will): the model's submission slot is free again while polling goes on. */
  onSubmitted: () => void;
}): Promise<ResultRecord | null> {
  const { job, environment } = options;
  const { target } = job;
  const { video } = target;
  const startedAt = new Date(Date.now() - job.ticketWaitMs);
  const base = { job, startedAt };
  const input = videoInputFromSample(job.sample);
  const problems = video.codec.validate({ input, params: video.params });
  if (problems.length > 0) {
    const failure: Failure = {
      kind: 'invalid-request',
      message: `not submitted: ${problems.join('; ')}`,
      status: null,
      code: 'invalid_video_input',
      retryAfterMs: null,
    };
    return buildVideoRecord({ ...base, failure, video: null, attempts: 0 });
  }
  let handle: VideoHandle;
  let submittedAt: string;
  if (options.resume) {
    handle = options.resume.handle;
    submittedAt = options.resume.submitted_at;
    options.onSubmitted();
  } else {
    const submitted = await retryLoop<VideoSubmitted>({
      lane: job.lane,
      environment,
      startedAt: job.queuedAt,
      estimatedTokens: 0,
      tokensUsed: () => null,
      // Retry only what surely created no task: a rate limit or an error the gateway answered.
      retryable: (failure) =>
        failure.kind === 'rate-limit' || (failure.kind === 'transient' && failure.status !== null),
      attempt: () =>
        jsonAttempt({
          ...transportOf(environment),
          endpoint: target.endpoint,
          wire: video.codec.buildSubmit({
            input,
            model: target.modelId,
            params: video.params,
            endpoint: target.endpoint,
            paths: video.paths,
          }),
          parse: (body) => video.codec.parseSubmit({ body, model: target.modelId, paths: video.paths }),
          classify: (response) => video.codec.classifyError(response),
        }),
    });
    options.onSubmitted();
    if (!submitted) return null;
    const outcome = submitted.last.outcome;
    if (!outcome.ok)
      return buildVideoRecord({ ...base, failure: outcome.failure, video: null, attempts: submitted.attempts });
    handle = outcome.value.handle;
    submittedAt = new Date().toISOString();
    const pending: VideoFields = { ...emptyVideo(handle, submittedAt), state: 'pending' };
    options.onPending(
      buildVideoRecord({ ...base, failure: null, video: pending, attempts: submitted.attempts, pending: true }),
    );
  }
  return pollUntilDone({ ...options, handle, submittedAt, startedAt });
}

async function pollUntilDone(options: {
  job: VideoJob;
  environment: JobEnvironment;
  settings: VideoRunSettings;
  handle: VideoHandle;
  submittedAt: string;
  startedAt: Date;
}): Promise<ResultRecord | null> {
  const { job, environment, settings, handle } = options;
  const { target } = job;
  const { video } = target;
  const submittedMs = Date.parse(options.submittedAt);
  const fields = emptyVideo(handle, options.submittedAt);
  const base = { job, startedAt: options.startedAt };
  let interval = settings.pollIntervalMs;
  for (;;) {
    if (Date.now() - submittedMs > settings.deadlineMs) {
      const failure: Failure = {
        kind: 'timeout',
        message: `task ${handle.taskId} still unfinished after ${Math.round(settings.deadlineMs / 1000)} s`,
        status: null,
        code: 'task_deadline',
        retryAfterMs: null,
      };
      return buildVideoRecord({
        ...base,
        failure,
        video: { ...fields, state: 'timed-out', time_to_done_ms: null },
        attempts: 1,
      });
    }
    // Never sleep past the deadline, so a stuck task is recorded on time.
    await environment.sleep(
      Math.max(0, Math.min(interval, submittedMs + settings.deadlineMs - Date.now() + 1)),
      environment.stopScheduling,
    );
    if (environment.stopScheduling.aborted) return null;
    interval = Math.min(settings.maxPollIntervalMs, Math.round(interval * 1.5));
    await settings.polls.acquire();
    let polled: Awaited<ReturnType<typeof retryLoop<VideoPollResult>>>;
    try {
      polled = await retryLoop<VideoPollResult>({
        lane: job.lane,
        environment,
        startedAt: performance.now(),
        estimatedTokens: 0,
        tokensUsed: () => null,
        attempt: () =>
          jsonAttempt({
            ...transportOf(environment),
            endpoint: target.endpoint,
            wire: video.codec.buildPoll({ handle, endpoint: target.endpoint, paths: video.paths }),
            parse: (body) => video.codec.parsePoll(body),
            classify: (response) => video.codec.classifyError(response),
          }),
      });
    } finally {
      settings.polls.release();
    }
    if (!polled) return null;
    fields.polls += 1;
    if (!polled.last.outcome.ok) {
      const { failure } = polled.last.outcome;
      // The task may still be running: keep polling until the deadline, unless the key or quota is the problem.
      if (failure.kind === 'auth' || failure.kind === 'quota')
        return buildVideoRecord({ ...base, failure, video: fields, attempts: 1 });
      continue;
    }
    const outcome = polled.last.outcome.value;
    fields.status_raw = outcome.status;
    if (outcome.state === 'pending') continue;
    fields.time_to_done_ms = Date.now() - submittedMs;
    if (outcome.state === 'failed') {
      const failure: Failure = {
        kind: 'invalid-request',
        message: `task failed: ${outcome.reason}`,
        status: null,
        code: outcome.code,
        retryAfterMs: null,
      };
      return buildVideoRecord({
        ...base,
        failure,
        video: { ...fields, state: 'failed', failure_reason: outcome.reason },
        attempts: 1,
      });
    }
    fields.state = 'succeeded';
    fields.video_url = outcome.videoUrl;
    if (settings.download) {
      try {
        const saved = await downloadVideo({
          url: outcome.videoUrl,
          file: join(settings.runDir, 'videos', `${job.key}.mp4`),
          agent: environment.agent,
          signal: environment.cancelInFlight,
        });
        fields.file = join('videos', `${job.key}.mp4`);
        fields.bytes = saved.bytes;
        fields.sha256 = saved.sha256;
      } catch (error) {
        const failure: Failure = {
          kind: 'transient',
          message: `video finished but the download failed: ${(error as Error).message}`,
          status: null,
          code: 'download_failed',
          retryAfterMs: null,
        };
        return buildVideoRecord({ ...base, failure, video: fields, attempts: 1 });
      }
    }
    return buildVideoRecord({ ...base, failure: null, video: fields, attempts: 1, usage: outcome.usage });
  }
}

function transportOf(environment: JobEnvironment) {
  return {
    agent: environment.agent,
    apiKey: environment.apiKey,
    timeouts: environment.timeouts,
    signal: environment.cancelInFlight,
    maxBodyBytes: environment.maxAnswerBytes,
  };
}

function emptyVideo(handle: VideoHandle, submittedAt: string): VideoFields {
  return {
    task_id: handle.taskId,
    handle,
    state: 'pending',
    status_raw: null,
    failure_reason: null,
    video_url: null,
    file: null,
    bytes: null,
    sha256: null,
    submitted_at: submittedAt,
    time_to_done_ms: null,
    polls: 0,
  };
}
