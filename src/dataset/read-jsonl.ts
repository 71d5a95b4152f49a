import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { DatasetError } from '../errors.js';
import type { RawRow, RowReaderOptions } from './raw-row.js';
import { toFileError } from './file-source.js';

/**
 * Streams a JSONL (NDJSON) file one line at a time. Lines are numbered from 1,
 * blank lines are skipped, a UTF-8 BOM and CRLF line ends are accepted, and a
 * line that is not a JSON object is a DatasetError naming file:line.
 */
export async function* readJsonlRows(options: RowReaderOptions): AsyncGenerator<RawRow> {
  const { file, onChunk } = options;
  const input = createReadStream(file);
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let line = 0;
  try {
    for await (const chunk of input as AsyncIterable<Buffer>) {
      onChunk?.(chunk);
      pending += decoder.write(chunk);
      let start = 0;
      let end = pending.indexOf('\n');
      while (end !== -1) {
        line += 1;
        const row = parseLine({ file, text: pending.slice(start, end), line });
        if (row) yield row;
        start = end + 1;
        end = pending.indexOf('\n', start);
      }
      pending = pending.slice(start);
    }
  } catch (error) {
    throw toFileError(error, file);
  } finally {
    input.destroy();
  }
  pending += decoder.end();
  if (pending !== '') {
    const row = parseLine({ file, text: pending, line: line + 1 });
    if (row) yield row;
  }
}

function parseLine(options: { file: string; text: string; line: number }): RawRow | null {
  let text = options.text;
  if (options.line === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.endsWith('\r')) text = text.slice(0, -1);
  if (text.trim() === '') return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new DatasetError({
      file: options.file,
      line: options.line,
      message: `not valid JSON: ${(error as Error).message}`,
    });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    const kind = value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
    throw new DatasetError({ file: options.file, line: options.line, message: `expected a JSON object, got ${kind}` });
  }
  return { fields: value as Record<string, unknown>, line: options.line };
}
