import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDataset } from '../../src/dataset/read-dataset.js';

const rowCount = 200_000;
let folder = '';
let file = '';

/** A real garbage collection, so heap sizes measure what is still referenced. */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

beforeAll(() => {
  folder = mkdtempSync(path.join(os.tmpdir(), 'dataset-memory-'));
  file = path.join(folder, 'large.csv');
  const descriptor = openSync(file, 'w');
  writeSync(descriptor, 'id,question,context,answer\n');
  const filler = 'lorem ipsum dolor sit amet '.repeat(6);
  let batch = '';
  for (let index = 0; index < rowCount; index += 1) {
    batch += `row-${index},"What is ${index} plus one, exactly?","${filler}${index}",${index + 1}\n`;
    if (batch.length > 1_000_000) {
      writeSync(descriptor, batch);
      batch = '';
    }
  }
  writeSync(descriptor, batch);
  closeSync(descriptor);
});

afterAll(() => {
  if (folder) rmSync(folder, { recursive: true, force: true });
});

describe('streaming a large CSV', () => {
  it('does not keep rows: the heap grows far less than the file', async () => {
    const fileSize = statSync(file).size;
    expect(fileSize).toBeGreaterThan(30_000_000);
    collectGarbage();
    const baseline = process.memoryUsage().heapUsed;
    let rows = 0;
    let growthAtEnd = 0;
    for await (const sample of readDataset({ file, mapping: {} })) {
      rows += 1;
      if (rows === rowCount) {
        expect(sample.expected).toBe(String(rowCount));
        collectGarbage();
        growthAtEnd = process.memoryUsage().heapUsed - baseline;
      }
    }
    expect(rows).toBe(rowCount);
    expect(growthAtEnd).toBeLessThan(fileSize / 10);
  });
});
