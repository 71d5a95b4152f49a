import AgentClass from 'undici/lib/dispatcher/agent.js';
import dispatchRequest from 'undici/lib/api/api-request.js';
import type { Agent as UndiciAgent, Dispatcher } from 'undici';

/**
 * undici's Agent and request(), loaded from their own modules. undici's index also
 * loads fetch, cookies, WebSocket, mocks, caches and interceptors, which cost every
 * eval about 50 ms of start-up and are never used here.
 */
export const Agent = AgentClass;
export type Agent = UndiciAgent;

/** Options of one request: undici's, with a URL instead of an origin and path, and GET by default. */
export type RequestOptions = Omit<Dispatcher.RequestOptions, 'origin' | 'path' | 'method'> & {
  method?: Dispatcher.HttpMethod;
  dispatcher?: Dispatcher;
};

/** Used when a request names no dispatcher, as undici's global one would be. */
let sharedAgent: UndiciAgent | null = null;

/** A URL split into what undici dispatches on. */
interface Target {
  origin: string;
  path: string;
}

/** Every request of a run goes to a handful of URLs; parsing each once saves a URL parse per request. */
const targets = new Map<string, Target>();
const TARGET_CACHE_LIMIT = 1024;

function targetOf(url: string): Target {
  let target = targets.get(url);
  if (target === undefined) {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new TypeError(`not an http(s) URL: ${url}`);
    target = { origin: parsed.origin, path: `${parsed.pathname}${parsed.search}` };
    if (targets.size >= TARGET_CACHE_LIMIT) targets.clear();
    targets.set(url, target);
  }
  return target;
}

/** undici's `request(url, options)`, sent through `options.dispatcher` (or one shared Agent). */
export function request(url: string, options: RequestOptions): Promise<Dispatcher.ResponseData> {
  const { dispatcher = (sharedAgent ??= new AgentClass()), ...rest } = options;
  const { origin, path } = targetOf(url);
  return dispatchRequest.call(dispatcher, {
    ...rest,
    origin,
    path,
    method: rest.method ?? 'GET',
  } as Dispatcher.RequestOptions);
}
