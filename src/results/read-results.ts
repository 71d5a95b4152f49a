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
  /** When given, only lines containing this text are parsed (a cheap pre-filter). */
  mustContain?: string,
): AsyncGenerator<ResultRecord> {
  if (!existsSync(path)) return;
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  let number = 0;
  let pending: { number: number; text: string } | null = null;
  for await (const text of lines) {
    number += 1;
    if (pending) onBadLine?.(pending.number, pending.text);
    pending = null;
    if (text.trim() === '' || (mustContain !== undefined && !text.includes(mustContain))) continue;
    try {
      yield JSON.parse(text) as ResultRecord;
    } catch {
      pending = { number, text };
    }
  }
  // A bad final line is the torn tail of an interrupted write: skipped silently.
}

const KEY_FIELD = /"key":"([0-9a-f-]+)"/;

/**
 * Streams just the `key` of every complete line, without parsing whole
 * records (the writer puts `key` near the start of each line), for passes
 * that only need keys over a large file.
 */
export async function* readResultKeys(path: string): AsyncGenerator<string> {
  if (!existsSync(path)) return;
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  for await (const text of lines) {
    const match = KEY_FIELD.exec(text.slice(0, 200));
    if (match && text.endsWith('}')) yield match[1];
  }
}
