import { classifyErrorPayload } from '../http-errors.js';
import { failed, succeeded, type Outcome } from '../types.js';
import { convertVideoUsage } from './convert-usage.js';
import { count, isRecord, nonEmpty } from './json.js';
import { classifyVideoStatus, isSelfExplainingFailure } from './map-status.js';
import type { VideoPollResult } from './types.js';

/** The parts of a poll body, whatever its shape. */
interface TaskView {
  /** The object holding the gateway's status (`/v1/videos` object, task record or Ark task). */
  record: Record<string, unknown>;
  /** Ark's raw task inside a task record (video-tasks.md §2.2), when present. */
  upstream: Record<string, unknown> | null;
}

/** Finds the task in a body: the task-record wrapper `{code, data: {status, data: {…}}}` or a bare task object. */
function viewOf(body: Record<string, unknown>): TaskView {
  const data = body.data;
  if (isRecord(data) && body.status === undefined && data.status !== undefined) {
    return { record: data, upstream: isRecord(data.data) ? data.data : null };
  }
  return { record: body, upstream: null };
}

/** Progress as 0–100 from a number or a `"50%"` string; null when absent. */
function progressOf(value: unknown): number | null {
  const parsed = typeof value === 'string' ? Number.parseFloat(value) : value;
  const number = count(parsed);
  return number === null ? null : Math.min(100, number);
}

/** The MP4 link: `metadata.url` on `/v1/videos` (§2), else Ark's `content.video_url` (§2.2, §2.3). */
function videoUrlOf(view: TaskView): string | null {
  const sources = [view.record, view.upstream].filter((source): source is Record<string, unknown> => source !== null);
  for (const source of sources) {
    const url =
      (isRecord(source.metadata) ? nonEmpty(source.metadata.url) : null) ??
      (isRecord(source.content) ? nonEmpty(source.content.video_url) : null) ??
      nonEmpty(source.video_url);
    if (url !== null) return url;
  }
  return null;
}

/** The first `error` object with a message or code, from the record or Ark's task. */
function errorOf(view: TaskView): { message: string | null; code: string | null } | null {
  for (const error of [view.record.error, view.upstream?.error]) {
    if (!isRecord(error)) continue;
    const message = nonEmpty(error.message);
    const code = nonEmpty(error.code) ?? (typeof error.code === 'number' ? String(error.code) : null);
    if (message !== null || code !== null) return { message, code };
  }
  return null;
}

function taskFailed(view: TaskView, status: string, raw: unknown): VideoPollResult {
  const error = errorOf(view);
  const reason = error?.message ?? nonEmpty(view.record.fail_reason) ?? `video task ${status.toLowerCase()}`;
  const code = error?.code ?? (isSelfExplainingFailure(status) ? status.toLowerCase() : null);
  return { state: 'failed', reason, code, status, raw };
}

/**
 * Reads a 2xx poll body in any shape video-tasks.md shows: the `/v1/videos` object
 * (§2), the task record of `/v1/video/generations/{id}` (§2.2) and Ark's own task
 * (§2.3). Statuses map case-insensitively (§2.1). In a task record, Ark's raw status
 * wins when it is terminal, because the gateway reports a cancelled or expired task as
 * still in progress. A success without a video URL is a failure (`no_video_url`). A 200
 * carrying only an error envelope is an `invalid-request` failure; a body without any
 * status is `transient` (polling again is safe).
 */
export function parseVideoPoll(body: unknown): Outcome<VideoPollResult> {
  if (!isRecord(body))
    return failed(
      classifyErrorPayload({ payload: body, label: 'poll response is not a JSON object', fallbackKind: 'transient' }),
    );
  const view = viewOf(body);
  const status = nonEmpty(view.record.status);
  const upstreamStatus = view.upstream ? nonEmpty(view.upstream.status) : null;
  if (status === null && upstreamStatus === null) {
    const isEnvelope = (nonEmpty(body.code) !== null && body.code !== 'success') || isRecord(body.error);
    return failed(
      classifyErrorPayload({
        payload: body,
        label: isEnvelope ? 'poll rejected' : 'poll response has no status',
        fallbackKind: isEnvelope ? 'invalid-request' : 'transient',
      }),
    );
  }
  const gatewayClass = status === null ? null : classifyVideoStatus(status);
  const upstreamClass = upstreamStatus === null ? null : classifyVideoStatus(upstreamStatus);
  if (gatewayClass === 'failed' && status !== null) return succeeded(taskFailed(view, status, body));
  if (upstreamClass === 'failed' && upstreamStatus !== null) return succeeded(taskFailed(view, upstreamStatus, body));
  const shown = status ?? (upstreamStatus as string);
  if (gatewayClass === 'succeeded' || upstreamClass === 'succeeded') {
    const videoUrl = videoUrlOf(view);
    if (videoUrl === null)
      return succeeded({
        state: 'failed',
        reason: 'video task completed without a video URL',
        code: 'no_video_url',
        status: shown,
        raw: body,
      });
    const usage = convertVideoUsage(isRecord(view.record.usage) ? view.record.usage : view.upstream?.usage);
    return succeeded({ state: 'succeeded', videoUrl, usage, status: shown, raw: body });
  }
  const phase = (gatewayClass ?? upstreamClass) === 'queued' ? 'queued' : 'running';
  return succeeded({ state: 'pending', status: shown, phase, progress: progressOf(view.record.progress) });
}
