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

/** Writes `results.csv` from a stream of records; `null` becomes an empty cell. */
export async function writeResultsCsv(path: string, records: AsyncIterable<ResultRecord>): Promise<number> {
  const output = createWriteStream(path);
  const stringifier = stringify({
    header: true,
    columns: CSV_COLUMNS.map(([header]) => header),
    cast: { boolean: (value) => (value ? 'true' : 'false') },
  });
  stringifier.pipe(output);
  let rows = 0;
  for await (const record of records) {
    const row = CSV_COLUMNS.map(([, pick]) => pick(record) ?? '');
    if (!stringifier.write(row)) await once(stringifier, 'drain');
    rows += 1;
  }
  stringifier.end();
  await once(output, 'finish');
  return rows;
}
