import { Agent, type Dispatcher } from 'undici';

/**
 * undici through its public entry: the `Agent` (one keep-alive pool per run) and
 * `Dispatcher.request`, called with an origin and a path cached per URL.
 */
export { Agent };

/** Options of one request: undici's, with a URL instead of an origin and path, and GET by default. */
export type RequestOptions = Omit<Dispatcher.RequestOptions, 'origin' | 'path' | 'method'> & {
  method?: Dispatcher.HttpMethod;
  dispatcher?: Dispatcher;
};

/** Used when a request names no dispatcher, as undici's global one would be. */
let sharedAgent: Agent | null = null;

function defaultAgent(): Agent {
  sharedAgent ??= new Agent();
  return sharedAgent;
}

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
  const { dispatcher = defaultAgent(), ...rest } = options;
  const { origin, path } = targetOf(url);
  return dispatcher.request({ ...rest, origin, path, method: rest.method ?? 'GET' } as Dispatcher.RequestOptions);
}
