import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RESULT_SCHEMA_VERSION, type ResultRecord } from '../../src/results/result-record.js';
import type { ScoreLine } from '../../src/score/types.js';
import { shortHash } from '../../src/util/hash.js';

/** A result line as the runner writes it. */
export type TestRecord = ResultRecord;

/** The content key of test item `index` (hex, like the real ones). */
export function itemKey(index: number): string {
  return shortHash(`item-${index}`);
}

/**
 * A final result row of `model` on item `index`: expected `42`, answered `42`
 * when `pass`, else `41`. Overrides win.
 */
export function makeRecord(
  options: { model: string; index: number; pass: boolean; repeat?: number } & Partial<TestRecord>,
): TestRecord {
  const { model, index, pass, repeat = 0, ...overrides } = options;
  const item = itemKey(index);
  return {
    v: RESULT_SCHEMA_VERSION,
    key: shortHash(`${model}|${item}|${repeat}`),
    item,
    id: `q${String(index).padStart(3, '0')}`,
    dataset: 'arithmetic.csv',
    model,
    model_id: model,
    format: 'openai-chat',
    repeat,
    status: 'ok',
    cached: false,
    cache_origin: null,
    scorer: null,
    input: `What is 6 * 7? (#${index})`,
    expected: '42',
    answer: pass ? 'The answer is 42' : 'The answer is 41',
    reasoning: null,
    answer_raw: null,
    error: null,
    finish_reason: 'stop',
    finish_reason_raw: 'stop',
    input_tokens: 12,
    output_tokens: 5,
    reasoning_tokens: null,
    cached_tokens: null,
    cache_write_tokens: null,
    total_tokens: 17,
    usage_raw: { prompt_tokens: 12, completion_tokens: 5 },
    billed_input_tokens: null,
    billed_output_tokens: null,
    cost_usd: null,
    response_model: model,
    response_id: `r-${index}`,
    system_fingerprint: null,
    request_id: null,
    stream: false,
    latency_ms: 100 + index,
    ttft_ms: null,
    generation_ms: null,
    output_tps: null,
    queue_ms: 0,
    backoff_ms: 0,
    attempts: 1,
    total_ms: 100 + index,
    started_at: '2026-01-01T00:00:00.000Z',
    ended_at: '2026-01-01T00:00:00.100Z',
    ...overrides,
  };
}

/** An error row of `model` on item `index`. */
export function errorRecord(options: { model: string; index: number; repeat?: number }): TestRecord {
  return makeRecord({
    ...options,
    pass: false,
    status: 'error',
    answer: null,
    error: { kind: 'timeout', message: 'attempt timed out', status: null, code: null },
    finish_reason: null,
    finish_reason_raw: null,
    input_tokens: null,
    output_tokens: null,
    total_tokens: null,
    usage_raw: null,
    latency_ms: null,
  });
}

/** `count` rows of `model`, item i passing when `passes(i)`. */
export function modelRows(options: { model: string; count: number; passes: (index: number) => boolean }): TestRecord[] {
  const rows: TestRecord[] = [];
  for (let index = 0; index < options.count; index += 1)
    rows.push(makeRecord({ model: options.model, index, pass: options.passes(index) }));
  return rows;
}

/** Writes a run folder: results.jsonl, optionally run.json (for `simulated`) and scores.jsonl. */
export function writeRun(options: {
  folder: string;
  records: readonly TestRecord[];
  simulated?: boolean;
  scores?: readonly ScoreLine[];
}): string {
  mkdirSync(options.folder, { recursive: true });
  writeFileSync(
    join(options.folder, 'results.jsonl'),
    options.records.map((record) => `${JSON.stringify(record)}\n`).join(''),
  );
  if (options.simulated !== undefined) {
    const models = [...new Set(options.records.map((record) => record.model))];
    const manifest = {
      tool: { name: 'mixrouter-eval', version: '0.0.0' },
      simulated: options.simulated,
      argv: [],
      settings: {},
      datasets: [],
      base_url: 'http://127.0.0.1:1/v1',
      models: models.map((name) => ({
        name,
        model_id: name,
        format: 'openai-chat',
        vendor: 'other',
        base_url: 'http://127.0.0.1:1/v1',
        params: {},
      })),
      status: 'completed',
      started_at: '2026-01-01T00:00:00.000Z',
      ended_at: null,
      counts: { planned: 0, already_done: 0, written: 0, ok: 0, errors: 0 },
      events: [],
    };
    writeFileSync(join(options.folder, 'run.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  }
  if (options.scores)
    writeFileSync(
      join(options.folder, 'scores.jsonl'),
      options.scores.map((line) => `${JSON.stringify(line)}\n`).join(''),
    );
  return options.folder;
}

/** An in-memory command output. */
export function captureIo(): {
  io: { stdout: { write(text: string): boolean }; stderr: { write(text: string): boolean } };
  out: () => string;
  err: () => string;
} {
  let stdout = '';
  let stderr = '';
  return {
    io: {
      stdout: {
        write: (text: string) => {
          stdout += text;
          return true;
        },
      },
      stderr: {
        write: (text: string) => {
          stderr += text;
          return true;
        },
      },
    },
    out: () => stdout,
    err: () => stderr,
  };
}
