import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the server saw. */
export interface SeenRequest {
  path: string;
  authorization: string | undefined;
  body: Record<string, unknown>;
}

/** A reply the test wants for a request; defaults to a fixed chat completion. */
export type Responder = (
  request: SeenRequest,
  index: number,
) => { status: number; body: unknown; headers?: Record<string, string> };

/**
 * A minimal OpenAI-compatible chat server, written for tests independently of
 * our simulator, so the runner is checked against a server it was not built with.
 */
export async function startOpenAiCompatibleServer(responder?: Responder): Promise<{
  baseUrl: string;
  requests: SeenRequest[];
  close(): Promise<void>;
}> {
  const requests: SeenRequest[] = [];
  const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const seen: SeenRequest = {
        path: request.url ?? '',
        authorization: request.headers.authorization,
        body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
      };
      const index = requests.push(seen) - 1;
      const reply = (responder ?? defaultResponder)(seen, index);
      response.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
      response.end(JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Usage numbers derived from the request, so a test can check each row got exactly its own. */
export function usageFor(body: Record<string, unknown>): {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
} {
  const prompt = JSON.stringify(body.messages ?? '').length;
  const completion = (prompt % 17) + 3;
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
}

const defaultResponder: Responder = (request, index) => ({
  status: 200,
  body: {
    id: `cmpl-${index}`,
    object: 'chat.completion',
    created: 1766648340,
    model: `${String(request.body.model)}-snapshot`,
    choices: [{ index: 0, message: { role: 'assistant', content: `answer ${index}` }, finish_reason: 'stop' }],
    usage: usageFor(request.body),
  },
});
