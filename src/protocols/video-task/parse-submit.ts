import { classifyErrorPayload } from '../http-errors.js';
import { failed, succeeded, type Failure, type Outcome } from '../types.js';
import { epochMs, idText, isRecord } from './json.js';
import { fillTaskId, resolveVideoPaths } from './paths.js';
import type { ParseSubmitOptions, VideoSubmitted } from './types.js';

/** A submit answer that cannot be polled. Never `transient`: a task may exist, and resubmitting costs a second video. */
function unusable(message: string, payload: unknown): Failure {
  return classifyErrorPayload({ payload, label: message, fallbackKind: 'invalid-request' });
}

/**
 * Finds the task id: `id`, then `task_id` (video-tasks.md §1.4; either may be the only
 * one, §6 item 7), then the same inside a `data` wrapper (the task-record routes, §2.2),
 * or `data` itself when it is a plain id string.
 */
function findTaskId(body: Record<string, unknown>): string | null {
  const direct = idText(body.id) ?? idText(body.task_id);
  if (direct !== null) return direct;
  const data = body.data;
  if (isRecord(data)) return idText(data.task_id) ?? idText(data.id);
  return typeof data === 'string' ? idText(data) : null;
}

/**
 * Reads a 2xx submit body into a handle. The handle keeps the submitted model (the
 * body's `model` may differ), the creation time (`created_at` or `submit_time`, epoch
 * seconds) when given, and the poll path with the id filled in. A body carrying an
 * error object, a non-`success` code without an id, or no id at all becomes an
 * `invalid-request` failure.
 */
export function parseVideoSubmit(options: ParseSubmitOptions): Outcome<VideoSubmitted> {
  const { body } = options;
  if (!isRecord(body)) return failed(unusable('submit response is not a JSON object', body));
  if (isRecord(body.error)) return failed(unusable('submit rejected', body));
  const taskId = findTaskId(body);
  if (taskId === null) {
    const code = idText(body.code);
    return failed(
      unusable(code !== null && code !== 'success' ? 'submit rejected' : 'submit response has no task id', body),
    );
  }
  const data = isRecord(body.data) ? body.data : {};
  const submittedAt = epochMs(body.created_at) ?? epochMs(data.submit_time) ?? epochMs(data.created_at);
  const pollPath = fillTaskId({ template: resolveVideoPaths(options.paths).pollPath, taskId });
  const handle = { taskId, model: options.model, pollPath, ...(submittedAt === null ? {} : { submittedAt }) };
  return succeeded({ handle });
}
