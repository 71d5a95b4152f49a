import type { Agent } from './http-client.js';
import { createSseDecoder } from '../protocols/sse.js';
import {
  failed,
  type Call,
  type Codec,
  type Completion,
  type Endpoint,
  type Failure,
  type Outcome,
  type ParseContext,
} from '../protocols/types.js';
import { type RateLimitInfo, readRateLimitHeaders } from '../protocols/rate-limit-headers.js';
import type { Timeouts } from '../settings/timeouts.js';
import type { Attempted } from './attempted.js';
import { AttemptAbort, AttemptTimeout, type AbortState } from './attempt-abort.js';
import { BodyTooLarge, headerValue, openRequest, type OpenResponse, readBodyText } from './transport.js';

/** The outcome of one generation attempt, with its timings. */
export type AttemptResult = Attempted<Completion>;

/** Everything one attempt needs; built once per job. */
export interface AttemptInput {
  agent: Agent;
  codec: Codec;
  call: Call;
  endpoint: Endpoint;
  apiKey: string;
  timeouts: Timeouts;
  context: ParseContext;
  /** Aborted when the run is being torn down. */
  signal: AbortSignal;
  /** The largest response body read, in bytes (`--max-answer-mb`). */
  maxBodyBytes: number;
}

/** Sends one request and reads it to the end. Never throws: every problem becomes a Failure. */
export async function executeAttempt(input: AttemptInput): Promise<AttemptResult> {
  const wire = input.codec.buildRequest({ call: input.call, endpoint: input.endpoint });
  const signal = new AttemptAbort(input.signal, input.timeouts.totalMs);
  const started = performance.now();
  let requestId: string | null = null;
  let simulated = false;
  let rateLimit: RateLimitInfo | null = null;
  let firstToken: number | null = null;
  let tokenEvents = 0;
  let folder: ReturnType<Codec['createStreamFolder']> | null = null;
  try {
    const response = await openRequest({ ...input, wire, auth: input.endpoint.auth, signal });
    requestId = headerValue(response.headers, 'x-oneapi-request-id');
    simulated = headerValue(response.headers, 'x-mixrouter-simulated') === '1';
    rateLimit = readRateLimitHeaders(response.headers, Date.now());
    let outcome: Outcome<Completion>;
    if (response.status < 200 || response.status >= 300) {
      const bodyText = await readBodyText(response.body, input.maxBodyBytes);
      outcome = failed(input.codec.classifyError({ status: response.status, headers: response.headers, bodyText }));
    } else if (wire.stream && isEventStream(response)) {
      folder = input.codec.createStreamFolder(input.context);
      const decoder = createSseDecoder();
      const utf8 = new TextDecoder();
      let bytes = 0;
      for await (const chunk of response.body) {
        bytes += chunk.length;
        if (bytes > input.maxBodyBytes) throw new BodyTooLarge(input.maxBodyBytes);
        for (const event of decoder.feed(utf8.decode(chunk, { stream: true }))) {
          if (!folder.push(event)) continue;
          tokenEvents += 1;
          firstToken ??= performance.now();
        }
      }
      for (const event of decoder.feed(utf8.decode())) folder.push(event);
      for (const event of decoder.end()) folder.push(event);
      outcome = folder.finish();
    } else {
      outcome = parseJsonBody(input, await readBodyText(response.body, input.maxBodyBytes));
    }
    const ended = performance.now();
    return timings({ outcome, started, ended, firstToken, requestId, tokenEvents, simulated, rateLimit });
  } catch (error) {
    const ended = performance.now();
    const failure = failureFromError(error, signal, input.timeouts, wire.stream);
    if (folder) {
      // What arrived before the transfer broke stays with the failure.
      const folded = folder.finish();
      const partial = folded.ok ? folded.value : folded.failure.partial;
      if (partial) failure.partial = partial;
    }
    return timings({
      outcome: failed(failure),
      started,
      ended,
      firstToken,
      requestId,
      tokenEvents,
      simulated,
      rateLimit,
    });
  } finally {
    signal.release();
  }
}

function timings(options: {
  outcome: Outcome<Completion>;
  started: number;
  ended: number;
  firstToken: number | null;
  requestId: string | null;
  tokenEvents: number;
  simulated: boolean;
  rateLimit: RateLimitInfo | null;
}): AttemptResult {
  const { started, ended, firstToken } = options;
  return {
    outcome: options.outcome,
    latencyMs: round(ended - started),
    ttftMs: firstToken === null ? null : round(firstToken - started),
    generationMs: firstToken === null ? null : round(ended - firstToken),
    requestId: options.requestId,
    tokenEvents: options.tokenEvents,
    simulated: options.simulated,
    rateLimit: options.rateLimit,
  };
}

function round(milliseconds: number): number {
  return Math.round(milliseconds * 10) / 10;
}

function isEventStream(response: OpenResponse): boolean {
  const type = headerValue(response.headers, 'content-type') ?? '';
  return type.includes('text/event-stream') || type === '';
}

function parseJsonBody(input: AttemptInput, bodyText: string): Outcome<Completion> {
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    // A 200 whose body is not JSON is a cut or garbled transfer: worth another attempt.
    return failed(transient(`response body is not valid JSON: ${bodyText.slice(0, 200)}`));
  }
  return input.codec.parseResponse(body, input.context);
}

function transient(message: string): Failure {
  return { kind: 'transient', message, status: null, code: null, retryAfterMs: null };
}

/**
 * Maps what undici or the abort machinery threw onto a typed failure (`signal` is the
 * attempt's own; `streamed` says whether the request asked for an event stream: a body
 * that went quiet is called a stalled stream only then, and a non-streamed request waits
 * for its headers as long as the whole attempt may take).
 */
export function failureFromError(error: unknown, signal: AbortState, timeouts: Timeouts, streamed = false): Failure {
  if (error instanceof BodyTooLarge) return { ...transient(error.message), kind: 'too-large' };
  if (signal.aborted) {
    if (signal.reason instanceof AttemptTimeout) {
      return { ...transient(`timed out: no complete response within ${timeouts.totalMs / 1000} s`), kind: 'timeout' };
    }
    return { ...transient('request canceled because the run is stopping'), kind: 'canceled' };
  }
  const code = (error as { code?: string }).code ?? '';
  const message = error instanceof Error ? error.message : String(error);
  switch (code) {
    case 'UND_ERR_HEADERS_TIMEOUT':
      return streamed
        ? { ...transient(`no response headers within ${timeouts.firstByteMs / 1000} s`), kind: 'timeout' }
        : { ...transient(`timed out: no response within ${timeouts.totalMs / 1000} s`), kind: 'timeout' };
    case 'UND_ERR_BODY_TIMEOUT':
      return streamed
        ? { ...transient(`stream stalled: nothing for ${timeouts.stallMs / 1000} s`), kind: 'timeout' }
        : {
            ...transient(
              `timed out: the response body went silent for ${timeouts.stallMs / 1000} s before it was complete`,
            ),
            kind: 'timeout',
          };
    case 'UND_ERR_CONNECT_TIMEOUT':
      return { ...transient(`connect timed out after ${timeouts.connectMs / 1000} s`), kind: 'timeout' };
    default:
      return transient(`connection error${code ? ` (${code})` : ''}: ${message}`);
  }
}
