import { KeySet } from '../util/key-set.js';
import { readResultKeys, readResults } from './read-results.js';
import type { ResultRecord } from './result-record.js';

/**
 * Streams the final record of every key, skipping keys whose last line is a
 * `pending` video task (not finished, so not a result yet) (a resumed run may have appended a
 * newer line for a key, e.g. after `--retry-errors`). A first, cheap pass
 * reads only keys to find the few that repeat and how often; the second pass
 * yields each key's last line. Memory stays flat for a million lines.
 */
export async function* latestRecords(path: string): AsyncGenerator<ResultRecord> {
  const seen = new KeySet();
  const occurrences = new Map<string, number>();
  for await (const key of readResultKeys(path)) {
    if (!seen.add(key)) occurrences.set(key, (occurrences.get(key) ?? 1) + 1);
  }
  for await (const record of readResults(path)) {
    const left = occurrences.get(record.key);
    if (left === undefined) {
      if (record.status !== 'pending') yield record;
      continue;
    }
    occurrences.set(record.key, left - 1);
    if (left === 1 && record.status !== 'pending') yield record;
  }
}
