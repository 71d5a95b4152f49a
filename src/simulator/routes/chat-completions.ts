import { shortHash } from '../../util/hash.js';
import { deliverJson, deliverStream, isBodyFault } from '../delivery.js';
import { gatewayErrors, withRequestId } from '../error-envelope.js';
import { generate } from '../generation.js';
import { readJsonObject, sendError } from '../http-reply.js';
import { totalDelayMs } from '../latency.js';
import type { Route, RouteContext } from '../route-context.js';
import { countPromptTokens } from '../tokens.js';
import { chatBody, chatErrorJson, chatFrames, chatGarbageFrame, type ChatReply } from './chat-payloads.js';
import { parseChatRequest } from './chat-request.js';
import { chatStyleOf } from './chat-styles.js';
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
  const parsed = parseChatRequest(body);
  if (!parsed.ok) {
    sendError(context, gatewayErrors.badBody(parsed.message));
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
    maxOutputTokens: request.maxOutputTokens,
  });
  const style = chatStyleOf(generation.profile.vendor);
  const thinks = generation.reasoning !== null;
  const reply: ChatReply = {
    style,
    id: style.newId(context.requestId),
    created: Math.floor(context.startedAt / 1000),
    model: style.responseModel(request.model),
    requestedModel: request.model,
    content: generation.content,
    contentTokens: generation.contentTokens,
    reasoning: thinks && style.showsReasoning(request.thinkingRequested) ? generation.reasoning : null,
    reasoningTokens: generation.usage.reasoning,
    thinks,
    finish: generation.finish,
    usage: generation.usage,
  };
  const bodyFault = isBodyFault(fault) ? fault : null;
  const errorMessage = withRequestId('upstream stream interrupted', context.requestId);
  if (!request.stream) {
    context.record({ ...base, status: 200, fault, usage: bodyFault ? null : generation.usage });
    await deliverJson(context, {
      body: chatBody(reply),
      delayMs: totalDelayMs(generation.timing, generation.usage.output),
      fault: bodyFault,
      errorBody: chatErrorJson(errorMessage),
    });
    return;
  }
  const sendUsage = request.includeUsage ?? state.usageWhenNotAsked === 'gateway';
  const usageReaches = sendUsage && (bodyFault === null || bodyFault === 'malformedJson');
  context.record({ ...base, status: 200, fault, usage: usageReaches ? generation.usage : null });
  const { preamble, frames } = chatFrames(reply, { sendUsage });
  await deliverStream(context, {
    frames,
    preamble,
    timing: generation.timing,
    fault: bodyFault,
    garbageFrame: chatGarbageFrame(reply),
    errorFrame: `data: ${chatErrorJson(errorMessage)}\n\n`,
  });
}

/** `POST /v1/chat/completions`, plain and streamed, in the style of the model's vendor. */
export const chatCompletionsRoute: Route = { method: 'POST', path: '/v1/chat/completions', handle };
