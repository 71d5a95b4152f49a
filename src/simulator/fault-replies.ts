import type { OutgoingHttpHeaders } from 'node:http';
import { gatewayErrors } from './error-envelope.js';
import type { FaultName } from './faults.js';
import { sendBody, sendError } from './http-reply.js';
import type { RouteContext } from './route-context.js';

/** Faults that replace the whole response, whatever the wire format. */
const replacingFaults: ReadonlySet<FaultName> = new Set([
  'rateLimit',
  'rateLimitRetryAfter',
  'serverError',
  'connectionReset',
  'html502',
  'overloaded',
]);

/** True for faults answered before any generated output (the status line tells). */
export function replacesResponse(fault: FaultName): boolean {
  return replacingFaults.has(fault);
}

function nginxPage(status: string): string {
  return `<html>\r\n<head><title>${status}</title></head>\r\n<body>\r\n<center><h1>${status}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}

/** Destroys the connection with a TCP reset (falls back to a plain close). */
export function resetConnection(context: RouteContext): void {
  const socket = context.request.socket as typeof context.request.socket & { resetAndDestroy?: () => void };
  if (typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
  else socket.destroy();
}

/**
 * Answers a response-replacing fault. Returns the HTTP status sent, or 0 when
 * the connection was reset before any response.
 */
export function sendReplacingFault(context: RouteContext, fault: FaultName): number {
  const faults = context.state.faults.current;
  switch (fault) {
    case 'connectionReset':
      resetConnection(context);
      return 0;
    case 'html502':
      sendBody(context, { status: 502, contentType: 'text/html', body: nginxPage('502 Bad Gateway') });
      return 502;
    case 'serverError':
      sendError(context, gatewayErrors.upstreamFailed());
      return 500;
    case 'overloaded':
      sendError(context, gatewayErrors.overloaded());
      return 529;
    case 'rateLimitRetryAfter': {
      const headers: OutgoingHttpHeaders = { 'Retry-After': String(faults.retryAfterSeconds ?? 1) };
      if (faults.retryAfterMs !== undefined) headers['retry-after-ms'] = String(faults.retryAfterMs);
      sendError(context, gatewayErrors.rateLimited(), headers);
      return 429;
    }
    default:
      sendError(context, gatewayErrors.rateLimited());
      return 429;
  }
}
