import type { Call, ChatMessage, Endpoint, WireRequest } from '../types.js';
import { thinkingFields } from './vendor-adjustments.js';

/**
 * OpenAI reasoning models (o1, o3, o4 and the gpt-5 family, matched by model-id prefix)
 * take `max_completion_tokens`; everything else gets the classic `max_tokens`.
 */
export function usesMaxCompletionTokens(model: string): boolean {
  return /^(o1|o3|o4)(-|$)/.test(model) || model.startsWith('gpt-5');
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
  if (call.temperature !== undefined) body.temperature = call.temperature;
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
  };
}
