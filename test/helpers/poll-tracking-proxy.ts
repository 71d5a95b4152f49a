import { createServer, request as forward, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the proxy saw of video task polls. */
export interface PollTraffic {
  /** Polls open at once, at most. */
  peak: number;
  /** Polls forwarded. */
  total: number;
}

/** A running poll-tracking proxy. */
export interface PollTrackingProxy {
  /** `http://127.0.0.1:PORT/v1`, to use as a base URL. */
  baseUrl: string;
  polls: PollTraffic;
  close(): Promise<void>;
}

const pollPath = /^\/v1\/(?:videos|video\/generations)\/[^/?]+(?:\?.*)?$/;

/**
 * A loopback HTTP proxy in front of another loopback server that counts how
 * many video task polls (`GET /v1/videos/{id}`, `GET /v1/video/generations/{id}`)
 * are open at once. A poll is open from its arrival until the upstream answer
 * has fully arrived; it is held `holdMs` before being forwarded, so polls sent
 * close together surely overlap here. Answers are buffered and relayed only
 * after the poll stopped counting, so a client's next poll never overlaps it.
 */
export async function startPollTrackingProxy(options: { target: string; holdMs: number }): Promise<PollTrackingProxy> {
  const upstream = new URL(options.target);
  const polls: PollTraffic = { peak: 0, total: 0 };
  let open = 0;
  const server = createServer((incoming: IncomingMessage, outgoing: ServerResponse) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const body = Buffer.concat(chunks);
      const isPoll = incoming.method === 'GET' && pollPath.test(incoming.url ?? '');
      let counted = false;
      const stopCounting = (): void => {
        if (!counted) return;
        counted = false;
        open -= 1;
      };
      if (isPoll) {
        counted = true;
        open += 1;
        polls.total += 1;
        polls.peak = Math.max(polls.peak, open);
        outgoing.on('close', stopCounting);
      }
      const send = (): void => {
        const upstreamRequest = forward(
          {
            host: upstream.hostname,
            port: upstream.port,
            method: incoming.method,
            path: incoming.url,
            headers: { ...incoming.headers, host: upstream.host, 'content-length': String(body.length) },
          },
          (reply) => {
            const parts: Buffer[] = [];
            reply.on('data', (chunk: Buffer) => parts.push(chunk));
            reply.on('end', () => {
              stopCounting();
              const headers = { ...reply.headers };
              delete headers['transfer-encoding'];
              const answer = Buffer.concat(parts);
              outgoing.writeHead(reply.statusCode ?? 502, { ...headers, 'content-length': String(answer.length) });
              outgoing.end(answer);
            });
          },
        );
        upstreamRequest.on('error', () => {
          stopCounting();
          if (!outgoing.headersSent) outgoing.writeHead(502);
          outgoing.end();
        });
        upstreamRequest.end(body);
      };
      if (isPoll && options.holdMs > 0) setTimeout(send, options.holdMs);
      else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    polls,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
