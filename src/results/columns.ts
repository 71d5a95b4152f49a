import { FORMATS } from '../types/formats.js';
import { FINISH_REASONS } from '../types/outcome-kinds.js';
import { type CsvColumn, type CsvValue, nestedColumns, toCell } from './csv-column-spec.js';
import { cacheOriginCheck, messagesCheck, recordErrorCheck, videoCheck } from './nested-checks.js';
import type { ResultRecord } from './result-record.js';
import {
  anyJson,
  boolean,
  type Check,
  type CsvKind,
  either,
  nullable,
  number,
  oneOf,
  optional,
  text,
  textRecord,
} from './value-checks.js';

/** Everything the tool knows about one field of a result line. */
export interface FieldSpec<T> {
  /** Validates the JSON value when a line is read; its `type` is what the docs show. */
  check: Check<T>;
  /** One sentence for the docs. */
  meaning: string;
  /** For fields every v2 line carries but a v1 line may lack: the value such a line gets when read. */
  v1Default?: { value: T };
  /** How `results.csv` carries the field. Left out: one column of the same name, the value as it is. */
  csv?: CsvColumn<T>[];
}

/** One entry per field of `ResultRecord`, no more and no fewer: a field without an entry fails `tsc`. */
type FieldRegistry = { readonly [K in keyof ResultRecord]-?: FieldSpec<ResultRecord[K]> };

const count = nullable(number);
const nullableText = nullable(text);

/**
 * The results contract: every field of a result line in line order, with its
 * type, meaning, validator and CSV columns. `results.csv` takes its columns
 * in this order, a nested field's columns in place of the field; the docs
 * (docs/results-format.md) are generated from it.
 */
export const RESULT_FIELDS: FieldRegistry = {
  v: { check: number, meaning: 'Schema version of the line; older lines are upgraded on read.' },
  key: {
    check: text,
    meaning:
      "Hash of the row's content, the wire model id, the format, the request parameters and the repeat index; unique per request.",
  },
  item: { check: text, meaning: "Hash of the row's content alone; joins models and runs." },
  id: { check: text, meaning: "The dataset row's id (its `id` column, or `item`)." },
  dataset: { check: text, meaning: 'File name of the dataset the row came from.' },
  model: { check: text, meaning: 'The model name as requested (its label).' },
  model_id: { check: text, meaning: 'The model id sent on the wire.' },
  format: { check: oneOf(FORMATS), meaning: 'The wire format the request used.' },
  repeat: { check: number, meaning: 'Repeat index, from 0 (above 0 only with `--repeat`).' },
  status: {
    check: oneOf(['ok', 'error', 'pending']),
    meaning: '`pending` is a video task accepted but not finished (a resume polls it instead of submitting again).',
  },
  cached: {
    check: boolean,
    meaning:
      'True when the answer came from the response cache: no request was sent, and latency statistics leave it out.',
    v1Default: { value: false },
  },
  cache_origin: {
    check: nullable(cacheOriginCheck),
    meaning: 'For a cached row, where its answer was first received; null otherwise.',
    v1Default: { value: null },
    csv: nestedColumns('cache_origin', 'cache_origin_', cacheOriginCheck.members),
  },
  scorer: {
    check: nullableText,
    meaning: "The scorer the dataset's `scorer` column names for this row; null when it names none.",
    v1Default: { value: null },
  },
  groups: {
    check: optional(textRecord),
    meaning:
      'The row\'s values of the run\'s group columns (`--group-by`, `--cluster-by`, a suite\'s `category` and `subject`), e.g. `{"category": "STEM", "subject": "anatomy"}`; absent when the run has none.',
    csv: [
      {
        name: 'groups',
        kind: 'json',
        from: '`groups` as JSON text; empty when absent',
        cell: (groups) => toCell(groups, 'json'),
      },
    ],
  },
  input: {
    check: either(text, messagesCheck),
    meaning:
      'The prompt as sent: text, or a messages array (`{role, content}` items, content text or an array of parts).',
    csv: [
      {
        name: 'input',
        kind: 'text',
        from: '`input`: text as is, a messages array as JSON text',
        cell: (input) => (typeof input === 'string' ? input : JSON.stringify(input)),
      },
    ],
  },
  expected: { check: nullableText, meaning: 'The expected answer after extraction; null when the row has none.' },
  answer: { check: nullableText, meaning: 'The answer text; null on an error unless a stream broke part way.' },
  reasoning: {
    check: nullableText,
    meaning: 'Reasoning text from a dedicated field, or from a `<think>` wrapper when there was none.',
  },
  answer_raw: { check: nullableText, meaning: 'The content before a `<think>` wrapper was split off, when one was.' },
  error: {
    check: nullable(recordErrorCheck),
    meaning: 'For a request that failed after its retries: the typed error; null otherwise.',
    csv: nestedColumns('error', 'error_', recordErrorCheck.members),
  },
  finish_reason: {
    check: nullable(oneOf(FINISH_REASONS)),
    meaning: 'Why generation stopped, in one vocabulary for every format.',
  },
  finish_reason_raw: { check: nullableText, meaning: "The vendor's own finish reason." },
  input_tokens: { check: count, meaning: 'Prompt tokens, cached ones included; null when not reported.' },
  output_tokens: { check: count, meaning: 'Generated tokens, reasoning included; null when not reported.' },
  reasoning_tokens: { check: count, meaning: 'Reasoning tokens (part of the output); null when not reported.' },
  cached_tokens: {
    check: count,
    meaning: 'Prompt tokens read from a provider cache (part of the input); null when not reported.',
  },
  cache_write_tokens: { check: count, meaning: 'Prompt tokens written to a provider cache; null when not reported.' },
  total_tokens: { check: count, meaning: "The provider's total, else input plus output; null when neither is known." },
  usage_raw: {
    check: anyJson,
    meaning: "The provider's usage object exactly as it arrived.",
    csv: [
      {
        name: 'usage_raw',
        kind: 'json',
        from: '`usage_raw` as JSON text; empty when null',
        cell: (usage) => toCell(usage, 'json'),
      },
    ],
  },
  billed_input_tokens: {
    check: count,
    meaning:
      'Input tokens over every attempt that reported usage, retried and failed ones included: what was billed; null when none reported any.',
    v1Default: { value: null },
  },
  billed_output_tokens: {
    check: count,
    meaning: 'Output tokens over every attempt that reported usage; null when none reported any.',
    v1Default: { value: null },
  },
  cost_usd: {
    check: nullable(number),
    meaning:
      'Cost in USD of every attempt that reported usage, from the price table; null when the price or the usage is unknown.',
    v1Default: { value: null },
  },
  response_model: { check: nullableText, meaning: 'The model id the response reported (may be a dated snapshot).' },
  response_id: { check: nullableText, meaning: "The response's id." },
  system_fingerprint: { check: nullableText, meaning: "The response's system fingerprint, when it had one." },
  request_id: {
    check: nullableText,
    meaning: "The gateway's request id (`X-Oneapi-Request-Id`) of the final attempt.",
  },
  stream: { check: boolean, meaning: 'Whether the request was streamed.' },
  latency_ms: { check: count, meaning: 'Model latency of the final attempt: request sent to last byte.' },
  ttft_ms: { check: count, meaning: 'Time to the first generated token of the final attempt (streams only).' },
  generation_ms: { check: count, meaning: 'First to last generated token of the final attempt (streams only).' },
  output_tps: {
    check: count,
    meaning: 'Output tokens per second of the final attempt (over generation time when streamed).',
  },
  queue_ms: {
    check: number,
    meaning: 'Time waiting for a concurrency slot or a rate limiter before the first attempt.',
  },
  backoff_ms: { check: number, meaning: 'Total time spent backing off between attempts.' },
  attempts: { check: number, meaning: 'Attempts made (1 means no retry).' },
  total_ms: { check: number, meaning: 'Wall time from scheduling to the record: queue, attempts and back-off.' },
  started_at: { check: text, meaning: 'When the job started (ISO time).' },
  ended_at: { check: text, meaning: 'When the record was made (ISO time).' },
  video: {
    check: optional(videoCheck),
    meaning: 'Video rows only (format `video-task`): the task, its state and the video; absent on other rows.',
    csv: nestedColumns('video', 'video_', videoCheck.members),
  },
};

/** The field names in line order. */
export const FIELD_NAMES = Object.keys(RESULT_FIELDS) as Array<keyof ResultRecord>;

/** A `results.csv` column as the writer and the docs use it: the field it comes from and its cell of a record. */
export interface ResultCsvColumn {
  name: string;
  field: keyof ResultRecord;
  kind: CsvKind;
  from: string;
  cell: (record: ResultRecord) => CsvValue;
}

function columnsOf<K extends keyof ResultRecord>(field: K): ResultCsvColumn[] {
  const spec = RESULT_FIELDS[field] as FieldSpec<ResultRecord[K]>;
  const columns = spec.csv ?? [
    {
      name: field,
      kind: spec.check.csv,
      from: `\`${field}\` as is`,
      cell: (value: ResultRecord[K]) => value as CsvValue,
    },
  ];
  return columns.map((column) => ({
    name: column.name,
    field,
    kind: column.kind,
    from: column.from,
    cell: (record: ResultRecord) => column.cell(record[field]),
  }));
}

/** The columns of `results.csv`, in order. */
export const CSV_COLUMNS: readonly ResultCsvColumn[] = FIELD_NAMES.flatMap(columnsOf);
