import { KeySet } from '../util/key-set.js';
import { readResults } from './read-results.js';
import type { ResultRecord } from './result-record.js';

/**
 * Streams the final record of every key (a resumed run may have appended a
 * newer line for a key, e.g. after `--retry-errors`). Two streaming passes:
 * the first finds the few keys that repeat, the second yields each key's last
 * line, so memory stays flat for a million lines.
 */
export async function* latestRecords(path: string): AsyncGenerator<ResultRecord> {
  const seen = new KeySet();
  const lastLineOfRepeated = new Map<string, number>();
  let index = 0;
  for await (const record of readResults(path)) {
    if (!seen.add(record.key)) lastLineOfRepeated.set(record.key, index);
    index += 1;
  }
  if (lastLineOfRepeated.size > 0) {
    // The first occurrence of a repeated key must also be tracked as "not last".
    index = 0;
    for await (const record of readResults(path)) {
      const last = lastLineOfRepeated.get(record.key);
      if (last === undefined || last === index) yield record;
      index += 1;
    }
    return;
  }
  for await (const record of readResults(path)) yield record;
}
