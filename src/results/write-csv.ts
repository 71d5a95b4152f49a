import { BufferedFile } from '../util/buffered-file.js';
import { CSV_COLUMNS } from './columns.js';
import type { ResultRecord } from './result-record.js';

/** Characters of rows held before they go to the file. */
const BATCH_CHARS = 1 << 16;

/** A cell holding any of these is quoted: the delimiter, the quote, a line break. */
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One CSV cell, RFC 4180: quoted only when it holds a comma, a quote or a line
 * break (quotes doubled); `null` is an empty cell, numbers are written as
 * JavaScript prints them and booleans as `true` / `false`. (No formula guard:
 * that depends on the column.)
 *
 * Written here, not through csv-stringify (which the tests keep as the oracle
 * this must agree with, cell for cell): measured with `node
 * scripts/bench-results.mjs` on 100,000 synthetic rows of 61 columns, the
 * hand-written quoting took 13.2-14.8 µs a row and csv-stringify's sync API
 * 26.4-33.5 µs (its stream API 15-18 µs before piping, 21-26 µs piped), nearly
 * all of it objects csv-stringify allocates per cell. At a run's thousands of
 * rows a second that difference was a few percent of the runner's whole CPU,
 * which `npm run bench` holds against a bare client.
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return String(value);
  return csvCell(JSON.stringify(value));
}

/**
 * The formula guard: text starting with `=`, `+`, `-`, `@`, a tab or a
 * carriage return gets a leading apostrophe, so a spreadsheet opening
 * results.csv shows it as text instead of running it as a formula.
 */
export function guardFormula(text: string): string {
  switch (text.charCodeAt(0)) {
    case 0x3d: // =
    case 0x2b: // +
    case 0x2d: // -
    case 0x40: // @
    case 0x09: // tab
    case 0x0d: // carriage return
      return `'${text}`;
    default:
      return text;
  }
}

/**
 * Which columns get the guard, decided by the registry's kind of each column:
 * `text` columns do; `number` and `boolean` ones never (a negative number
 * stays a number), nor `json` ones (JSON text cannot start with a formula
 * character except as a plain negative number, which must stay as it is).
 */
const GUARDED = CSV_COLUMNS.map((column) => column.kind === 'text');

/** The header and the cells of `results.csv`, written as records come. */
export class ResultsCsvWriter {
  private readonly file: BufferedFile;
  private batch: string[] = [];
  private batchChars = 0;
  rows = 0;

  constructor(readonly path: string) {
    this.file = new BufferedFile(path);
    this.file.write(`${CSV_COLUMNS.map((column) => csvCell(column.name)).join(',')}\n`);
  }

  /**
   * Takes one record: its cells are quoted now (the formula guard on text
   * columns first) and about every 64 KiB of lines go on to the file, so a run
   * can feed this as each request finishes without queueing work. (The formula
   * guard applies to results.csv only; results.jsonl keeps every value as it came.)
   */
  write(record: ResultRecord): void {
    let line = '';
    for (let index = 0; index < CSV_COLUMNS.length; index += 1) {
      const value = CSV_COLUMNS[index].cell(record);
      const cell = csvCell(typeof value === 'string' && GUARDED[index] ? guardFormula(value) : value);
      line = index === 0 ? cell : `${line},${cell}`;
    }
    this.batch.push(line);
    this.batchChars += line.length + 1;
    this.rows += 1;
    if (this.batchChars >= BATCH_CHARS) this.flushBatch();
  }

  close(): void {
    this.flushBatch();
    this.file.close();
  }

  private flushBatch(): void {
    if (this.batch.length === 0) return;
    this.file.write(`${this.batch.join('\n')}\n`);
    this.batch = [];
    this.batchChars = 0;
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
