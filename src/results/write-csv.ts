import { type Options, stringify } from 'csv-stringify/sync';
import { BufferedFile } from '../util/buffered-file.js';
import { CSV_COLUMNS } from './columns.js';
import type { CsvValue } from './csv-column-spec.js';
import type { ResultRecord } from './result-record.js';

/**
 * RFC 4180 through csv-stringify: a cell is quoted only when it holds a comma,
 * a quote or a line break (quotes doubled), lines end in `\n`, `null` is an
 * empty cell, numbers are written as JavaScript prints them and booleans as
 * `true` / `false` (csv-stringify's own default would be `1` / empty).
 */
const CSV_OPTIONS: Options = { cast: { boolean: (value) => (value ? 'true' : 'false') } };

/** Characters of batched rows before they are turned into text and handed to the file. */
const BATCH_CHARS = 1 << 16;

/** One CSV cell as the writer quotes it (no formula guard: that depends on the column). */
export function csvCell(value: unknown): string {
  return stringify([[value]], CSV_OPTIONS).slice(0, -1);
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
  private batch: CsvValue[][] = [];
  private batchChars = 0;
  rows = 0;

  constructor(readonly path: string) {
    this.file = new BufferedFile(path);
    this.file.write(stringify([CSV_COLUMNS.map((column) => column.name)], CSV_OPTIONS));
  }

  /**
   * Takes one record: its cells are picked now and held, and every ~64 KiB of
   * them go through csv-stringify's synchronous API at once and on to the
   * file, so a run can feed this as each request finishes without queueing
   * work. (The formula guard applies to results.csv only; results.jsonl keeps
   * every value as it came.)
   *
   * Cost per row, measured with `node scripts/bench-results.mjs` after
   * `npm run build`, on 100,000 synthetic rows of about 900 bytes (61
   * columns; Node 20 on a 2-core machine shared with other work, load 3 to 4;
   * best of 5 rounds; the hand-written version built from the previous
   * commit and run alternately with this one, three times each):
   *
   *   hand-written quoting, same columns   13.2-14.8 µs to /dev/null, 14.1-14.9 µs to a file
   *   csv-stringify/sync per 64 KiB batch   26.4-30.0 µs to /dev/null, 27.2-33.5 µs to a file
   *
   * So this is about twice the hand-written cost, some 15 µs a row more
   * (about 15 s of CPU over a million rows). Nearly all of it is inside
   * csv-stringify, which allocates a few objects per cell: fed the same
   * prepared rows, its sync API took 17-22 µs a row and its stream API
   * 15-18 µs, and the stream API piped to /dev/null 21-26 µs. (The batch
   * size hardly matters: 8 KiB and 256 KiB batches were no faster.)
   */
  write(record: ResultRecord): void {
    const row: CsvValue[] = new Array(CSV_COLUMNS.length);
    let chars = 0;
    for (let index = 0; index < CSV_COLUMNS.length; index += 1) {
      const value = CSV_COLUMNS[index].cell(record);
      if (typeof value === 'string') {
        row[index] = GUARDED[index] ? guardFormula(value) : value;
        chars += value.length + 1;
      } else {
        row[index] = value;
        chars += 8;
      }
    }
    this.batch.push(row);
    this.batchChars += chars;
    this.rows += 1;
    if (this.batchChars >= BATCH_CHARS) this.flushBatch();
  }

  close(): void {
    this.flushBatch();
    this.file.close();
  }

  private flushBatch(): void {
    if (this.batch.length === 0) return;
    this.file.write(stringify(this.batch, CSV_OPTIONS));
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
