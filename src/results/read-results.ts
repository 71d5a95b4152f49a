import { createReadStream, existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { ResultRecord } from './result-record.js';

/**
 * Streams the records of a results file. A torn last line (a killed writer)
 * is skipped; a broken line elsewhere is reported through `onBadLine` and skipped.
 */
export async function* readResults(
  path: string,
  onBadLine?: (line: number, text: string) => void,
): AsyncGenerator<ResultRecord> {
  if (!existsSync(path)) return;
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  let number = 0;
  let pending: { number: number; text: string } | null = null;
  for await (const text of lines) {
    number += 1;
    if (pending) onBadLine?.(pending.number, pending.text);
    pending = null;
    if (text.trim() === '') continue;
    try {
      yield JSON.parse(text) as ResultRecord;
    } catch {
      pending = { number, text };
    }
  }
  // A bad final line is the torn tail of an interrupted write: skipped silently.
}
