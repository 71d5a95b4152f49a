import { randomBytes } from 'node:crypto';
import { shortHash } from '../../util/hash.js';
import { deliverJson, deliverStream, isBodyFault } from '../delivery.js';
import { gatewayErrors, renderAnthropicError, withRequestId } from '../error-envelope.js';
import { generate, type Generation } from '../generation.js';
import { readJsonObject, sendError } from '../http-reply.js';
import { totalDelayMs } from '../latency.js';
import type { BilledUsage } from '../ledger.js';
import { cacheablePrefixTokens } from '../prompt-cache.js';
import { randomAlphanumeric } from '../random.js';
import type { Route, RouteContext } from '../route-context.js';
import { countPromptTokens } from '../tokens.js';
import {
  messagesBody,
  messagesErrorJson,
  messagesFrames,
  messagesGarbageFrame,
  type MessagesReply,
} from './messages-payloads.js';
import { parseMessagesRequest } from './messages-request.js';
import { type Admission, admitGeneration, recordRejected } from './admit.js';

/** Anthropic's smallest cacheable prompt (Sonnet and Opus); shorter first sights write nothing. */
const minimumCacheableTokens = 1024;

/** Limiter 429s as Anthropic words them. */
const messagesAdmission: Admission = { limitFlavour: 'anthropic' };

/** Billed usage with the cache write split out: the billed input is input + cache read + cache write. */
function billedUsage(options: { generation: Generation; promptTokens: number; caching: boolean }): BilledUsage {
  const { usage } = options.generation;
  const firstSight = options.caching && usage.cached === 0 && options.promptTokens >= minimumCacheableTokens;
  return { ...usage, cacheWrite: firstSight ? cacheablePrefixTokens(options.promptTokens) : 0 };
}

function replyOf(options: { model: string; generation: Generation; usage: BilledUsage }): MessagesReply {
  const { generation, usage } = options;
  const cacheWrite = usage.cacheWrite ?? 0;
  return {
    id: `msg_01${randomAlphanumeric(22)}`,
    model: options.model,
    thinking:
      generation.reasoning === null
        ? null
        : { text: generation.reasoning, signature: randomBytes(144).toString('base64'), tokens: usage.reasoning },
    text: generation.content,
    textTokens: generation.contentTokens,
    stopReason: generation.finish === 'length' ? 'max_tokens' : 'end_turn',
    usage: {
      inputTokens: usage.input - usage.cached - cacheWrite,
      cacheRead: usage.cached,
      cacheWrite,
      outputTokens: usage.output,
    },
  };
}

async function handle(context: RouteContext): Promise<void> {
  const { state } = context;
  const body = await readJsonObject(context.request);
  if (!body) {
    sendError(context, {
      ...gatewayErrors.badBody('invalid request body: not a JSON object'),
      code: 'bad_request_body',
    });
    return;
  }
  const parsed = parseMessagesRequest(body);
  if (!parsed.ok) {
    sendError(context, { status: 400, message: parsed.message, type: 'invalid_request_error', code: null });
    recordRejected(context, body);
    return;
  }
  const request = parsed.value;
  const promptHash = shortHash(JSON.stringify(request.messages));
  const base = { model: request.model, stream: request.stream, promptHash };
  const promptTokens = countPromptTokens(request.contents);
  const admitted = admitGeneration(context, base, promptTokens + (request.maxTokens ?? 0), messagesAdmission);
  if (admitted === 'sent') return;
  const { fault } = admitted;
  // Anthropic caches only when asked with cache_control; a profile with promptCaching caches anyway.
  const caching = state.profiles.get(request.model).promptCaching || request.cacheControl;
  const generation = generate(state, {
    seq: context.seq,
    model: request.model,
    prompt: request.prompt,
    promptTokens,
    promptHash,
    thinkingRequested: request.thinkingRequested,
    thinkingDisabled: request.thinkingDisabled,
    maxOutputTokens: request.maxTokens,
    promptCaching: caching,
  });
  const usage = billedUsage({ generation, promptTokens, caching });
  const reply = replyOf({ model: request.model, generation, usage });
  const bodyFault = isBodyFault(fault) ? fault : null;
  const errorJson = messagesErrorJson(withRequestId('Overloaded', context.requestId));
  if (!request.stream) {
    context.record({ ...base, status: 200, fault, usage: bodyFault ? null : usage });
    await deliverJson(context, {
      body: messagesBody(reply),
      delayMs: totalDelayMs(generation.timing, usage.output),
      fault: bodyFault,
      errorBody: errorJson,
    });
    return;
  }
  const usageReaches = bodyFault === null || bodyFault === 'malformedJson';
  context.record({ ...base, status: 200, fault, usage: usageReaches ? usage : null });
  const { preamble, frames } = messagesFrames(reply);
  await deliverStream(context, {
    frames,
    preamble,
    timing: generation.timing,
    fault: bodyFault,
    garbageFrame: messagesGarbageFrame(),
    errorFrame: `event: error\ndata: ${errorJson}\n\n`,
  });
}

/**
 * `POST /v1/messages`, plain and streamed, in Anthropic's format with the
 * gateway's additions (anthropic-messages.md). Errors use Anthropic's envelope.
 */
export const messagesRoute: Route = { method: 'POST', path: '/v1/messages', renderError: renderAnthropicError, handle };
