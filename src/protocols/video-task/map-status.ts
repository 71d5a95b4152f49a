/** What a task status string means for the runner. */
export type VideoStatusClass = 'queued' | 'running' | 'succeeded' | 'failed';

/**
 * Every status spelling in video-tasks.md §2.1–§2.3, lower-cased: the `/v1/videos`
 * values, the gateway's internal ones (`SUCCESS`, `NOT_START`, …) and Ark's own.
 */
const statusClasses: ReadonlyMap<string, VideoStatusClass> = new Map(
  Object.entries({
    queued: 'queued',
    pending: 'queued',
    submitted: 'queued',
    not_start: 'queued',
    not_started: 'queued',
    in_progress: 'running',
    running: 'running',
    processing: 'running',
    succeeded: 'succeeded',
    success: 'succeeded',
    completed: 'succeeded',
    complete: 'succeeded',
    failed: 'failed',
    failure: 'failed',
    error: 'failed',
    // Ark's cancelled and expired are terminal; only the raw Ark status shows them (the gateway says in_progress).
    cancelled: 'failed',
    canceled: 'failed',
    expired: 'failed',
  } satisfies Record<string, VideoStatusClass>),
);

/**
 * Classifies a status string case-insensitively. An unknown status counts as
 * `running`, as the gateway itself treats it (§2.1); the runner's deadline ends it.
 */
export function classifyVideoStatus(status: string): VideoStatusClass {
  return statusClasses.get(status.trim().toLowerCase()) ?? 'running';
}

/** True for statuses that end a task without a video and say why by themselves (cancelled, expired). */
export function isSelfExplainingFailure(status: string): boolean {
  return ['cancelled', 'canceled', 'expired'].includes(status.trim().toLowerCase());
}
