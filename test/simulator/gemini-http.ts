import type { SimulatorHandle } from '../../src/simulator/server.js';
import { call, type RawReply } from './sim-http.js';

/** A Gemini `GenerateContentResponse`, loosely typed for assertions. */
export type GeminiJson = Record<string, any>;

/** One part of a candidate's content. */
export interface GeminiPart {
  text?: string;
  thought?: boolean;
}

/** Posts to `/v1beta/models/{model}:generateContent` (or the streaming action with `alt=sse`), keyed by `x-goog-api-key`. */
export function gemini(
  simulator: SimulatorHandle,
  options: { model: string; body: unknown; stream?: boolean; query?: string; headers?: Record<string, string> },
): Promise<RawReply> {
  const action = options.stream ? 'streamGenerateContent' : 'generateContent';
  const query = options.query ?? (options.stream ? '?alt=sse' : '');
  return call(simulator, {
    path: `/v1beta/models/${encodeURIComponent(options.model)}:${action}${query}`,
    body: options.body,
    auth: false,
    headers: options.headers ?? { 'x-goog-api-key': simulator.apiKey },
  });
}

/** A one-turn `generateContent` body, with an optional generation config. */
export function askBody(prompt: string, generationConfig?: Record<string, unknown>): Record<string, unknown> {
  return { contents: [{ role: 'user', parts: [{ text: prompt }] }], ...(generationConfig ? { generationConfig } : {}) };
}

/** Splits an SSE body on Google's CRLF separators and parses every `data:` payload. */
export function parseGeminiEvents(text: string): GeminiJson[] {
  return text
    .split('\r\n\r\n')
    .filter((event) => event.length > 0)
    .map((event) => {
      if (!event.startsWith('data: ')) throw new Error(`not a data event: ${event}`);
      return JSON.parse(event.slice(6)) as GeminiJson;
    });
}

/** The candidate parts of one response or chunk (empty when it has none). */
export function partsOf(response: GeminiJson): GeminiPart[] {
  return (response.candidates?.[0]?.content?.parts ?? []) as GeminiPart[];
}

/** Answer text and thought text of a list of responses, joined in arrival order. */
export function textsOf(responses: GeminiJson[]): { text: string; thoughts: string } {
  let text = '';
  let thoughts = '';
  for (const part of responses.flatMap(partsOf)) {
    if (part.thought) thoughts += part.text ?? '';
    else text += part.text ?? '';
  }
  return { text, thoughts };
}
