import { classifyErrorPayload } from '../http-errors.js';
import { isRecord } from '../json-values.js';
import type { Failure, FailureKind } from '../types.js';

/**
 * Google status names (gemini-native.md §7) that the shared code table does not know,
 * and what they mean when they arrive without an HTTP status (200 body, stream line).
 */
const kindByGoogleStatus: Record<string, FailureKind> = {
  PERMISSION_DENIED: 'auth',
  UNAUTHENTICATED: 'auth',
  NOT_FOUND: 'invalid-request',
  FAILED_PRECONDITION: 'invalid-request',
  DEADLINE_EXCEEDED: 'timeout',
  INTERNAL: 'transient',
};

/**
 * Classifies an error object found inside a 2xx answer with `classifyErrorPayload`: known
 * codes (`RESOURCE_EXHAUSTED`, `INVALID_ARGUMENT`, `UNAVAILABLE`, gateway codes) decide as
 * they do everywhere; otherwise the Google status name above decides; otherwise transient.
 */
export function classifyGeminiErrorPayload(options: { payload: Record<string, unknown>; label: string }): Failure {
  const error = options.payload.error;
  const status = isRecord(error) && typeof error.status === 'string' ? error.status : '';
  const fallbackKind = Object.hasOwn(kindByGoogleStatus, status) ? kindByGoogleStatus[status] : 'transient';
  return classifyErrorPayload({ payload: options.payload, label: options.label, fallbackKind });
}
