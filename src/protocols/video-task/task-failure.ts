import type { Failure } from '../types.js';
import type { VideoFailed } from './types.js';

const maxMessageLength = 500;

/**
 * A failed task as a Failure record. Always `invalid-request`, never a retryable kind:
 * retrying would resubmit, and every submission is a billed video (video-tasks.md §6 item 10).
 * `code` is the upstream code (or the terminal status); `status` is null because the
 * HTTP exchange itself succeeded.
 */
export function taskFailure(result: VideoFailed): Failure {
  const message = `video task ${result.status}: ${result.reason}`;
  return {
    kind: 'invalid-request',
    message: message.length > maxMessageLength ? `${message.slice(0, maxMessageLength - 1)}…` : message,
    status: null,
    code: result.code,
    retryAfterMs: null,
  };
}
