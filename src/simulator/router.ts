import type { IncomingMessage, ServerResponse } from 'node:http';
import { gatewayErrors, renderOpenAiError } from './error-envelope.js';
import { sendError } from './http-reply.js';
import { makeRequestId } from './request-id.js';
import type { Route, RouteContext } from './route-context.js';
import type { SimulatorState } from './state.js';

/** The key a request carries: `Authorization: Bearer`, else `x-api-key` or `x-goog-api-key`. */
export function bearerKey(request: IncomingMessage): string | undefined {
  const authorization = request.headers.authorization;
  if (authorization && /^bearer\s+/i.test(authorization)) return authorization.replace(/^bearer\s+/i, '').trim();
  const alternative = request.headers['x-api-key'] ?? request.headers['x-goog-api-key'];
  return typeof alternative === 'string' ? alternative : undefined;
}

function matchRoute(routes: readonly Route[], method: string, path: string): { route: Route; params: string[] } | null {
  for (const route of routes) {
    if (route.method !== method) continue;
    if (typeof route.path === 'string') {
      if (route.path === path) return { route, params: [] };
      continue;
    }
    const match = route.path.exec(path);
    if (match) return { route, params: match.slice(1) };
  }
  return null;
}

/** Builds the request listener that dispatches to `routes`, checks the key and fills the ledger. */
export function createRouter(options: { routes: readonly Route[]; state: SimulatorState }) {
  const { routes, state } = options;
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const startedAt = Date.now();
    const url = request.url ?? '/';
    const queryAt = url.indexOf('?');
    const path = queryAt < 0 ? url : url.slice(0, queryAt);
    const found = matchRoute(routes, request.method ?? 'GET', path);
    const counted = found?.route.ledger ?? true;
    const seq = counted ? state.nextSeq++ : 0;
    let recorded = false;
    const context: RouteContext = {
      request,
      response,
      state,
      requestId: makeRequestId({ seq: counted ? seq : state.nextSeq, now: startedAt }),
      seq,
      path,
      query: new URLSearchParams(queryAt < 0 ? '' : url.slice(queryAt + 1)),
      params: found?.params ?? [],
      startedAt,
      renderError: found?.route.renderError ?? renderOpenAiError,
      record: (record) => {
        if (recorded || !counted) return;
        recorded = true;
        state.ledger.record({ seq, requestId: context.requestId, path, startedAt, ...record });
      },
    };
    try {
      if (!found) {
        request.resume();
        sendError(context, gatewayErrors.notFound(request.method ?? 'GET', path));
      } else if ((found.route.auth ?? true) && !authorised(request, state.apiKey, context)) {
        request.resume();
      } else {
        await found.route.handle(context);
      }
    } catch (error) {
      if (!response.headersSent)
        sendError(context, { ...gatewayErrors.upstreamFailed(), message: `simulator error: ${String(error)}` });
      else response.destroy();
    }
    context.record({
      model: null,
      stream: false,
      promptHash: null,
      status: response.headersSent ? response.statusCode : 0,
      fault: null,
      usage: null,
    });
  };
}

function authorised(request: IncomingMessage, apiKey: string, context: RouteContext): boolean {
  const key = bearerKey(request);
  if (key === apiKey) return true;
  sendError(context, key ? gatewayErrors.invalidKey() : gatewayErrors.missingKey());
  return false;
}
