import { createServer, request as forward, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the proxy saw of one model. */
export interface ModelTraffic {
  /** Requests open at once, at most. */
  peak: number;
  /** Requests forwarded. */
  total: number;
}

/** A running counting proxy. */
export interface CountingProxy {
  /** `http://127.0.0.1:PORT/v1`, to use as a base URL. */
  baseUrl: string;
  /** Traffic per `model` field of the request body. */
  traffic: Map<string, ModelTraffic>;
  /** Traffic of every model together. */
  all: ModelTraffic;
  close(): Promise<void>;
}

/**
 * A loopback HTTP proxy in front of another loopback server that counts, per
 * request-body `model`, how many requests are open at once: a request is open
 * from its arrival until the upstream answer has fully arrived (answers are
 * buffered and only then relayed, so streamed answers arrive in one piece).
 */
export async function startCountingProxy(options: { target: string }): Promise<CountingProxy> {
  const upstream = new URL(options.target);
  const traffic = new Map<string, ModelTraffic>();
  const open = new Map<string, number>();
  const all: ModelTraffic = { peak: 0, total: 0 };
  let openAll = 0;
  const server = createServer((incoming: IncomingMessage, outgoing: ServerResponse) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const body = Buffer.concat(chunks);
      let model = '(none)';
      try {
        const parsed = JSON.parse(body.toString('utf8')) as { model?: unknown };
        if (typeof parsed.model === 'string') model = parsed.model;
      } catch {
        // Not JSON: counted under '(none)'.
      }
      const seen = traffic.get(model) ?? { peak: 0, total: 0 };
      traffic.set(model, seen);
      const now = (open.get(model) ?? 0) + 1;
      open.set(model, now);
      seen.total += 1;
      seen.peak = Math.max(seen.peak, now);
      openAll += 1;
      all.total += 1;
      all.peak = Math.max(all.peak, openAll);
      let closed = false;
      const done = (): void => {
        if (closed) return;
        closed = true;
        open.set(model, (open.get(model) ?? 1) - 1);
        openAll -= 1;
      };
      // An aborted client request stops counting too.
      outgoing.on('close', done);
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
            // Closed before the client can see a byte of the answer, so the client's next request never overlaps it.
            done();
            const headers = { ...reply.headers };
            delete headers['transfer-encoding'];
            const answer = Buffer.concat(parts);
            outgoing.writeHead(reply.statusCode ?? 502, { ...headers, 'content-length': String(answer.length) });
            outgoing.end(answer);
          });
        },
      );
      upstreamRequest.on('error', () => {
        if (!outgoing.headersSent) outgoing.writeHead(502);
        outgoing.end();
      });
      upstreamRequest.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    traffic,
    all,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
