import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MaterializedSuite, materializeSuite } from '../../src/suites/index.js';
import { cleanup, datasets, readJsonl, tempFolder } from './helpers.js';

afterAll(cleanup);

const seed = 'mixrouter-default-1';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The sampling rule, written out again: rank ids by sha256("<seed>:<id>"), keep the first n. */
function pick(ids: string[], n: number): string[] {
  return ids
    .map((id) => ({ id, key: sha256(`${seed}:${id}`) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .slice(0, n)
    .map((entry) => entry.id);
}

describe('the default suite: a fixed stratified sample', () => {
  let done: MaterializedSuite;
  let items: Array<Record<string, unknown>>;

  beforeAll(async () => {
    done = await materializeSuite({ spec: 'default', folder: tempFolder() });
    items = readJsonl(done.file);
  });

  it('holds 100 GSM8K problems and 2 CMMLU questions from each of the 67 subjects', () => {
    expect(done).toMatchObject({ suite: 'default', rows: 234, shots: 5, itemSalt: 'default@1' });
    expect(done.groupBy).toEqual(['category', 'subject']);
    expect(items.filter((item) => item.subject === 'gsm8k')).toHaveLength(100);
    const perSubject = new Map<string, number>();
    for (const item of items)
      if (item.subject !== 'gsm8k')
        perSubject.set(item.subject as string, (perSubject.get(item.subject as string) ?? 0) + 1);
    expect(perSubject.size).toBe(67);
    expect([...perSubject.values()].every((count) => count === 2)).toBe(true);
    expect(items.every((item) => item.suite === 'default')).toBe(true);
  });

  it('clusters CMMLU items by subject and leaves each GSM8K problem a cluster of its own', () => {
    expect(done.clusterBy).toBe('cluster');
    for (const item of items) expect(item.cluster).toBe(item.subject === 'gsm8k' ? item.id : item.subject);
  });

  it('is pinned: the sorted chosen ids hash to a fixed value', () => {
    const ids = items.map((item) => item.id as string).sort();
    expect(sha256(ids.join('\n'))).toBe('4c8119ea84f778d58df3dca83667bd5f8e5c65d77c512644c0d3cd497f6de225');
  });

  it('follows the documented rule, recomputed here from the source files', () => {
    const gsm = Array.from({ length: 1319 }, (_, index) => `gsm8k/${String(index + 1).padStart(4, '0')}`);
    const expected = pick(gsm, 100);
    for (const name of readdirSync(path.join(datasets, 'cmmlu', 'test')).sort()) {
      const subject = name.replace(/\.csv$/, '');
      const rows = parse(readFileSync(path.join(datasets, 'cmmlu', 'test', name)), { columns: true }) as Array<
        Record<string, string>
      >;
      expected.push(
        ...pick(
          rows.map((row) => `cmmlu/${subject}/${row['']}`),
          2,
        ),
      );
    }
    expect(items.map((item) => item.id).sort()).toEqual(expected.sort());
  });

  it('asks each item exactly as the full suites do', async () => {
    const full = new Map<string, Record<string, unknown>>();
    for (const spec of ['gsm8k', 'cmmlu:agronomy,world_religions']) {
      const whole = await materializeSuite({ spec, folder: tempFolder() });
      for (const item of readJsonl(whole.file)) full.set(item.id as string, item);
    }
    const compared = items.filter((item) => full.has(item.id as string));
    expect(compared).toHaveLength(104);
    for (const item of compared)
      expect({ ...item, suite: 'x' }).toEqual({ ...full.get(item.id as string), suite: 'x' });
  });
});
