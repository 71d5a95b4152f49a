import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDataset, scanDataset } from '../../src/dataset/read-dataset.js';
import { ConfigError } from '../../src/errors.js';
import { DATASET_SAFE_SCORERS, parseScorerSpec } from '../../src/score/scorer-spec.js';
import { type MaterializedSuite, materializeSuite } from '../../src/suites/index.js';
import { SUITE_SCORERS } from '../../src/suites/resolve-part.js';
import { cleanup, datasets, errorOf, readJsonl, tempFolder } from './helpers.js';

afterAll(cleanup);

type Row = Record<string, string>;
const csv = (file: string): Row[] => parse(readFileSync(file), { bom: true, columns: true }) as Row[];
const subjects = readdirSync(path.join(datasets, 'cmmlu', 'test'))
  .map((name) => name.replace(/\.csv$/, ''))
  .sort();
const mapping = { inputField: 'prompt', expectedField: 'expected', idField: 'id' };

describe('gsm8k', () => {
  let done: MaterializedSuite;
  let items: Array<Record<string, unknown>>;
  const source = readFileSync(path.join(datasets, 'gsm8k', 'test.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { question: string; answer: string });

  beforeAll(async () => {
    done = await materializeSuite({ spec: 'gsm8k', folder: tempFolder() });
    items = readJsonl(done.file);
  });

  it('has the 1,319 test problems, zero-shot, scored numerically', () => {
    expect(done).toMatchObject({ name: 'gsm8k', suite: 'gsm8k', version: '1', rows: 1319, shots: 0, subset: null });
    expect(done).toMatchObject({ groupBy: [], clusterBy: null, licence: 'MIT', itemSalt: 'gsm8k@1' });
    expect(path.basename(done.file)).toBe('gsm8k.jsonl');
    expect(items).toHaveLength(1319);
    expect(Object.keys(items[0])).toEqual([
      'id',
      'prompt',
      'expected',
      'scorer',
      'subject',
      'category',
      'suite',
      'cluster',
    ]);
    expect(items[0]).toMatchObject({
      id: 'gsm8k/0001',
      expected: '18',
      scorer: 'numeric',
      subject: 'gsm8k',
      category: 'GSM8K',
      suite: 'gsm8k',
    });
    expect(items[1318].id).toBe('gsm8k/1319');
  });

  it('takes the expected number after #### with commas removed (checked by hand on a few rows)', () => {
    // Line 147 ends "#### 2,125", line 612 "#### 1,450,000", line 2 "#### 3".
    expect(source[146].answer.endsWith('#### 2,125')).toBe(true);
    expect(items[146]).toMatchObject({ id: 'gsm8k/0147', expected: '2125' });
    expect(source[611].answer.endsWith('#### 1,450,000')).toBe(true);
    expect(items[611].expected).toBe('1450000');
    expect(items[1].expected).toBe('3');
    items.forEach((item, index) => {
      expect(item.expected).toBe(source[index].answer.split('#### ').at(-1)?.replaceAll(',', '').trim());
    });
  });

  it('asks for the final line "#### <number>" and ends with the problem', () => {
    items.forEach((item, index) => {
      expect(item.prompt).toContain('"#### <number>"');
      expect((item.prompt as string).endsWith(`Problem: ${source[index].question}`)).toBe(true);
    });
  });
});

describe('cmmlu', () => {
  let done: MaterializedSuite;
  let items: Array<Record<string, unknown>>;
  let elapsed = 0;

  beforeAll(async () => {
    const started = performance.now();
    done = await materializeSuite({ spec: 'cmmlu', folder: tempFolder() });
    elapsed = performance.now() - started;
    items = readJsonl(done.file);
  });

  it('has all 67 subjects and 11,582 rows, 5-shot, and is quick to write', () => {
    console.log(`cmmlu materialized in ${elapsed.toFixed(0)} ms`);
    expect(elapsed).toBeLessThan(4000);
    expect(done).toMatchObject({
      rows: 11582,
      shots: 5,
      groupBy: ['category', 'subject'],
      clusterBy: 'cluster',
      itemSalt: 'cmmlu@1',
    });
    expect(done.licence).toBe('CC BY-NC-SA 4.0 (attribution, non-commercial, share-alike)');
    expect(items).toHaveLength(11582);
    expect(new Set(items.map((item) => item.subject))).toEqual(new Set(subjects));
  });

  it('counts rows per category and per subject as the source files do', () => {
    const perCategory: Record<string, number> = {};
    for (const item of items) perCategory[item.category as string] = (perCategory[item.category as string] ?? 0) + 1;
    expect(perCategory).toEqual({
      STEM: 2531,
      Humanities: 1962,
      'Social Science': 2260,
      Other: 2257,
      'China specific': 2572,
    });
    for (const subject of subjects) {
      const rows = csv(path.join(datasets, 'cmmlu', 'test', `${subject}.csv`));
      const mine = items.filter((item) => item.subject === subject);
      expect(mine.map((item) => item.id)).toEqual(rows.map((row) => `cmmlu/${subject}/${row._col0 ?? row['']}`));
      expect(mine.map((item) => item.expected)).toEqual(rows.map((row) => row.Answer));
    }
  });

  it('shows exactly the five dev questions of the subject, then the test question with an empty answer', () => {
    for (const subject of ['agronomy', 'high_school_mathematics', 'chinese_driving_rule', 'world_religions']) {
      const dev = csv(path.join(datasets, 'cmmlu', 'dev', `${subject}.csv`));
      const test = csv(path.join(datasets, 'cmmlu', 'test', `${subject}.csv`));
      const item = items.find((entry) => entry.id === `cmmlu/${subject}/3`) as Record<string, string>;
      const block = (row: Row) =>
        `题目：${row.Question}\nA. ${row.A}\nB. ${row.B}\nC. ${row.C}\nD. ${row.D}\n正确答案：`;
      expect(item.prompt.split('题目：')).toHaveLength(7);
      const exemplars = dev.map((row) => `${block(row)}${row.Answer}\n\n`).join('');
      expect(item.prompt).toContain(
        `」的单项选择题。每道题只有一个选项正确，请选出正确答案，只需回答选项字母。\n\n${exemplars}`,
      );
      expect(item.prompt.endsWith(`\n\n${block(test[3])}`)).toBe(true);
      expect(item.expected).toBe(test[3].Answer);
    }
  });

  it('reads back cleanly through the dataset reader, with a scorer column a dataset may use', async () => {
    const scan = await scanDataset({ file: done.file, mapping });
    expect(scan).toMatchObject({ rows: 11582, format: 'jsonl', sha256: done.sha256 });
    expect(scan.scorerSpecs).toEqual([{ spec: 'choice', line: 1 }]);
    expect(scan.repeatedIds.count).toBe(0);
    let count = 0;
    for await (const sample of readDataset({ file: done.file, mapping })) {
      if (count === 0) expect(sample).toMatchObject({ id: 'cmmlu/agronomy/0', input: items[0].prompt, expected: 'B' });
      count += 1;
    }
    expect(count).toBe(11582);
    expect(createHash('sha256').update(readFileSync(done.file)).digest('hex')).toBe(done.sha256);
  });

  it('writes byte-identical files twice over', async () => {
    const again = await materializeSuite({ spec: 'cmmlu', folder: tempFolder() });
    expect(again.sha256).toBe(done.sha256);
    expect(readFileSync(again.file).equals(readFileSync(done.file))).toBe(true);
  });
});

describe('scorers and shots', () => {
  it('names only scorers a dataset may choose, and each built-in spec parses as a dataset scorer', async () => {
    expect([...SUITE_SCORERS].sort()).toEqual([...DATASET_SAFE_SCORERS].sort());
    for (const spec of ['numeric', 'choice'])
      await expect(
        parseScorerSpec(spec, { cwd: process.cwd(), trust: 'dataset', source: 'scorer column' }),
      ).resolves.toBeTruthy();
  });

  it('0, 3 and 5 shots show that many exemplars; 5 is the default', async () => {
    const prompts: Record<string, string> = {};
    for (const shots of [0, 3, 5, undefined]) {
      const done = await materializeSuite({ spec: 'cmmlu:agronomy', shots, folder: tempFolder() });
      expect(done.shots).toBe(shots ?? 5);
      prompts[String(shots)] = readJsonl(done.file)[0].prompt as string;
    }
    expect(prompts['0'].split('题目：')).toHaveLength(2);
    expect(prompts['0']).toBe(
      `下面是几道关于「农学」的单项选择题。每道题只有一个选项正确，请选出正确答案，只需回答选项字母。\n\n${prompts['5'].split('\n\n').at(-1)}`,
    );
    expect(prompts['3'].split('题目：')).toHaveLength(5);
    expect(prompts['5'].split('题目：')).toHaveLength(7);
    expect(prompts.undefined).toBe(prompts['5']);
  });

  it('more shots than exemplars, shots on a zero-shot suite, and a bad count are ConfigErrors naming --shots', async () => {
    const folder = tempFolder();
    expect(await errorOf(() => materializeSuite({ spec: 'cmmlu:agronomy', shots: 6, folder }))).toMatch(
      /^--shots 6: subject 'agronomy' has only 5 exemplars \(.*datasets\/cmmlu\/dev\/agronomy\.csv\); ask for 5 or fewer\.$/,
    );
    expect(await errorOf(() => materializeSuite({ spec: 'gsm8k', shots: 2, folder }))).toContain(
      '--shots 2: suite gsm8k has no few-shot exemplars for the subjects asked for (it is zero-shot)',
    );
    expect(await errorOf(() => materializeSuite({ spec: 'gsm8k', shots: 1.5, folder }))).toContain(
      '--shots must be a whole number of at least 0, got 1.5.',
    );
    const zero = await materializeSuite({ spec: 'gsm8k', shots: 0, folder });
    expect(zero.rows).toBe(1319);
    const error = await materializeSuite({ spec: 'cmmlu:agronomy', shots: 9, folder }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ConfigError);
  });
});
