import { shortHash } from '../../util/hash.js';
import { deliverJson, deliverStream, isBodyFault } from '../delivery.js';
import { gatewayErrors, withRequestId } from '../error-envelope.js';
import { generate } from '../generation.js';
import { readJsonObject, sendError } from '../http-reply.js';
import { totalDelayMs } from '../latency.js';
import { randomHex } from '../random.js';
import type { Route, RouteContext } from '../route-context.js';
import { countPromptTokens } from '../tokens.js';
import { chatStyleOf } from './chat-styles.js';
import {
  responsesBody,
  responsesFailedBody,
  responsesFrames,
  responsesGarbageFrame,
  type ResponsesReply,
} from './responses-payloads.js';
import { parseResponsesRequest } from './responses-request.js';
import { admitGeneration, recordRejected } from './admit.js';

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
  const parsed = parseResponsesRequest(body);
  if (!parsed.ok) {
    sendError(context, { status: 400, message: parsed.message, type: 'invalid_request_error', code: parsed.code });
    recordRejected(context, body);
    return;
  }
  const request = parsed.value;
  const promptHash = shortHash(JSON.stringify(request.messages));
  const base = { model: request.model, stream: request.stream, promptHash };
  const promptTokens = countPromptTokens(request.contents);
  const admitted = admitGeneration(context, base, promptTokens + (request.maxOutputTokens ?? 0));
  if (admitted === 'sent') return;
  const { fault } = admitted;
  const generation = generate(state, {
    seq: context.seq,
    model: request.model,
    prompt: request.prompt,
    promptTokens,
    promptHash,
    thinkingRequested: request.thinkingRequested,
    thinkingDisabled: request.thinkingDisabled,
    maxOutputTokens: request.maxOutputTokens,
  });
  const reply: ResponsesReply = {
    id: `resp_${randomHex(48)}`,
    createdAt: Math.floor(context.startedAt / 1000),
    model: chatStyleOf(generation.profile.vendor).responseModel(request.model),
    finish: generation.finish,
    reasoning:
      generation.reasoning === null
        ? null
        : {
            id: `rs_${randomHex(48)}`,
            summary: request.summaryRequested ? generation.reasoning : null,
            tokens: generation.usage.reasoning,
          },
    message: { id: `msg_${randomHex(48)}`, text: generation.content, tokens: generation.contentTokens },
    usage: generation.usage,
    echo: {
      instructions: request.instructions,
      maxOutputTokens: request.maxOutputTokens,
      reasoning: request.reasoning,
      store: request.store,
    },
  };
  const bodyFault = isBodyFault(fault) ? fault : null;
  const errorMessage = withRequestId('upstream stream interrupted', context.requestId);
  if (!request.stream) {
    context.record({ ...base, status: 200, fault, usage: bodyFault ? null : generation.usage });
    await deliverJson(context, {
      body: responsesBody(reply),
      delayMs: totalDelayMs(generation.timing, generation.usage.output),
      fault: bodyFault,
      errorBody: responsesFailedBody(reply, errorMessage),
    });
    return;
  }
  const usageReaches = bodyFault === null || bodyFault === 'malformedJson';
  context.record({ ...base, status: 200, fault, usage: usageReaches ? generation.usage : null });
  const { preamble, frames, errorFrame } = responsesFrames(reply, { errorMessage });
  await deliverStream(context, {
    frames,
    preamble,
    timing: generation.timing,
    fault: bodyFault,
    garbageFrame: responsesGarbageFrame(reply),
    errorFrame,
  });
}

/**
 * `POST /v1/responses`, plain and streamed (openai-responses.md). The doc's
 * `/v1/chat/responses` typo is deliberately not a route, so it answers 404.
 */
export const responsesRoute: Route = { method: 'POST', path: '/v1/responses', handle };
