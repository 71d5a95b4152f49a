import type { OutgoingHttpHeaders } from 'node:http';
import { shortHash } from '../../util/hash.js';
import { deliverJson, deliverStream, isBodyFault } from '../delivery.js';
import { gatewayErrors, googleErrors, renderGoogleError, withRequestId, type GatewayError } from '../error-envelope.js';
import type { FaultName } from '../faults.js';
import { sendReplacingFault } from '../fault-replies.js';
import { generate } from '../generation.js';
import { readJsonObject, sendError } from '../http-reply.js';
import { totalDelayMs } from '../latency.js';
import { randomAlphanumeric } from '../random.js';
import type { Route, RouteContext } from '../route-context.js';
import { bearerKey } from '../router.js';
import { countPromptTokens } from '../tokens.js';
import {
  geminiBody,
  geminiErrorFrame,
  geminiErrorJson,
  geminiFrames,
  geminiGarbageFrame,
  type GeminiReply,
} from './gemini-payloads.js';
import { parseGeminiRequest } from './gemini-request.js';
import { type Admission, admitGeneration } from './admit.js';

/** `/v1beta/models/{model}:{action}`; the action follows the last colon, which clients may percent-encode. */
const pathPattern = /^\/v1beta\/models\/(.+)(?::|%3[aA])(generateContent|streamGenerateContent)$/;

/** Upstream (Google-made) errors keep Google's envelope; gateway-made ones use the route's OpenAI envelope. */
function sendGoogleError(context: RouteContext, error: GatewayError, headers?: OutgoingHttpHeaders): void {
  sendError({ ...context, renderError: renderGoogleError }, error, headers);
}

/** Header keys only: the newest gateway refuses `?key=` (gemini-native.md, auth). */
function authorised(context: RouteContext): boolean {
  if (context.query.has('key')) {
    sendError(context, {
      status: 401,
      message: 'API key in query string is not allowed',
      type: 'new_api_error',
      code: '',
    });
    return false;
  }
  const key = bearerKey(context.request);
  if (key === context.state.apiKey) return true;
  sendError(context, key ? gatewayErrors.invalidKey() : gatewayErrors.missingKey());
  return false;
}

/** Answers a response-replacing fault as a Gemini upstream would; returns the status (0 for a reset). */
function sendGeminiFault(context: RouteContext, fault: FaultName): number {
  const faults = context.state.faults.current;
  switch (fault) {
    case 'rateLimit':
      sendGoogleError(context, googleErrors.resourceExhausted());
      return 429;
    case 'rateLimitRetryAfter': {
      const headers: OutgoingHttpHeaders = { 'Retry-After': String(faults.retryAfterSeconds ?? 1) };
      if (faults.retryAfterMs !== undefined) headers['retry-after-ms'] = String(faults.retryAfterMs);
      sendGoogleError(context, googleErrors.resourceExhausted(), headers);
      return 429;
    }
    case 'serverError':
      sendGoogleError(context, googleErrors.internal());
      return 500;
    case 'overloaded':
      sendGoogleError(context, googleErrors.unavailable());
      return 503;
    default:
      return sendReplacingFault(context, fault);
  }
}

/** Faults and limiter 429s in Google's own envelope. */
const geminiAdmission: Admission = { sendFault: sendGeminiFault, limitFlavour: 'google' };

/** Gemini 2.5 and later cache repeated prompt prefixes implicitly. */
function cachesImplicitly(model: string): boolean {
  return /^gemini-(2\.5|[3-9])/i.test(model);
}

function decodeModel(raw: string): string | null {
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

async function handle(context: RouteContext): Promise<void> {
  const { state } = context;
  if (!authorised(context)) {
    context.request.resume();
    return;
  }
  const model = decodeModel(context.params[0]);
  const stream = context.params[1] === 'streamGenerateContent';
  const body = await readJsonObject(context.request);
  if (model === null) {
    sendGoogleError(context, googleErrors.invalidArgument(`malformed model name in path: ${context.params[0]}`));
    return;
  }
  if (!body) {
    sendError(context, {
      ...gatewayErrors.badBody('invalid request body: not a JSON object'),
      code: 'bad_request_body',
    });
    context.record({ model, stream, promptHash: null, status: 400, fault: null, usage: null });
    return;
  }
  // Without alt=sse Google streams one JSON array; clients must ask for SSE (gemini-native.md §3).
  const parsed =
    stream && context.query.get('alt') !== 'sse'
      ? { ok: false as const, message: 'streamGenerateContent is served as server-sent events only: add ?alt=sse' }
      : parseGeminiRequest({ body, model });
  if (!parsed.ok) {
    sendGoogleError(context, googleErrors.invalidArgument(parsed.message));
    context.record({ model, stream, promptHash: null, status: 400, fault: null, usage: null });
    return;
  }
  const request = parsed.value;
  const base = { model, stream, promptHash: shortHash(request.conversationJson) };
  const promptTokens = countPromptTokens(request.contents);
  const admitted = admitGeneration(context, base, promptTokens + (request.maxOutputTokens ?? 0), geminiAdmission);
  if (admitted === 'sent') return;
  const { fault } = admitted;
  const generation = generate(state, {
    seq: context.seq,
    model,
    prompt: request.prompt,
    promptTokens,
    promptHash: base.promptHash,
    thinkingRequested: request.thinkingRequested,
    thinkingDisabled: request.thinkingDisabled,
    maxOutputTokens: request.maxOutputTokens,
    promptCaching: cachesImplicitly(model) ? true : undefined,
  });
  const reply: GeminiReply = {
    responseId: randomAlphanumeric(23),
    modelVersion: model,
    content: generation.content,
    contentTokens: generation.contentTokens,
    thoughts: request.includeThoughts ? generation.reasoning : null,
    finish: generation.finish,
    usage: generation.usage,
  };
  const bodyFault = isBodyFault(fault) ? fault : null;
  const errorMessage = withRequestId('upstream stream interrupted', context.requestId);
  if (!stream) {
    context.record({ ...base, status: 200, fault, usage: bodyFault ? null : generation.usage });
    await deliverJson(context, {
      body: geminiBody(reply),
      delayMs: totalDelayMs(generation.timing, generation.usage.output),
      fault: bodyFault,
      errorBody: geminiErrorJson(errorMessage),
    });
    return;
  }
  const usageReaches = bodyFault === null || bodyFault === 'malformedJson';
  context.record({ ...base, status: 200, fault, usage: usageReaches ? generation.usage : null });
  await deliverStream(context, {
    frames: geminiFrames(reply),
    preamble: '',
    timing: generation.timing,
    fault: bodyFault,
    garbageFrame: geminiGarbageFrame(),
    errorFrame: geminiErrorFrame(errorMessage),
  });
}

/**
 * `POST /v1beta/models/{model}:generateContent` and `…:streamGenerateContent?alt=sse`
 * in Google's native format. The key comes in a header; gateway-made errors use the
 * OpenAI envelope, upstream-made ones Google's.
 */
export const geminiGenerateRoute: Route = { method: 'POST', path: pathPattern, auth: false, handle };
