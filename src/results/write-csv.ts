import { BufferedFile } from '../util/buffered-file.js';
import type { ResultRecord } from './result-record.js';

type Column = [header: string, pick: (record: ResultRecord) => unknown];

const json = (value: unknown): string | null => (value === null || value === undefined ? null : JSON.stringify(value));

/** The flat columns of `results.csv`, in order. The README documents each one. */
export const CSV_COLUMNS: Column[] = [
  ['key', (r) => r.key],
  ['item', (r) => r.item],
  ['id', (r) => r.id],
  ['dataset', (r) => r.dataset],
  ['model', (r) => r.model],
  ['model_id', (r) => r.model_id],
  ['format', (r) => r.format],
  ['repeat', (r) => r.repeat],
  ['status', (r) => r.status],
  ['input', (r) => (typeof r.input === 'string' ? r.input : json(r.input))],
  ['expected', (r) => r.expected],
  ['answer', (r) => r.answer],
  ['reasoning', (r) => r.reasoning],
  ['answer_raw', (r) => r.answer_raw],
  ['error_kind', (r) => r.error?.kind ?? null],
  ['error_message', (r) => r.error?.message ?? null],
  ['error_status', (r) => r.error?.status ?? null],
  ['error_code', (r) => r.error?.code ?? null],
  ['finish_reason', (r) => r.finish_reason],
  ['finish_reason_raw', (r) => r.finish_reason_raw],
  ['input_tokens', (r) => r.input_tokens],
  ['output_tokens', (r) => r.output_tokens],
  ['reasoning_tokens', (r) => r.reasoning_tokens],
  ['cached_tokens', (r) => r.cached_tokens],
  ['cache_write_tokens', (r) => r.cache_write_tokens],
  ['total_tokens', (r) => r.total_tokens],
  ['usage_raw', (r) => json(r.usage_raw)],
  ['response_model', (r) => r.response_model],
  ['response_id', (r) => r.response_id],
  ['system_fingerprint', (r) => r.system_fingerprint],
  ['request_id', (r) => r.request_id],
  ['stream', (r) => r.stream],
  ['latency_ms', (r) => r.latency_ms],
  ['ttft_ms', (r) => r.ttft_ms],
  ['generation_ms', (r) => r.generation_ms],
  ['output_tps', (r) => r.output_tps],
  ['queue_ms', (r) => r.queue_ms],
  ['backoff_ms', (r) => r.backoff_ms],
  ['attempts', (r) => r.attempts],
  ['total_ms', (r) => r.total_ms],
  ['started_at', (r) => r.started_at],
  ['ended_at', (r) => r.ended_at],
];

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
    line += csvCell(CSV_COLUMNS[index][1](record));
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
    this.file.write(`${CSV_COLUMNS.map(([header]) => csvCell(header)).join(',')}\n`);
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
