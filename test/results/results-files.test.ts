import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ResultsWriter } from '../../src/results/append-results.js';
import { latestRecords } from '../../src/results/latest-records.js';
import { readResults } from '../../src/results/read-results.js';
import { RESULT_SCHEMA_VERSION, type ResultRecord } from '../../src/results/result-record.js';
import { CSV_COLUMNS, csvCell, writeResultsCsv } from '../../src/results/write-csv.js';

function record(key: string, overrides: Partial<ResultRecord> = {}): ResultRecord {
  return {
    v: RESULT_SCHEMA_VERSION,
    key,
    item: `item-${key}`,
    id: key,
    dataset: 'd.csv',
    model: 'm',
    model_id: 'm',
    format: 'openai-chat',
    repeat: 0,
    status: 'ok',
    cached: false,
    scorer: null,
    billed_input_tokens: null,
    billed_output_tokens: null,
    cost_usd: null,
    input: 'q, with "quotes"\nand a newline',
    expected: '1',
    answer: '1',
    reasoning: null,
    answer_raw: null,
    error: null,
    finish_reason: 'stop',
    finish_reason_raw: 'stop',
    input_tokens: 3,
    output_tokens: 1,
    reasoning_tokens: null,
    cached_tokens: null,
    cache_write_tokens: null,
    total_tokens: 4,
    usage_raw: { prompt_tokens: 3 },
    response_model: 'm-1',
    response_id: 'r',
    system_fingerprint: null,
    request_id: 'q',
    stream: false,
    latency_ms: 10,
    ttft_ms: null,
    generation_ms: null,
    output_tps: 100,
    queue_ms: 0,
    backoff_ms: 0,
    attempts: 1,
    total_ms: 10,
    started_at: '2026-01-01T00:00:00.000Z',
    ended_at: '2026-01-01T00:00:00.010Z',
    ...overrides,
  };
}

let folder: string;
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'results-'));
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const values: T[] = [];
  for await (const value of iterable) values.push(value);
  return values;
}

describe('results files', () => {
  it('appends one complete line per record and masks the secret', async () => {
    const path = join(folder, 'results.jsonl');
    const writer = new ResultsWriter(path, 'secret-key-123');
    const clean = record('01aaaaaaaaaaaaaaaa');
    expect(writer.append(clean)).toBe(clean);
    const written = writer.append(
      record('02aaaaaaaaaaaaaaaa', {
        status: 'error',
        error: { kind: 'auth', message: 'bad key secret-key-123', status: 401, code: null },
      }),
    );
    expect(written.error?.message).toBe('bad key ***');
    writer.close();
    const text = readFileSync(path, 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    expect(text.split('\n')).toHaveLength(3);
    expect(text).not.toContain('secret-key-123');
    expect((await collect(readResults(path))).map((entry) => entry.key)).toEqual([
      '01aaaaaaaaaaaaaaaa',
      '02aaaaaaaaaaaaaaaa',
    ]);
  });

  it('cuts a torn last line before appending again', async () => {
    const path = join(folder, 'results.jsonl');
    writeFileSync(path, `${JSON.stringify(record('01aaaaaaaaaaaaaaaa'))}\n{"v":1,"key":"torn`);
    expect((await collect(readResults(path))).map((entry) => entry.key)).toEqual(['01aaaaaaaaaaaaaaaa']);
    const writer = new ResultsWriter(path);
    writer.append(record('02aaaaaaaaaaaaaaaa'));
    writer.close();
    const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines.map((line) => (JSON.parse(line) as ResultRecord).key)).toEqual([
      '01aaaaaaaaaaaaaaaa',
      '02aaaaaaaaaaaaaaaa',
    ]);
  });

  it('keeps the last line of a repeated key, in file order', async () => {
    const path = join(folder, 'results.jsonl');
    appendFileSync(path, `${JSON.stringify(record('01aaaaaaaaaaaaaaaa', { status: 'error' }))}\n`);
    appendFileSync(path, `${JSON.stringify(record('02aaaaaaaaaaaaaaaa'))}\n`);
    appendFileSync(path, `${JSON.stringify(record('01aaaaaaaaaaaaaaaa', { answer: 'second' }))}\n`);
    const latest = await collect(latestRecords(path));
    expect(latest.map((entry) => [entry.key, entry.status, entry.answer])).toEqual([
      ['02aaaaaaaaaaaaaaaa', 'ok', '1'],
      ['01aaaaaaaaaaaaaaaa', 'ok', 'second'],
    ]);
  });

  it('writes flat CSV columns that parse back', async () => {
    const path = join(folder, 'results.csv');
    async function* two(): AsyncGenerator<ResultRecord> {
      yield record('01aaaaaaaaaaaaaaaa');
      yield record('02aaaaaaaaaaaaaaaa', {
        input: [{ role: 'user', content: 'hi' }],
        answer: null,
        status: 'error',
        error: { kind: 'timeout', message: 'slow', status: null, code: null },
      });
    }
    expect(await writeResultsCsv(path, two())).toBe(2);
    const rows = parse(readFileSync(path), { columns: true }) as Array<Record<string, string>>;
    expect(Object.keys(rows[0])).toEqual(CSV_COLUMNS.map(([header]) => header));
    expect(rows[0].input).toBe('q, with "quotes"\nand a newline');
    expect(rows[0].usage_raw).toBe('{"prompt_tokens":3}');
    expect(rows[0].stream).toBe('false');
    expect(rows[1].input).toBe('[{"role":"user","content":"hi"}]');
    expect(rows[1].error_kind).toBe('timeout');
    expect(rows[1].answer).toBe('');
    expect(rows[1].reasoning_tokens).toBe('');
  });

  it('quotes exactly the cells that need it, and they parse back unchanged', () => {
    const values = [
      'plain',
      'a,b',
      'say "hi"',
      'line\nbreak',
      'cr\ronly',
      'crlf\r\nend',
      ' padded ',
      '',
      '数学，中文',
      '"',
      ',',
      '=1+2',
    ];
    expect(values.map(csvCell)).toEqual([
      'plain',
      '"a,b"',
      '"say ""hi"""',
      '"line\nbreak"',
      '"cr\ronly"',
      '"crlf\r\nend"',
      ' padded ',
      '',
      '数学，中文',
      '""""',
      '","',
      '=1+2',
    ]);
    const parsed = parse(`${values.map(csvCell).join(',')}\n`, { relax_column_count: false }) as string[][];
    expect(parsed).toEqual([values]);
    expect([null, undefined, true, false, 0, 1.5].map(csvCell)).toEqual(['', '', 'true', 'false', '0', '1.5']);
  });
});
