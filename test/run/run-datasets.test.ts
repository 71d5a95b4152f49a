import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readDataset } from '../../src/dataset/read-dataset.js';
import type { Sample } from '../../src/dataset/sample.js';
import { scanRunDatasets } from '../../src/run/run-datasets.js';

const temporary = mkdtempSync(path.join(os.tmpdir(), 'run-datasets-'));
afterAll(() => rmSync(temporary, { recursive: true, force: true }));

async function all(samples: AsyncGenerator<Sample>): Promise<Sample[]> {
  const out: Sample[] = [];
  for await (const sample of samples) out.push(sample);
  return out;
}

describe('scanRunDatasets', () => {
  it('gives the same samples from a small file held since its scan as from a large one read again', async () => {
    const small = path.join(temporary, 'small.csv');
    writeFileSync(small, 'id,question,answer\na,"What is 1+1?",2\nb,"Same again",3\nb2,"Same again",3\n');
    // Over the 4 MiB past which a file is streamed a second time instead of held.
    const large = path.join(temporary, 'large.jsonl');
    const line = (index: number): string =>
      `${JSON.stringify({ id: `l${index}`, question: `Long prompt ${index} ${'x'.repeat(400)}`, answer: String(index) })}\n`;
    writeFileSync(large, Array.from({ length: 11_000 }, (_, index) => line(index)).join(''));
    const datasets = await scanRunDatasets({ datasets: [small, large].map((file) => ({ file, mapping: {} })) });
    expect(datasets.scans.map((scan) => scan.rows)).toEqual([3, 11_000]);
    const expected = [
      ...(await all(readDataset({ file: small, mapping: {} }))),
      ...(await all(readDataset({ file: large, mapping: {} }))),
    ];
    expect(await all(datasets.samples())).toEqual(expected);
  });

  it('honours the row limit on both paths', async () => {
    const small = path.join(temporary, 'limit.csv');
    writeFileSync(small, `question\n${Array.from({ length: 10 }, (_, index) => `row ${index}`).join('\n')}\n`);
    const large = path.join(temporary, 'limit-large.csv');
    writeFileSync(
      large,
      `question\n${Array.from({ length: 10 }, (_, index) => `row ${index} ${'y'.repeat(500_000)}`).join('\n')}\n`,
    );
    for (const file of [small, large]) {
      const datasets = await scanRunDatasets({ datasets: [{ file, mapping: {} }], limit: 4 });
      expect((await all(datasets.samples())).map((sample) => String(sample.input).slice(0, 5))).toEqual([
        'row 0',
        'row 1',
        'row 2',
        'row 3',
      ]);
    }
  });
});
