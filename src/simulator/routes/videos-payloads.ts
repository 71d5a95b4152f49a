import { renderOpenAiError, type ErrorRenderer } from '../error-envelope.js';
import { hash32 } from '../random.js';
import type { VideoTask } from './videos-tasks.js';

/**
 * The task envelope `{code, message, data}` of the video routes (models-and-errors.md §3).
 * Auth failures are raised before the task relay, so they keep the OpenAI envelope (video-tasks.md §5).
 */
export const renderTaskError: ErrorRenderer = (error) => {
  if (error.status === 401) return renderOpenAiError(error);
  return {
    contentType: 'application/json',
    body: JSON.stringify({ code: error.code || error.type, message: error.message, data: null }),
  };
};

/** The exact body the gateway sends for an unknown task id (video-tasks.md §5). */
export const taskNotExistBody = JSON.stringify({ code: 'task_not_exist', message: 'task_not_exist', data: null });

/** Where the view of a task is read from. */
export interface TaskViewOptions {
  now: number;
  /** The signed file URL, for succeeded tasks. */
  fileUrl: string | null;
  /** True when Ark has expired a stuck task while the gateway still reports it in progress. */
  expiredUpstream: boolean;
}

const seconds = (ms: number): number => Math.floor(ms / 1000);

/** Ark's video token count: width × height × 24 fps × seconds / 1024 (video-tasks.md §3). */
export function videoTokens(task: VideoTask): number {
  const short = Number.parseInt(task.resolution, 10) || 720;
  const [wide, high] = /^\d+:\d+$/.test(task.ratio) ? task.ratio.split(':').map(Number) : [16, 9];
  const [width, height] =
    wide >= high ? [Math.round((short * wide) / high), short] : [short, Math.round((short * high) / wide)];
  return Math.floor((width * height * 24 * task.durationSeconds) / 1024);
}

/** Ark's `{completion_tokens, total_tokens}` for a finished video. */
export function videoUsage(task: VideoTask): { completion_tokens: number; total_tokens: number } {
  const tokens = videoTokens(task);
  return { completion_tokens: tokens, total_tokens: tokens };
}

/** The moderation failure a failed task reports, input-side when images were given. */
export function moderationError(task: VideoTask): { code: string; message: string } {
  return task.imageUrls.length > 0
    ? {
        code: 'InputImageSensitiveContentDetected',
        message: 'The request failed because the input image may contain sensitive information.',
      }
    : {
        code: 'OutputVideoSensitiveContentDetected',
        message: 'The request failed because the output video may contain sensitive information.',
      };
}

/** The gateway's progress heuristic per phase (video-tasks.md §2.1); an upstream-expired task shows 30. */
function progressOf(task: VideoTask, options: TaskViewOptions): number {
  if (task.phase === 'queued') return task.polls === 0 ? 0 : 10;
  if (task.phase === 'running') return options.expiredUpstream ? 30 : 50;
  return 100;
}

/** The `/v1/videos` object for a task (video-tasks.md §1.4, §2). */
export function videoObject(
  task: VideoTask,
  options: TaskViewOptions & { withUsage: boolean },
): Record<string, unknown> {
  const status = { queued: 'queued', running: 'in_progress', succeeded: 'completed', failed: 'failed' }[task.phase];
  const body: Record<string, unknown> = {
    id: task.taskId,
    task_id: task.taskId,
    object: 'video',
    model: task.model,
    status,
    progress: progressOf(task, options),
    created_at: seconds(task.createdAt),
  };
  if (task.polls === 0) return body;
  body.completed_at = seconds(task.finishedAt ?? options.now);
  body.metadata = { url: task.phase === 'succeeded' ? (options.fileUrl ?? '') : '' };
  if (task.phase === 'failed') body.error = moderationError(task);
  if (task.phase === 'succeeded' && options.withUsage) body.usage = videoUsage(task);
  return body;
}

/** Ark's own task object (video-tasks.md §2.3), as the task record carries it. */
function arkTask(task: VideoTask, options: TaskViewOptions): Record<string, unknown> {
  const status = options.expiredUpstream
    ? 'expired'
    : { queued: 'queued', running: 'running', succeeded: 'succeeded', failed: 'failed' }[task.phase];
  const body: Record<string, unknown> = { id: `cgt-${task.taskId.slice(5)}`, model: task.model, status };
  if (task.phase === 'succeeded') {
    body.content = { video_url: options.fileUrl ?? '' };
    body.usage = videoUsage(task);
  }
  body.error = task.phase === 'failed' ? moderationError(task) : null;
  Object.assign(body, {
    created_at: seconds(task.createdAt),
    updated_at: seconds(task.finishedAt ?? options.now),
    // Ark reports the seed it actually used when the request asked for a random one (-1).
    seed: task.seed >= 0 ? task.seed : hash32(task.taskId) % 2_147_483_647,
    resolution: task.resolution,
    ratio: task.ratio,
    duration: task.durationSeconds,
    framespersecond: 24,
  });
  return body;
}

/** The gateway's task record of `GET /v1/video/generations/{id}` (video-tasks.md §2.2). */
export function taskRecord(task: VideoTask, options: TaskViewOptions): Record<string, unknown> {
  // The gateway maps Ark statuses it does not know (expired, cancelled) to IN_PROGRESS (§2.1).
  const status = { queued: 'QUEUED', running: 'IN_PROGRESS', succeeded: 'SUCCESS', failed: 'FAILURE' }[task.phase];
  return {
    code: 'success',
    message: '',
    data: {
      task_id: task.taskId,
      action: 'generate',
      status,
      fail_reason: task.phase === 'failed' ? moderationError(task).message : '',
      submit_time: seconds(task.createdAt),
      start_time: task.startedAt === null ? 0 : seconds(task.startedAt),
      finish_time: task.finishedAt === null ? 0 : seconds(task.finishedAt),
      progress: `${progressOf(task, options)}%`,
      data: arkTask(task, options),
    },
  };
}
