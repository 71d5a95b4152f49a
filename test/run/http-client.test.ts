import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, request } from '../../src/run/http-client.js';

let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((incoming, outgoing) => {
    let body = '';
    incoming.on('data', (chunk: Buffer) => (body += chunk.toString()));
    incoming.on('end', () => {
      outgoing.setHeader('content-type', 'application/json');
      outgoing.end(
        JSON.stringify({
          method: incoming.method,
          url: incoming.url,
          body,
          auth: incoming.headers.authorization ?? null,
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe('http-client (undici Agent and request without undici index)', () => {
  it('sends method, path with query, headers and body through the given Agent', async () => {
    const agent = new Agent({ connections: 2 });
    try {
      for (let index = 0; index < 3; index += 1) {
        // The same URL again comes from the parsed-target cache.
        const response = await request(`${base}/v1/chat/completions?alt=sse&n=${index % 2}`, {
          method: 'POST',
          dispatcher: agent,
          headers: { authorization: 'Bearer k', 'content-type': 'application/json' },
          body: '{"x":1}',
        });
        expect(response.statusCode).toBe(200);
        expect(await response.body.json()).toEqual({
          method: 'POST',
          url: `/v1/chat/completions?alt=sse&n=${index % 2}`,
          body: '{"x":1}',
          auth: 'Bearer k',
        });
      }
    } finally {
      await agent.close();
    }
  });

  it('defaults to GET through a shared Agent when none is given', async () => {
    const response = await request(`${base}/v1/models`, {});
    expect(await response.body.json()).toMatchObject({ method: 'GET', url: '/v1/models' });
  });

  it('rejects a URL that is not http(s)', () => {
    expect(() => request('ftp://127.0.0.1/file', {})).toThrow(/not an http\(s\) URL/);
  });
});
