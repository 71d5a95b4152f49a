import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Completion } from '../protocols/types.js';
import type { CacheOrigin } from '../results/result-record.js';
import { canonicalJson, shortHash } from '../util/hash.js';

/**
 * Version of the key scheme. Entries live under `<cache-dir>/v<N>/`, so a change
 * of scheme can never serve an entry written under another one.
 * v1 (unversioned, straight under the folder): format, URL path, body, repeat.
 * v2: adds the endpoint (scheme, host, port, path) the answer came from.
 */
export const CACHE_SCHEME = 2;

/** What a cache entry keeps of a successful attempt. */
export interface CachedAnswer {
  completion: Completion;
  latencyMs: number;
  ttftMs: number | null;
  generationMs: number | null;
  requestId: string | null;
  cachedAt: string;
  /** Where the answer was first received. */
  origin: { endpoint: string; simulated: boolean };
}

/** What decides an answer besides the credential: where the request goes, in which format, with which body. */
export interface CacheKeyParts {
  /** The request URL as sent (credentials in it are dropped). */
  url: string;
  format: string;
  body: unknown;
  repeat: number;
  /** `--cache-any-endpoint`: leave scheme, host and port out, so one entry serves every gateway. */
  anyEndpoint?: boolean;
}

/**
 * Successful answers on disk, one small JSON file per request, keyed by where
 * the request goes (endpoint and wire format), its body and the repeat index,
 * so repeats of a row are separate answers and two gateways never answer for
 * each other. The key never includes the credential (it is neither in the body
 * nor in the URL). Writes go through a temp file and a rename, so a killed run
 * never leaves half an entry. The in-process simulator never uses the cache
 * (the CLI does not open one for `--simulate`).
 */
export class ResponseCache {
  private readonly folder: string;
  /** True when the folder holds entries of the unversioned v1 scheme (never read). */
  readonly hasOldEntries: boolean;

  /** `secret` (the API key) is masked if an answer ever echoes it, as in results.jsonl. */
  constructor(
    root: string,
    private readonly secret: string | null = null,
  ) {
    this.folder = join(root, `v${CACHE_SCHEME}`);
    this.hasOldEntries = hasUnversionedEntries(root);
  }

  /** The cache key of one request. */
  static keyOf(parts: CacheKeyParts): string {
    return shortHash(
      canonicalJson({
        scheme: CACHE_SCHEME,
        endpoint: endpointOf(parts.url, parts.anyEndpoint ?? false),
        format: parts.format,
        body: parts.body,
        repeat: parts.repeat,
      }),
      32,
    );
  }

  get(key: string): CachedAnswer | null {
    try {
      const entry = JSON.parse(readFileSync(this.pathOf(key), 'utf8')) as CachedAnswer;
      return entry.origin ? entry : null;
    } catch {
      return null;
    }
  }

  set(key: string, answer: CachedAnswer): void {
    const path = this.pathOf(key);
    mkdirSync(join(this.folder, key.slice(0, 2)), { recursive: true });
    const temporary = `${path}.${process.pid}.tmp`;
    let text = JSON.stringify(answer);
    if (this.secret && text.includes(this.secret)) text = text.split(this.secret).join('***');
    writeFileSync(temporary, text);
    renameSync(temporary, path);
  }

  private pathOf(key: string): string {
    return join(this.folder, key.slice(0, 2), `${key}.json`);
  }
}

/**
 * The endpoint part of a request URL: scheme, host, port, path and query,
 * without user name or password. With `anyEndpoint`, only path and query.
 */
export function endpointOf(url: string, anyEndpoint = false): string {
  const parsed = new URL(url);
  const pathAndQuery = `${parsed.pathname}${parsed.search}`;
  return anyEndpoint ? pathAndQuery : `${parsed.protocol}//${parsed.host}${pathAndQuery}`;
}

/** The v1 scheme kept entries in two-hex-digit folders straight under the cache folder. */
function hasUnversionedEntries(root: string): boolean {
  if (!existsSync(root)) return false;
  try {
    return readdirSync(root).some((name) => /^[0-9a-f]{2}$/.test(name));
  } catch {
    return false;
  }
}

/** Converts a cache entry's origin into the record field. */
export function originOf(entry: CachedAnswer): CacheOrigin {
  return { endpoint: entry.origin.endpoint, simulated: entry.origin.simulated, cached_at: entry.cachedAt };
}
