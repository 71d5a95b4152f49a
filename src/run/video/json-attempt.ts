import { type RateLimitInfo, readRateLimitHeaders } from '../../protocols/rate-limit-headers.js';
import type { Agent } from '../http-client.js';
import {
  failed,
  type Endpoint,
  type Failure,
  type Outcome,
  type ResponseHeaders,
  type WireRequest,
} from '../../protocols/types.js';
import type { Timeouts } from '../../settings/timeouts.js';
import { AttemptAbort } from '../attempt-abort.js';
import { failureFromError } from '../execute-attempt.js';
import type { Attempted } from '../attempted.js';
import { headerValue, openRequest, readBodyText } from '../transport.js';

/**
 * One plain JSON request (a video submit or poll): send, read the whole
 * body, then let the codec read a 2xx body or classify an error. Never
 * throws; every problem becomes a typed failure, like a chat attempt.
 */
export async function jsonAttempt<T>(options: {
  agent: Agent;
  wire: WireRequest;
  endpoint: Endpoint;
  apiKey: string;
  timeouts: Timeouts;
  signal: AbortSignal;
  /** The largest response body read, in bytes. */
  maxBodyBytes: number;
  parse: (body: unknown) => Outcome<T>;
  classify: (response: { status: number; headers: ResponseHeaders; bodyText: string }) => Failure;
}): Promise<Attempted<T>> {
  const signal = new AttemptAbort(options.signal, options.timeouts.totalMs);
  const started = performance.now();
  let requestId: string | null = null;
  let simulated = false;
  let rateLimit: RateLimitInfo | null = null;
  let outcome: Outcome<T>;
  try {
    const response = await openRequest({ ...options, auth: options.endpoint.auth, signal });
    requestId = headerValue(response.headers, 'x-oneapi-request-id');
    simulated = headerValue(response.headers, 'x-mixrouter-simulated') === '1';
    rateLimit = readRateLimitHeaders(response.headers, Date.now());
    const bodyText = await readBodyText(response.body, options.maxBodyBytes);
    if (response.status < 200 || response.status >= 300) {
      outcome = failed(options.classify({ status: response.status, headers: response.headers, bodyText }));
    } else {
      outcome = parseJson(bodyText, options.parse);
    }
  } catch (error) {
    outcome = failed(failureFromError(error, signal, options.timeouts));
  } finally {
    signal.release();
  }
  return {
    outcome,
    latencyMs: Math.round((performance.now() - started) * 10) / 10,
    ttftMs: null,
    generationMs: null,
    requestId,
    tokenEvents: 0,
    simulated,
    rateLimit,
  };
}

function parseJson<T>(bodyText: string, parse: (body: unknown) => Outcome<T>): Outcome<T> {
  try {
    return parse(JSON.parse(bodyText));
  } catch {
    return failed({
      kind: 'transient',
      message: `response body is not valid JSON: ${bodyText.slice(0, 200)}`,
      status: null,
      code: null,
      retryAfterMs: null,
    });
  }
}
