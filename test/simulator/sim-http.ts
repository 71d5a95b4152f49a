import { request } from 'undici';
import type { SimulatorHandle } from '../../src/simulator/server.js';

/** A raw HTTP reply, read completely (or as far as the server sent it). */
export interface RawReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** Set when reading the body failed (socket cut). */
  bodyError: Error | null;
}

/** Sends a request to the simulator with undici and reads the whole body. */
export async function call(
  simulator: SimulatorHandle,
  options: { path?: string; method?: 'GET' | 'POST'; body?: unknown; headers?: Record<string, string>; auth?: boolean },
): Promise<RawReply> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...options.headers };
  if (options.auth ?? true) headers.authorization = `Bearer ${simulator.apiKey}`;
  const response = await request(`http://127.0.0.1:${simulator.port}${options.path ?? '/v1/chat/completions'}`, {
    method: options.method ?? 'POST',
    headers,
    body:
      options.body === undefined
        ? undefined
        : typeof options.body === 'string'
          ? options.body
          : JSON.stringify(options.body),
  });
  let text = '';
  let bodyError: Error | null = null;
  try {
    for await (const chunk of response.body) text += Buffer.from(chunk as Uint8Array).toString('utf8');
  } catch (error) {
    bodyError = error as Error;
  }
  return { status: response.statusCode, headers: response.headers, text, bodyError };
}

/** Posts a chat completion with one user message. */
export function chat(
  simulator: SimulatorHandle,
  body: Record<string, unknown> & { prompt?: string },
): Promise<RawReply> {
  const { prompt, ...rest } = body;
  return call(simulator, { body: { messages: [{ role: 'user', content: prompt ?? 'Say hello.' }], ...rest } });
}

/** The parts of an SSE body: JSON data payloads, raw data strings, and comment lines. */
export function parseSse(text: string): { data: string[]; json: Array<Record<string, unknown>>; comments: string[] } {
  const data: string[] = [];
  const comments: string[] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith(':')) comments.push(line);
    else if (line.startsWith('data: ')) data.push(line.slice(6));
  }
  const json = data.filter((item) => item !== '[DONE]').map((item) => JSON.parse(item) as Record<string, unknown>);
  return { data, json, comments };
}

/** Concatenates one delta field over every chunk of a parsed stream. */
export function joinDeltas(chunks: Array<Record<string, unknown>>, field: 'content' | 'reasoning_content'): string {
  let text = '';
  for (const chunk of chunks) {
    const choices = chunk.choices as Array<{ delta?: Record<string, unknown> }>;
    const value = choices[0]?.delta?.[field];
    if (typeof value === 'string') text += value;
  }
  return text;
}
