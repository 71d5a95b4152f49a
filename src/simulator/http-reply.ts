import type { IncomingMessage, OutgoingHttpHeaders } from 'node:http';
import { withRequestId, type GatewayError } from './error-envelope.js';
import type { RouteContext } from './route-context.js';

/** Headers every simulated response carries. */
export function commonHeaders(requestId: string): OutgoingHttpHeaders {
  return { 'X-Oneapi-Request-Id': requestId, 'x-mixrouter-simulated': '1' };
}

/** Sends a complete body with a length. */
export function sendBody(
  context: RouteContext,
  reply: { status: number; contentType: string; body: string; headers?: OutgoingHttpHeaders },
): void {
  const { response } = context;
  if (response.destroyed) return;
  response.writeHead(reply.status, {
    ...commonHeaders(context.requestId),
    'Content-Type': reply.contentType,
    'Content-Length': Buffer.byteLength(reply.body),
    ...reply.headers,
  });
  response.end(reply.body);
}

/** Sends a JSON value. */
export function sendJson(context: RouteContext, reply: { status: number; value: unknown }): void {
  sendBody(context, { status: reply.status, contentType: 'application/json', body: JSON.stringify(reply.value) });
}

/** Sends a gateway error in the route's envelope, with the request id appended to the message. */
export function sendError(context: RouteContext, error: GatewayError, headers?: OutgoingHttpHeaders): void {
  const rendered = context.renderError({ ...error, message: withRequestId(error.message, context.requestId) });
  sendBody(context, { status: error.status, contentType: rendered.contentType, body: rendered.body, headers });
}

/** Reads a request body as text. */
export function readText(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () =>
      resolve(chunks.length === 1 ? chunks[0].toString('utf8') : Buffer.concat(chunks).toString('utf8')),
    );
    request.on('error', reject);
  });
}

/** Reads a JSON object body; null when it is not valid JSON or not an object. */
export async function readJsonObject(request: IncomingMessage): Promise<Record<string, unknown> | null> {
  const text = await readText(request);
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
