import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { DatasetError } from '../errors.js';
import type { RawRow, RowReaderOptions } from './raw-row.js';
import { toFileError } from './file-source.js';
import { MAX_ROW_CHARACTERS } from './line-limit.js';

/**
 * Streams a JSONL (NDJSON) file one line at a time. Lines are numbered from 1,
 * blank lines are skipped, a UTF-8 BOM and CRLF line ends are accepted, and a
 * line that is not a JSON object is a DatasetError naming file:line.
 */
export async function* readJsonlRows(options: RowReaderOptions): AsyncGenerator<RawRow> {
  const { file, onChunk } = options;
  const input = createReadStream(file);
  const decoder = new StringDecoder('utf8');
  // The current line's text so far, in pieces: joined once when its newline arrives, so a
  // line spanning many chunks costs time in proportion to its length, not to its square.
  let pieces: string[] = [];
  let pieceLength = 0;
  let line = 0;
  const tooLong = (): DatasetError =>
    new DatasetError({
      file,
      line: line + 1,
      message: `the line is longer than ${MAX_ROW_CHARACTERS} characters, the most one row may have. Split it, or move large data out of the prompt.`,
    });
  try {
    for await (const chunk of input as AsyncIterable<Buffer>) {
      onChunk?.(chunk);
      const text = decoder.write(chunk);
      let start = 0;
      let end = text.indexOf('\n');
      while (end !== -1) {
        const rest = text.slice(start, end);
        if (pieceLength + rest.length > MAX_ROW_CHARACTERS) throw tooLong();
        const whole = pieces.length === 0 ? rest : pieces.join('') + rest;
        pieces = [];
        pieceLength = 0;
        line += 1;
        const row = parseLine({ file, text: whole, line });
        if (row) yield row;
        start = end + 1;
        end = text.indexOf('\n', start);
      }
      if (start < text.length) {
        pieces.push(text.slice(start));
        pieceLength += text.length - start;
        if (pieceLength > MAX_ROW_CHARACTERS) throw tooLong();
      }
    }
  } catch (error) {
    if (error instanceof DatasetError) throw error;
    throw toFileError(error, file);
  } finally {
    input.destroy();
  }
  const last = pieces.join('') + decoder.end();
  if (last !== '') {
    const row = parseLine({ file, text: last, line: line + 1 });
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
