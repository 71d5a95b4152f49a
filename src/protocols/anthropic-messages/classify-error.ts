import { classifyHttpFailureByResponseDate, readErrorBody } from '../http-errors.js';
import type { Failure, FailureKind, ResponseHeaders } from '../types.js';

/** Anthropic's documented error types and what they mean (anthropic-messages.md §7). */
const kindByAnthropicType: Record<string, FailureKind> = {
  invalid_request_error: 'invalid-request',
  authentication_error: 'auth',
  permission_error: 'auth',
  not_found_error: 'invalid-request',
  request_too_large: 'invalid-request',
  rate_limit_error: 'rate-limit',
  api_error: 'transient',
  overloaded_error: 'transient',
};

/**
 * Classifies a non-2xx `/v1/messages` response with the shared classifier (both envelopes,
 * HTML pages, Retry-After and `anthropic-ratelimit-*-reset` measured from the `date`
 * header), then lets a documented Anthropic `error.type` decide the kind, because
 * operators can remap statuses (an upstream 429 may arrive as 500) while the type
 * survives. A quota verdict is never overridden: an empty account must stop the model.
 * Gateway types such as `new_api_error` leave the status-based kind alone.
 */
export function classifyMessagesError(options: {
  status: number;
  headers: ResponseHeaders;
  bodyText: string;
}): Failure {
  const failure = classifyHttpFailureByResponseDate(options);
  const type = readErrorBody(options.bodyText).type;
  const kind = type !== null && Object.hasOwn(kindByAnthropicType, type) ? kindByAnthropicType[type] : null;
  return kind === null || failure.kind === 'quota' ? failure : { ...failure, kind };
}
