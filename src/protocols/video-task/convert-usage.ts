import type { Usage } from '../types.js';
import { count, isRecord } from './json.js';

/**
 * Converts a task's `usage` (`{completion_tokens, total_tokens}`, video-tasks.md §3)
 * into the common record: output from `completion_tokens`, total from `total_tokens`
 * only (never derived), everything else null. No usage object means every field null.
 */
export function convertVideoUsage(usage: unknown): Usage {
  if (!isRecord(usage))
    return { input: null, output: null, reasoning: null, cached: null, cacheWrite: null, total: null, raw: null };
  return {
    input: null,
    output: count(usage.completion_tokens),
    reasoning: null,
    cached: null,
    cacheWrite: null,
    total: count(usage.total_tokens),
    raw: usage,
  };
}
