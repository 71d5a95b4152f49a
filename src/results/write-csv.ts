import { BufferedFile } from '../util/buffered-file.js';
import { CSV_COLUMNS } from './columns.js';
import type { ResultRecord } from './result-record.js';

/**
 * One CSV cell (RFC 4180): quoted when it holds a comma, a quote or a line
 * break, with quotes doubled; `null` is an empty cell, booleans are `true`/`false`.
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? value : String(value);
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    // 0x22 quote, 0x2c comma, 0x0a and 0x0d line breaks.
    if (code === 0x22 || code === 0x2c || code === 0x0a || code === 0x0d) return `"${text.replaceAll('"', '""')}"`;
  }
  return text;
}

/** One CSV line of `record`, newline included. */
export function csvLine(record: ResultRecord): string {
  let line = '';
  for (let index = 0; index < CSV_COLUMNS.length; index += 1) {
    if (index > 0) line += ',';
    line += csvCell(CSV_COLUMNS[index].cell(record));
  }
  return `${line}\n`;
}

/**
 * Writes `results.csv` as records come: the header first, then one line per
 * record, formatted here and written in 64 KiB batches, so a run can feed it
 * synchronously as each request finishes without queueing work.
 */
export class ResultsCsvWriter {
  private readonly file: BufferedFile;
  rows = 0;

  constructor(readonly path: string) {
    this.file = new BufferedFile(path);
    this.file.write(`${CSV_COLUMNS.map((column) => csvCell(column.name)).join(',')}\n`);
  }

  write(record: ResultRecord): void {
    this.rows += 1;
    this.file.write(csvLine(record));
  }

  close(): void {
    this.file.close();
  }
}

/** Writes `results.csv` from a stream of records and returns the row count. */
export async function writeResultsCsv(path: string, records: AsyncIterable<ResultRecord>): Promise<number> {
  const writer = new ResultsCsvWriter(path);
  try {
    for await (const record of records) writer.write(record);
  } finally {
    writer.close();
  }
  return writer.rows;
}

/** Passes records through while writing each to `results.csv`, so one read serves the CSV and the summary. */
export async function* teeToCsv(
  records: AsyncIterable<ResultRecord>,
  writer: ResultsCsvWriter,
): AsyncGenerator<ResultRecord> {
  try {
    for await (const record of records) {
      writer.write(record);
      yield record;
    }
  } finally {
    writer.close();
  }
}
