import type { Call, Endpoint, WireRequest } from '../types.js';
import { convertInput } from './convert-input.js';
import { usesMaxCompletionTokens } from '../openai-chat/build-request.js';
import { effortForThinking } from './reasoning-effort.js';

/**
 * Builds a `POST {baseUrl}/responses` request (openai-responses.md §1). Body, lowest
 * precedence first: `model`, `instructions` when there is system text, `input`,
 * `temperature` and `max_output_tokens` only when set, `reasoning: {effort, summary: 'auto'}`
 * when thinking is enabled (without `summary` no reasoning text comes back), `store: false`
 * (the reference's advice for batch runners), `stream`; then `extraBody`, shallow, so it can
 * override anything. Streams need no usage switch: usage always arrives in the terminal event.
 * Disabled thinking sends nothing, since OpenAI reasoning models have no off switch here.
 */
export function buildResponsesRequest(options: { call: Call; endpoint: Endpoint }): WireRequest {
  const { call, endpoint } = options;
  const { instructions, input } = convertInput({ messages: call.messages, system: call.system });
  const body: Record<string, unknown> = { model: call.model };
  if (instructions !== null) body.instructions = instructions;
  body.input = input;
  const notes: string[] = [];
  const reasoningModel = usesMaxCompletionTokens(call.model);
  if (call.temperature !== undefined && reasoningModel) {
    notes.push(`temperature ${call.temperature} is not sent: OpenAI reasoning models reject a non-default temperature`);
  } else if (call.temperature !== undefined) body.temperature = call.temperature;
  if (call.maxOutputTokens !== undefined) body.max_output_tokens = call.maxOutputTokens;
  if (call.thinking?.enabled === true) {
    const effort = effortForThinking(call.thinking);
    body.reasoning = { effort, summary: 'auto' };
    if (call.thinking.effort === undefined && call.thinking.budgetTokens !== undefined) {
      notes.push(
        `thinking budget ${call.thinking.budgetTokens} is sent as reasoning.effort: ${effort} (the API takes no budget)`,
      );
    }
  } else if (call.thinking?.enabled === false) {
    notes.push('thinking cannot be turned off on this route; nothing is sent for it');
  }
  body.store = false;
  body.stream = call.stream;
  return {
    method: 'POST',
    url: `${endpoint.baseUrl.replace(/\/+$/, '')}/responses`,
    headers: { 'content-type': 'application/json', accept: call.stream ? 'text/event-stream' : 'application/json' },
    body: { ...body, ...call.extraBody },
    stream: call.stream,
    ...(notes.length > 0 ? { notes } : {}),
  };
}
