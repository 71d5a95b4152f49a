import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseShardFlag, resolveShardArg } from '../../src/config/shard-flag.js';
import { ItemKeyAssigner } from '../../src/dataset/item-keys.js';
import type { Sample } from '../../src/dataset/sample.js';
import { scanRunDatasets } from '../../src/run/run-datasets.js';
import { inShard, shardOfItem } from '../../src/run/shard.js';
import { ConfigError } from '../../src/errors.js';

const temporary = mkdtempSync(path.join(os.tmpdir(), 'shard-'));
afterAll(() => rmSync(temporary, { recursive: true, force: true }));

/** The item keys of rows `0..n-1` of a made-up dataset, as the readers compute them. */
function itemKeys(rows: string[]): string[] {
  const keys = new ItemKeyAssigner();
  return rows.map((input) => keys.next({ input, expected: '1' }));
}

const questions = (from: number, to: number): string[] =>
  Array.from({ length: to - from }, (_, index) => `Question ${from + index}: what is ${from + index} + 1?`);

async function all(samples: AsyncGenerator<Sample>): Promise<Sample[]> {
  const out: Sample[] = [];
  for await (const sample of samples) out.push(sample);
  return out;
}

describe('shardOfItem', () => {
  it('keeps every row in its shard when rows are added before it or the file is reordered', () => {
    const rows = questions(0, 500);
    const before = new Map(itemKeys(rows).map((key, at) => [rows[at], shardOfItem(key, 4)]));
    const grown = [...questions(1000, 1200), ...rows.slice().reverse(), ...questions(500, 700)];
    const after = new Map(itemKeys(grown).map((key, at) => [grown[at], shardOfItem(key, 4)]));
    for (const [row, shard] of before) expect(after.get(row), row).toBe(shard);
  });

  it('splits rows roughly evenly', () => {
    const counts = [0, 0, 0, 0];
    for (const key of itemKeys(questions(0, 20_000))) counts[shardOfItem(key, 4)] += 1;
    for (const count of counts) expect(Math.abs(count - 5000)).toBeLessThan(300);
    const seven = Array(7).fill(0) as number[];
    for (const key of itemKeys(questions(0, 7000))) seven[shardOfItem(key, 7)] += 1;
    for (const count of seven) expect(Math.abs(count - 1000)).toBeLessThan(150);
  });

  it('puts everything in shard 0 of 1', () => {
    for (const key of itemKeys(questions(0, 50))) expect(shardOfItem(key, 1)).toBe(0);
    expect(inShard('abc', null)).toBe(true);
  });
});

describe('scanRunDatasets with a shard', () => {
  it('hands each shard its own rows: together every row once (identical copies too)', async () => {
    const file = path.join(temporary, 'rows.csv');
    // Row 0 appears three times: its copies get the keys key, key-2, key-3.
    const rows = ['same question', ...questions(0, 60), 'same question', 'same question'];
    writeFileSync(file, `prompt,expected\n${rows.map((row) => `"${row}",1`).join('\n')}\n`);
    const whole = await all((await scanRunDatasets({ datasets: [{ file, mapping: {} }] })).samples());
    const seen: string[] = [];
    for (let index = 0; index < 3; index += 1) {
      const shard = { index, count: 3 };
      const datasets = await scanRunDatasets({ datasets: [{ file, mapping: {} }], shard });
      const samples = await all(datasets.samples());
      expect(datasets.rows).toBe(samples.length);
      expect(datasets.scans[0].rows).toBe(rows.length);
      for (const sample of samples) expect(shardOfItem(sample.itemKey, 3)).toBe(index);
      seen.push(...samples.map((sample) => sample.itemKey));
    }
    expect(seen.sort()).toEqual(whole.map((sample) => sample.itemKey).sort());
  });
});

describe('--shard', () => {
  it('reads i/n and auto/n', () => {
    expect(parseShardFlag('0/4')).toEqual({ index: 0, count: 4 });
    expect(parseShardFlag(' 3/4 ')).toEqual({ index: 3, count: 4 });
    expect(parseShardFlag('auto/4', { JOB_COMPLETION_INDEX: '2' })).toEqual({ index: 2, count: 4 });
    expect(parseShardFlag(undefined)).toBeUndefined();
    expect(resolveShardArg({ shard: 'auto/5' }, { JOB_COMPLETION_INDEX: '4' })).toEqual({ shard: '4/5' });
  });

  it.each([
    ['4/4', /index in '4\/4' must be a whole number from 0 to 3/],
    ['-1/2', /index in '-1\/2'/],
    ['a/b', /shard count in 'a\/b'/],
    ['0/0', /shard count in '0\/0' must be a whole number from 1/],
    ['1.5/4', /index in '1.5\/4'/],
    ['3', /--shard takes i\/n/],
    ['', /--shard takes i\/n/],
  ])('refuses %j, naming the flag', (value, message) => {
    expect(() => parseShardFlag(value, {})).toThrow(ConfigError);
    expect(() => parseShardFlag(value, {})).toThrow(message);
  });

  it('refuses auto/n without a valid JOB_COMPLETION_INDEX', () => {
    expect(() => parseShardFlag('auto/4', {})).toThrow(/JOB_COMPLETION_INDEX, which is not set/);
    expect(() => parseShardFlag('auto/4', { JOB_COMPLETION_INDEX: '4' })).toThrow(/from 0 to 3/);
    expect(() => parseShardFlag('auto/4', { JOB_COMPLETION_INDEX: 'x' })).toThrow(/is 'x'/);
  });
});
