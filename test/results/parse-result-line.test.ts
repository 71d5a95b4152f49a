import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { latestRecords } from '../../src/results/latest-records.js';
import { describeLineProblem, type LineProblem, parseResultLine } from '../../src/results/parse-result-line.js';
import { readResults } from '../../src/results/read-results.js';
import type { ResultRecord } from '../../src/results/result-record.js';
import { record } from './helpers.js';

/** A line as the first version of the tool wrote it: v1, without cached, cache_origin, scorer or cost_usd. */
function firstVersionLine(key: string): Record<string, unknown> {
  const { cached, cache_origin, scorer, cost_usd, ...rest } = record(key);
  return { ...rest, v: 1 };
}

function problemOf(value: unknown, line = 3): LineProblem | null {
  return parseResultLine(typeof value === 'string' ? value : JSON.stringify(value), line).problem;
}

describe('parseResultLine', () => {
  it('returns a valid line as parsed, unknown fields and exact numbers kept', () => {
    const line = {
      ...record('k1', { cost_usd: 0.1 + 0.2, usage_raw: { prompt_tokens: 3, extra: [1, null] } }),
      note: 'x',
    };
    const parsed = parseResultLine(JSON.stringify(line), 1);
    expect(parsed.problem).toBeNull();
    expect(parsed.record).toEqual(line);
    expect(parsed.record?.cost_usd).toBe(0.30000000000000004);
  });

  it('upgrades a first-version v1 line to v2: missing fields become false or null', () => {
    const old = firstVersionLine('k1');
    expect(Object.keys(old)).not.toContain('cached');
    const parsed = parseResultLine(JSON.stringify(old), 1);
    expect(parsed.problem).toBeNull();
    expect(parsed.record).toEqual({ ...old, v: 2, cached: false, cache_origin: null, scorer: null, cost_usd: null });
  });

  it('keeps what a later v1 line did carry, filling only cache_origin', () => {
    const { cache_origin, ...rest } = record('k1', { cached: true, scorer: 'exact', cost_usd: 0.002 });
    const parsed = parseResultLine(JSON.stringify({ ...rest, v: 1 }), 1);
    expect(parsed.record).toMatchObject({ v: 2, cached: true, cache_origin: null, scorer: 'exact', cost_usd: 0.002 });
    const origin = { endpoint: 'http://127.0.0.1:8080/v1/chat/completions', simulated: true, cached_at: 't' };
    expect(parseResultLine(JSON.stringify({ ...rest, v: 1, cache_origin: origin }), 1).record?.cache_origin).toEqual(
      origin,
    );
  });

  it('refuses a v2 line that lacks a field every v2 line carries', () => {
    const { cost_usd, ...rest } = record('k1');
    expect(problemOf(rest)).toEqual({
      line: 3,
      kind: 'field',
      field: 'cost_usd',
      reason: 'expected number | null, got nothing (field missing)',
    });
  });

  it('names the field and the nested member at fault', () => {
    expect(problemOf({ ...record('k1'), latency_ms: '12' })).toMatchObject({
      field: 'latency_ms',
      reason: 'expected number | null, got "12"',
    });
    const error = { kind: 'exploded', message: 'm', status: null, code: null };
    expect(problemOf({ ...record('k1'), status: 'error', error })?.field).toBe('error');
    expect(problemOf({ ...record('k1'), status: 'error', error })?.reason).toMatch(
      /^kind: expected one of "rate-limit"/,
    );
    expect(problemOf({ ...record('k1'), input: [{ role: 'user' }] })).toMatchObject({
      field: 'input',
      reason: 'expected string | ChatMessage[], got an array',
    });
    expect(problemOf({ ...record('k1'), video: null })?.field).toBe('video');
  });

  it('tells a newer or a missing schema version apart from a broken line', () => {
    expect(problemOf({ ...record('k1'), v: 3 })).toMatchObject({ kind: 'version', field: 'v' });
    expect(problemOf({ ...record('k1'), v: 3 })?.reason).toContain('newer mixrouter-eval');
    const { v, ...unversioned } = record('k1');
    expect(problemOf(unversioned)?.reason).toBe('expected schema version 1 to 2, got nothing (field missing)');
    expect(problemOf('{"v":2,"key":"torn')).toMatchObject({ kind: 'not-json', field: null });
    expect(problemOf('[1,2]')).toMatchObject({ kind: 'not-an-object', reason: 'expected a JSON object, got an array' });
  });

  it('describes a problem in one sentence', () => {
    const problem = problemOf({ ...record('k1'), cached: 'yes' }, 7) as LineProblem;
    expect(describeLineProblem(problem)).toBe('line 7: field cached: expected boolean, got "yes"');
  });
});

let folder: string;
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'parse-line-'));
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const values: T[] = [];
  for await (const value of iterable) values.push(value);
  return values;
}

describe('readers', () => {
  it('report an invalid line with its number and reason, and skip only a torn tail silently', async () => {
    const path = join(folder, 'results.jsonl');
    const lines = [
      JSON.stringify(record('k1')),
      JSON.stringify({ ...record('k2'), attempts: null }),
      'not json at all',
      JSON.stringify(record('k3')),
      '{"v":2,"key":"k4","item":',
    ];
    writeFileSync(path, lines.join('\n'));
    const bad: Array<[number, string, LineProblem]> = [];
    const keys = (await collect(readResults(path, (...args) => bad.push(args)))).map((entry) => entry.key);
    expect(keys).toEqual(['k1', 'k3']);
    expect(bad.map(([line, text, problem]) => [line, text === lines[line - 1], problem.kind, problem.field])).toEqual([
      [2, true, 'field', 'attempts'],
      [3, true, 'not-json', null],
    ]);
  });

  it('report a complete but invalid last line (it is no torn write)', async () => {
    const path = join(folder, 'results.jsonl');
    writeFileSync(path, `${JSON.stringify(record('k1'))}\n${JSON.stringify({ ...record('k2'), v: 9 })}\n`);
    const bad: LineProblem[] = [];
    expect(await collect(readResults(path, (_line, _text, problem) => bad.push(problem)))).toHaveLength(1);
    expect(bad).toMatchObject([{ line: 2, kind: 'version', field: 'v' }]);
  });

  it('give v1 files to later stages in the v2 shape', async () => {
    const path = join(folder, 'results.jsonl');
    writeFileSync(path, `${JSON.stringify(firstVersionLine('k1'))}\n${JSON.stringify(firstVersionLine('k2'))}\n`);
    const latest: ResultRecord[] = await collect(latestRecords(path));
    expect(
      latest.map((entry) => [entry.key, entry.v, entry.cached, entry.cache_origin, entry.scorer, entry.cost_usd]),
    ).toEqual([
      ['k1', 2, false, null, null, null],
      ['k2', 2, false, null, null, null],
    ]);
  });
});
