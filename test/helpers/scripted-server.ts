import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the server saw, with its parsed JSON body. */
export interface ScriptedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: Record<string, unknown>;
}

/** Answers request number `index` (0-based) by writing to `response` as it likes: any status, headers, raw bytes. */
export type Script = (request: ScriptedRequest, response: ServerResponse, index: number) => void;

/**
 * A loopback HTTP server that misbehaves on cue: each request is handed to the
 * script with the raw response, so a test can send a stream without `[DONE]`, a
 * `Retry-After` of days, a redirect or a huge body. Written for the tests, apart
 * from the simulator.
 */
export async function startScriptedServer(script: Script): Promise<{
  baseUrl: string;
  origin: string;
  requests: ScriptedRequest[];
  close(): Promise<void>;
}> {
  const requests: ScriptedRequest[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: Record<string, unknown> = {};
      try {
        body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
      } catch {
        body = { unparsed: text };
      }
      const seen = { method: request.method ?? 'GET', path: request.url ?? '', headers: request.headers, body };
      const index = requests.push(seen) - 1;
      script(seen, response, index);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A chat completion body answering `content`, with usage. */
export function chatCompletion(options: { content: string; model?: string; finish?: string }): Record<string, unknown> {
  return {
    id: 'cmpl-scripted',
    object: 'chat.completion',
    created: 1766648340,
    model: options.model ?? 'm',
    choices: [
      { index: 0, message: { role: 'assistant', content: options.content }, finish_reason: options.finish ?? 'stop' },
    ],
    usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
  };
}

/** Writes a JSON reply. */
export function replyJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

/** The SSE text of a chat completion stream: content deltas, a finish chunk and a usage chunk; `[DONE]` only when asked. */
export function chatStream(options: { pieces: string[]; done: boolean; usage?: boolean }): string {
  const chunk = (delta: Record<string, unknown>, finish: string | null, extra: Record<string, unknown> = {}): string =>
    `data: ${JSON.stringify({ id: 's1', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta, finish_reason: finish }], ...extra })}\n\n`;
  let text = options.pieces.map((piece) => chunk({ content: piece }, null)).join('');
  text += chunk({}, 'stop');
  if (options.usage !== false) {
    text += `data: ${JSON.stringify({ id: 's1', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [], usage: { prompt_tokens: 9, completion_tokens: 4, total_tokens: 13 } })}\n\n`;
  }
  if (options.done) text += 'data: [DONE]\n\n';
  return text;
}
