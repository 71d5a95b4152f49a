import type { Call, Endpoint, WireRequest } from '../types.js';
import { convertConversation } from './convert-contents.js';
import { geminiUrl } from './endpoint-url.js';
import { geminiThinkingConfig } from './thinking-config.js';

/**
 * Builds a Gemini native `generateContent` / `streamGenerateContent?alt=sse` request
 * (gemini-native.md §1). Body: `contents`, then `systemInstruction` when there is a
 * system prompt, then `generationConfig` with `temperature`, `maxOutputTokens` and
 * `thinkingConfig` (each only when set; the whole object only when non-empty), and
 * finally `extraBody`, merged shallowly so it can override anything (an `extraBody`
 * `generationConfig` replaces ours whole). The model id goes in the path only. No
 * credential: the transport adds the header for `endpoint.auth`.
 */
export function buildGeminiRequest(options: { call: Call; endpoint: Endpoint }): WireRequest {
  const { call, endpoint } = options;
  const { systemInstruction, contents } = convertConversation({ system: call.system, messages: call.messages });
  const body: Record<string, unknown> = { contents };
  if (systemInstruction !== null) body.systemInstruction = systemInstruction;
  const generationConfig: Record<string, unknown> = {};
  if (call.temperature !== undefined) generationConfig.temperature = call.temperature;
  if (call.maxOutputTokens !== undefined) generationConfig.maxOutputTokens = call.maxOutputTokens;
  const thinkingConfig = geminiThinkingConfig({ model: call.model, thinking: call.thinking });
  if (thinkingConfig !== null) generationConfig.thinkingConfig = thinkingConfig;
  if (Object.keys(generationConfig).length > 0) body.generationConfig = generationConfig;
  const notes =
    call.thinking?.enabled === false && thinkingConfig === null
      ? [`thinking cannot be turned off on ${call.model}; nothing is sent for it`]
      : [];
  return {
    method: 'POST',
    url: geminiUrl({ baseUrl: endpoint.baseUrl, model: call.model, stream: call.stream }),
    headers: { 'content-type': 'application/json', accept: call.stream ? 'text/event-stream' : 'application/json' },
    body: { ...body, ...call.extraBody },
    stream: call.stream,
    ...(notes.length > 0 ? { notes } : {}),
  };
}
