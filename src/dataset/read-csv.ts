import { createReadStream } from 'node:fs';
import { Transform, pipeline, type Readable } from 'node:stream';
import { Parser, type CsvError, type Info, type Options } from 'csv-parse';
import { MAX_ROW_CHARACTERS } from './line-limit.js';
import { DatasetError } from '../errors.js';
import type { RawRow, RowReaderOptions } from './raw-row.js';
import { toFileError } from './file-source.js';

/** The header row of a CSV file. */
export interface CsvHeader {
  /** Column names; an empty header cell at index i is named `_col<i>` (CMMLU's unnamed first column). */
  columns: string[];
  /** 1-based line the header starts on. */
  line: number;
}

/**
 * Streams a CSV file with csv-parse: the first non-empty record is the header,
 * a UTF-8 BOM and CRLF are accepted, quoted fields may hold commas and line
 * breaks, and empty lines are skipped. Header names are trimmed and an empty
 * one at index i becomes `_col<i>`. Each row carries the line it starts on.
 * `onHeader` is called once with the header, before the first row.
 * csv-parse errors become DatasetErrors naming file, line and, when known, column.
 */
export async function* readCsvRows(
  options: RowReaderOptions & { onHeader?: (header: CsvHeader) => void },
): AsyncGenerator<RawRow> {
  const { file, onChunk, onHeader } = options;
  let header: CsvHeader | null = null;
  let duplicate: string | null = null;
  // csv-parse counts a CRLF inside a quoted field as two lines, so lines are
  // counted here: a record ends `breaks` lines after it starts, and the next
  // one starts after it plus any empty lines csv-parse skipped in between.
  let previousEnd = 0;
  let previousEmptyLines = 0;

  // After the first malformed record no more rows are produced; rows parsed
  // before it are still handed out, so the error reported is the first one.
  let failure: DatasetError | null = null;

  const parser: Parser = new RecordHookParser(
    {
      bom: true,
      columns: (cells: string[]) => {
        const columns = cells.map((cell, index) => (cell.trim() === '' ? `_col${index}` : cell.trim()));
        const seen = new Set<string>();
        for (const column of columns) {
          if (seen.has(column)) duplicate ??= column;
          seen.add(column);
        }
        const emptyLines = parser.info.empty_lines;
        const line = previousEnd + 1 + emptyLines;
        header = { columns, line };
        previousEnd = line + countBreaks(cells);
        previousEmptyLines = emptyLines;
        return columns;
      },
      skip_records_with_error: true,
      on_skip: (error) => {
        if (failure !== null || error === undefined) return undefined;
        const info = error as CsvError & Partial<Info> & { column?: string | number | null };
        const line = previousEnd + 1 + ((info.empty_lines ?? previousEmptyLines) - previousEmptyLines);
        const column = columnName(info.column, header);
        failure = new DatasetError({ file, line, column, message: describeCsvError(error, header) });
        return undefined;
      },
      relax_column_count: false,
      skip_empty_lines: true,
      max_record_size: MAX_ROW_CHARACTERS,
    },
    (record) => {
      if (failure !== null) return null;
      const emptyLines = parser.info.empty_lines;
      const line = previousEnd + 1 + (emptyLines - previousEmptyLines);
      previousEnd = line + countBreaks(record);
      previousEmptyLines = emptyLines;
      return { fields: record, line };
    },
  );
  const input = createReadStream(file);
  const streams: Array<Readable | Transform> = [input];
  if (onChunk) streams.push(tap(onChunk));
  // Errors reach the loop through the parser, which pipeline destroys with them.
  pipeline([...streams, parser], () => {});

  let headerReported = false;
  const reportHeader = (): void => {
    if (headerReported || header === null) return;
    headerReported = true;
    if (duplicate !== null) {
      throw new DatasetError({
        file,
        line: header.line,
        column: duplicate,
        message: 'the header names this column twice',
      });
    }
    onHeader?.(header);
  };

  try {
    for await (const row of parser as AsyncIterable<RawRow>) {
      reportHeader();
      yield row;
    }
  } catch (error) {
    throw toFileError(error, file);
  } finally {
    parser.destroy();
    input.destroy();
  }
  reportHeader();
  if (failure !== null) throw failure;
}

/**
 * csv-parse's stream parser with a hook on each record as it is emitted, while
 * `info` still describes the input up to that record. (Its `on_record` option
 * would do, but builds a full info snapshot per record: about 1.5 s a million rows.)
 */
class RecordHookParser extends Parser {
  private readonly onRecord: (record: Record<string, string>) => RawRow | null;

  constructor(options: Options, onRecord: (record: Record<string, string>) => RawRow | null) {
    super(options);
    this.onRecord = onRecord;
  }

  override push(chunk: unknown, encoding?: BufferEncoding): boolean {
    if (chunk === null) return super.push(null);
    const row = this.onRecord(chunk as Record<string, string>);
    return row === null ? true : super.push(row, encoding);
  }
}

function tap(onChunk: (chunk: Buffer) => void): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      onChunk(chunk);
      callback(null, chunk);
    },
  });
}

/** Line breaks inside a record's values (CRLF counts once). */
function countBreaks(values: Record<string, string> | string[]): number {
  let breaks = 0;
  for (const key in values) {
    const value = (values as Record<string, string>)[key];
    if (typeof value !== 'string') continue;
    if (value.indexOf('\n') === -1 && value.indexOf('\r') === -1) continue;
    for (let index = 0; index < value.length; index += 1) {
      const code = value.charCodeAt(index);
      if (code === 10 || (code === 13 && value.charCodeAt(index + 1) !== 10)) breaks += 1;
    }
  }
  return breaks;
}

function columnName(column: string | number | null | undefined, header: CsvHeader | null): string | null {
  if (typeof column === 'number') return header?.columns[column] ?? null;
  return typeof column === 'string' ? column : null;
}

function describeCsvError(error: CsvError, header: CsvHeader | null): string {
  switch (error.code) {
    case 'CSV_RECORD_INCONSISTENT_COLUMNS': {
      const record = (error as CsvError & { record?: unknown[] }).record;
      const got = Array.isArray(record) ? record.length : 'a different number of';
      return (
        `this record has ${got} fields but the header has ${header?.columns.length ?? '?'} ` +
        '(quote fields that contain commas or line breaks)'
      );
    }
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quoted field in the record starting here is never closed';
    case 'CSV_INVALID_CLOSING_QUOTE':
      return 'a closing quote is followed by text instead of a comma or line end (write a quote inside a quoted field as "")';
    case 'INVALID_OPENING_QUOTE':
      return 'a quote appears inside an unquoted field (quote the whole field and write inner quotes as "")';
    case 'CSV_MAX_RECORD_SIZE':
      return `the record starting here is longer than ${MAX_ROW_CHARACTERS} characters, the most one row may have (was a quote left open?)`;
    default:
      return `malformed CSV: ${error.message}`;
  }
}
