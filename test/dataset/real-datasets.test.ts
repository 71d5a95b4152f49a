import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { readDataset, scanDataset } from '../../src/dataset/read-dataset.js';
import type { Sample } from '../../src/dataset/sample.js';
import { collect, sharedDatasets } from './helpers.js';

const present = existsSync(sharedDatasets);
if (!present) console.log('Skipping real-dataset tests: ../shared/datasets is absent next to the repository.');

describe.skipIf(!present)('GSM8K test split (../shared/datasets/gsm8k/test.jsonl)', () => {
  const file = path.join(sharedDatasets, 'gsm8k', 'test.jsonl');

  it('reads 1319 rows with the final answer as expected, needing no flags', async () => {
    const samples = await collect(readDataset({ file, mapping: {} }));
    expect(samples).toHaveLength(1319);
    expect(samples[0].expected).toBe('18');
    expect(samples[0].input).toMatch(/^Janet\u2019s ducks lay 16 eggs per day\./);
    expect(samples[0].source.line).toBe(1);
    expect(samples[1318].source.line).toBe(1319);
    expect(samples.every((sample) => typeof sample.expected === 'string' && !sample.expected.includes('#'))).toBe(true);
    expect(new Set(samples.map((sample) => sample.itemKey)).size).toBe(1319);
  });

  it('gives the same ids and item keys on a second read, and a scan agrees', async () => {
    const keys = (samples: Sample[]) => samples.map((sample) => `${sample.id}/${sample.itemKey}`);
    const first = keys(await collect(readDataset({ file, mapping: {} })));
    const second = keys(await collect(readDataset({ file, mapping: {} })));
    expect(second).toEqual(first);
    const scan = await scanDataset({ file, mapping: {} });
    expect(scan.rows).toBe(1319);
    expect(scan.columns).toEqual(['question', 'answer']);
    expect(scan.sha256).toBe(createHash('sha256').update(readFileSync(file)).digest('hex'));
  });
});

describe.skipIf(!present)('CMMLU test files (../shared/datasets/cmmlu/test/*.csv)', () => {
  const folder = path.join(sharedDatasets, 'cmmlu', 'test');

  for (const name of ['agronomy.csv', 'high_school_mathematics.csv', 'machine_learning.csv']) {
    it(`reads ${name} with the unnamed column, the multiple-choice prompt and a letter answer`, async () => {
      const file = path.join(folder, name);
      const records = parse(readFileSync(file), { bom: true, columns: true }) as Array<Record<string, string>>;
      const samples = await collect(readDataset({ file, mapping: {} }));
      expect(samples).toHaveLength(records.length);
      samples.forEach((sample, index) => {
        const record = records[index];
        expect(sample.vars._col0).toBe(String(index));
        expect(sample.input).toBe(`${record.Question}\nA. ${record.A}\nB. ${record.B}\nC. ${record.C}\nD. ${record.D}`);
        expect(sample.expected).toMatch(/^[A-D]$/);
        expect(sample.expected).toBe(record.Answer);
      });
      expect(new Set(samples.map((sample) => sample.itemKey)).size).toBe(samples.length);
    });
  }

  it('starts each row on the line a plain line count gives when no field spans lines', async () => {
    const file = path.join(folder, 'agronomy.csv');
    const samples = await collect(readDataset({ file, mapping: {} }));
    const lineStarts = readFileSync(file, 'utf8').split('\n');
    for (const sample of samples) {
      expect(lineStarts[sample.source.line - 1].startsWith(`${String(sample.vars._col0)},`)).toBe(true);
    }
  });

  it('scans all 67 subjects to the 11,582 rows the dataset README lists', async () => {
    const files = readdirSync(folder).filter((name) => name.endsWith('.csv'));
    expect(files).toHaveLength(67);
    let rows = 0;
    for (const name of files) rows += (await scanDataset({ file: path.join(folder, name), mapping: {} })).rows;
    expect(rows).toBe(11_582);
  });
});
