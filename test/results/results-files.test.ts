import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ResultsWriter } from '../../src/results/append-results.js';
import { latestRecords } from '../../src/results/latest-records.js';
import { readResults } from '../../src/results/read-results.js';
import type { ResultRecord } from '../../src/results/result-record.js';
import { CSV_COLUMNS } from '../../src/results/columns.js';
import { csvCell, writeResultsCsv } from '../../src/results/write-csv.js';
import { record } from './helpers.js';

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

  it('writes the lines of one turn of the event loop together, right after that turn', async () => {
    const path = join(folder, 'results.jsonl');
    const writer = new ResultsWriter(path);
    writer.append(record('01aaaaaaaaaaaaaaaa'));
    writer.append(record('02aaaaaaaaaaaaaaaa'));
    // Still this turn: nothing written yet.
    expect(readFileSync(path, 'utf8')).toBe('');
    await new Promise((resolve) => setImmediate(resolve));
    expect(readFileSync(path, 'utf8').trimEnd().split('\n')).toHaveLength(2);
    writer.append(record('03aaaaaaaaaaaaaaaa'));
    // close() writes what the turn left pending.
    writer.close();
    expect(readFileSync(path, 'utf8').trimEnd().split('\n')).toHaveLength(3);
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
    expect(Object.keys(rows[0])).toEqual(CSV_COLUMNS.map((column) => column.name));
    expect(rows[0].input).toBe('q, with "quotes"\nand a newline');
    expect(rows[0].usage_raw).toBe('{"prompt_tokens":3}');
    expect(rows[0].stream).toBe('false');
    expect(rows[1].input).toBe('[{"role":"user","content":"hi"}]');
    expect(rows[1].error_kind).toBe('timeout');
    expect(rows[1].answer).toBe('');
    expect(rows[1].reasoning_tokens).toBe('');
  });

  it('writes the header as the registry lists the columns', async () => {
    const path = join(folder, 'results.csv');
    expect(await writeResultsCsv(path, (async function* () {})())).toBe(0);
    expect(readFileSync(path, 'utf8')).toBe(`${CSV_COLUMNS.map((column) => column.name).join(',')}\n`);
  });

  it('carries the version, cache, scorer, cost and video fields in flat columns', async () => {
    const path = join(folder, 'results.csv');
    const video = {
      task_id: 'task-9',
      handle: { taskId: 'task-9', model: 'seedance', submittedAt: 1767225600000, pollPath: '/v1/video/task-9' },
      state: 'succeeded' as const,
      status_raw: 'Succeeded',
      failure_reason: null,
      video_url: 'https://cdn.example/v.mp4?sig=a,b',
      file: 'videos/task-9.mp4',
      bytes: 1048576,
      sha256: 'ab'.repeat(32),
      submitted_at: '2026-01-01T00:00:00.000Z',
      time_to_done_ms: 64000.5,
      polls: 7,
    };
    async function* rows(): AsyncGenerator<ResultRecord> {
      yield record('01aaaaaaaaaaaaaaaa', {
        cached: true,
        cache_origin: {
          endpoint: 'http://127.0.0.1:9/v1/chat/completions',
          simulated: true,
          cached_at: '2026-01-02T03:04:05.678Z',
        },
        scorer: 'exact',
        cost_usd: 0.1 + 0.2,
      });
      yield record('02aaaaaaaaaaaaaaaa', { format: 'video-task', video });
    }
    await writeResultsCsv(path, rows());
    const [cached, videoRow] = parse(readFileSync(path), { columns: true }) as Array<Record<string, string>>;
    expect(cached).toMatchObject({
      v: '2',
      cached: 'true',
      cache_origin_endpoint: 'http://127.0.0.1:9/v1/chat/completions',
      cache_origin_simulated: 'true',
      cache_origin_cached_at: '2026-01-02T03:04:05.678Z',
      scorer: 'exact',
      cost_usd: '0.30000000000000004',
      video_task_id: '',
      video_handle: '',
      video_polls: '',
    });
    expect(videoRow).toMatchObject({
      cached: 'false',
      cache_origin_endpoint: '',
      cache_origin_simulated: '',
      scorer: '',
      cost_usd: '',
      video_task_id: 'task-9',
      video_state: 'succeeded',
      video_status_raw: 'Succeeded',
      video_failure_reason: '',
      video_url: 'https://cdn.example/v.mp4?sig=a,b',
      video_file: 'videos/task-9.mp4',
      video_bytes: '1048576',
      video_sha256: 'ab'.repeat(32),
      video_submitted_at: '2026-01-01T00:00:00.000Z',
      video_time_to_done_ms: '64000.5',
      video_polls: '7',
    });
    expect(JSON.parse(videoRow.video_handle)).toEqual(video.handle);
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

  it('quotes every cell exactly as csv-stringify does (the library it replaced, kept as the oracle)', async () => {
    const { stringify } = await import('csv-stringify/sync');
    const oracle = (value: unknown): string =>
      stringify([[value]], { cast: { boolean: (flag) => (flag ? 'true' : 'false') } }).slice(0, -1);
    const alphabet = ['a', 'Z', ' ', ',', '"', '\n', '\r', '\t', "'", '=', '-', '数', '😀', '\\', ';', '|'];
    let seed = 7;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let round = 0; round < 2000; round += 1) {
      const length = Math.floor(random() * 8);
      const value = Array.from({ length }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
      expect(csvCell(value), JSON.stringify(value)).toBe(oracle(value));
    }
    for (const value of [null, true, false, 0, -3, 1.25, 1e21, -0.5]) expect(csvCell(value)).toBe(oracle(value));
  });
});
