import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Completion } from '../protocols/types.js';
import { canonicalJson, shortHash } from '../util/hash.js';

/** What a cache entry keeps of a successful attempt. */
export interface CachedAnswer {
  completion: Completion;
  latencyMs: number;
  ttftMs: number | null;
  generationMs: number | null;
  requestId: string | null;
  cachedAt: string;
}

/**
 * Successful answers on disk, one small JSON file per request, keyed by the
 * wire request (format, URL path, body) and the repeat index, so repeats of a
 * row are separate answers and not one answer served N times. The key never
 * includes the credential (it is not part of the body). Writes go through a
 * temp file and a rename, so a killed run never leaves half an entry.
 */
export class ResponseCache {
  /** `secret` (the API key) is masked if an answer ever echoes it, as in results.jsonl. */
  constructor(
    private readonly folder: string,
    private readonly secret: string | null = null,
  ) {}

  /** The cache key of one request. */
  static keyOf(options: { format: string; path: string; body: unknown; repeat: number }): string {
    return shortHash(canonicalJson(options), 32);
  }

  get(key: string): CachedAnswer | null {
    try {
      return JSON.parse(readFileSync(this.pathOf(key), 'utf8')) as CachedAnswer;
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
