import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { stringify } from 'csv-stringify';
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

/** Streams records into `results.csv`; `null` becomes an empty cell. */
export class ResultsCsvWriter {
  private readonly output: ReturnType<typeof createWriteStream>;
  private readonly stringifier = stringify({
    header: true,
    columns: CSV_COLUMNS.map(([header]) => header),
    cast: { boolean: (value) => (value ? 'true' : 'false') },
  });
  rows = 0;

  constructor(path: string) {
    this.output = createWriteStream(path);
    this.stringifier.pipe(this.output);
  }

  async write(record: ResultRecord): Promise<void> {
    this.rows += 1;
    if (!this.stringifier.write(CSV_COLUMNS.map(([, pick]) => pick(record) ?? ''))) await once(this.stringifier, 'drain');
  }

  async close(): Promise<void> {
    this.stringifier.end();
    await once(this.output, 'finish');
  }
}

/** Writes `results.csv` from a stream of records and returns the row count. */
export async function writeResultsCsv(path: string, records: AsyncIterable<ResultRecord>): Promise<number> {
  const writer = new ResultsCsvWriter(path);
  for await (const record of records) await writer.write(record);
  await writer.close();
  return writer.rows;
}

/** Passes records through while writing each to `results.csv`, so one read serves the CSV and the summary. */
export async function* teeToCsv(records: AsyncIterable<ResultRecord>, writer: ResultsCsvWriter): AsyncGenerator<ResultRecord> {
  for await (const record of records) {
    await writer.write(record);
    yield record;
  }
  await writer.close();
}
