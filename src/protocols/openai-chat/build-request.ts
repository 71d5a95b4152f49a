import type { Call, ChatMessage, Endpoint, WireRequest } from '../types.js';
import { thinkingFields, thinkingNotes } from './vendor-adjustments.js';

/**
 * OpenAI reasoning models (o1, o3, o4 and the gpt-5 family, matched by model-id prefix)
 * take `max_completion_tokens`; everything else gets the classic `max_tokens`.
 */
export function usesMaxCompletionTokens(model: string): boolean {
  return /^(o1|o3|o4)(-|$)/.test(model) || model.startsWith('gpt-5');
}

/**
 * Why the call's temperature is not sent, or null when it is: OpenAI reasoning models
 * reject a non-default temperature, and with thinking on, the gateway forces Claude's
 * to 1 (openai-chat.md §3.6).
 */
function droppedTemperature(call: Call): string | null {
  if (call.temperature === undefined) return null;
  if (usesMaxCompletionTokens(call.model)) {
    return `temperature ${call.temperature} is not sent: OpenAI reasoning models reject a non-default temperature`;
  }
  if (call.vendor === 'anthropic' && call.thinking?.enabled === true) {
    return `temperature ${call.temperature} is not sent: with thinking on, Claude runs at temperature 1`;
  }
  return null;
}

/**
 * Builds a `POST {baseUrl}/chat/completions` request. Body order of precedence, lowest
 * first: core fields (`model`, `messages` with `system` prepended, `temperature` and
 * the token cap only when set, `stream`, and `stream_options.include_usage` whenever
 * streaming, because older gateways send no usage without it), then the vendor's thinking
 * fields, then `extraBody` (shallow, so it can override anything). No credential header.
 */
export function buildChatRequest(options: { call: Call; endpoint: Endpoint }): WireRequest {
  const { call, endpoint } = options;
  const messages: ChatMessage[] =
    call.system === undefined ? call.messages : [{ role: 'system', content: call.system }, ...call.messages];
  const body: Record<string, unknown> = { model: call.model, messages };
  const temperatureNote = droppedTemperature(call);
  if (call.temperature !== undefined && temperatureNote === null) body.temperature = call.temperature;
  if (call.maxOutputTokens !== undefined) {
    body[usesMaxCompletionTokens(call.model) ? 'max_completion_tokens' : 'max_tokens'] = call.maxOutputTokens;
  }
  body.stream = call.stream;
  if (call.stream) body.stream_options = { include_usage: true };
  return {
    method: 'POST',
    url: `${endpoint.baseUrl.replace(/\/+$/, '')}/chat/completions`,
    headers: { 'content-type': 'application/json', accept: call.stream ? 'text/event-stream' : 'application/json' },
    body: { ...body, ...thinkingFields({ vendor: call.vendor, thinking: call.thinking }), ...call.extraBody },
    stream: call.stream,
    ...withNotes([...(temperatureNote === null ? [] : [temperatureNote]), ...thinkingNotes(call)]),
  };
}

/** `{ notes }` when there are any, else nothing: a request the call went into as asked carries none. */
function withNotes(notes: string[]): { notes?: string[] } {
  return notes.length > 0 ? { notes } : {};
}
