import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DatasetError } from '../../src/errors.js';
import { readDataset, scanDataset } from '../../src/dataset/read-dataset.js';
import { toFileError } from '../../src/dataset/file-source.js';
import type { Sample } from '../../src/dataset/sample.js';
import { collect, fixture, rejection } from './helpers.js';

const temporary = mkdtempSync(path.join(os.tmpdir(), 'dataset-scan-'));
afterAll(() => rmSync(temporary, { recursive: true, force: true }));

function writeTemporary(name: string, content: string): string {
  const file = path.join(temporary, name);
  writeFileSync(file, content);
  return file;
}

function sha256Of(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

function manyRows(count: number): string {
  const lines = ['id,prompt,expected'];
  for (let index = 0; index < count; index += 1)
    lines.push(`r${index},"Question number ${index}, please",${index % 7}`);
  return `${lines.join('\n')}\n`;
}

describe('scanDataset', () => {
  it('counts CSV rows and hashes the file bytes', async () => {
    const file = fixture('quoted-newlines.csv');
    const scan = await scanDataset({ file, mapping: {} });
    expect(scan).toEqual({
      file,
      format: 'csv',
      rows: 5,
      sha256: sha256Of(file),
      columns: ['id', 'prompt', 'expected'],
      repeatedIds: { count: 0, examples: [] },
      scorerSpecs: [],
    });
  });

  it('hashes the bytes with the BOM and reports the union of JSONL keys', async () => {
    const bom = await scanDataset({ file: fixture('bom.csv'), mapping: {} });
    expect(bom.sha256).toBe(sha256Of(fixture('bom.csv')));
    const file = fixture('messages.jsonl');
    const scan = await scanDataset({ file, mapping: {} });
    expect(scan).toEqual({
      file,
      format: 'jsonl',
      rows: 3,
      sha256: sha256Of(file),
      columns: ['id', 'messages', 'expected'],
      repeatedIds: { count: 0, examples: [] },
      scorerSpecs: [],
    });
  });

  it('hands over exactly the samples readDataset yields when asked to keep them (repeated rows and limit included)', async () => {
    const file = writeTemporary(
      'repeats.csv',
      `${manyRows(40)}r-again,"Question number 3, please",3\nr-again2,"Question number 3, please",3\n`,
    );
    for (const limit of [undefined, 41, 7]) {
      const samples: Sample[] = [];
      const scan = await scanDataset({ file, mapping: {}, limit, samples });
      expect(samples).toEqual(await collect(readDataset({ file, mapping: {}, limit })));
      expect(samples).toHaveLength(scan.rows);
    }
    const jsonl = fixture('messages.jsonl');
    const fromJsonl: Sample[] = [];
    await scanDataset({ file: jsonl, mapping: {}, samples: fromJsonl });
    expect(fromJsonl).toEqual(await collect(readDataset({ file: jsonl, mapping: {} })));
  });

  it('stops counting at limit but still hashes the whole file', async () => {
    const file = writeTemporary('many.csv', manyRows(20_000));
    const scan = await scanDataset({ file, mapping: {}, limit: 3 });
    expect(scan.rows).toBe(3);
    expect(scan.sha256).toBe(sha256Of(file));
    const full = await scanDataset({ file, mapping: {} });
    expect(full.rows).toBe(20_000);
    expect(full.sha256).toBe(scan.sha256);
  });

  it('keeps line numbers right deep into a file that spans many chunks', async () => {
    const file = writeTemporary('late-error.csv', `${manyRows(10_000)}r-bad,"unclosed,1\n`);
    const error = (await rejection(scanDataset({ file, mapping: {} }))) as DatasetError;
    expect(error).toBeInstanceOf(DatasetError);
    expect(error.line).toBe(10_002);
  });

  it('throws the first problem even when a CSV syntax error follows it closely', async () => {
    const file = writeTemporary('two-problems.csv', 'prompt,expected\nok,1\n"",2\nfine,3\nbroken,4,extra\n');
    const error = (await rejection(scanDataset({ file, mapping: {} }))) as DatasetError;
    expect(error).toBeInstanceOf(DatasetError);
    expect([error.line, error.column]).toEqual([3, 'prompt']);
  });

  it('reports a missing file, a directory and an unsupported extension clearly', async () => {
    const missing = path.join(temporary, 'nope.csv');
    const directory = path.join(temporary, 'folder.jsonl');
    mkdirSync(directory);
    const text = writeTemporary('notes.txt', 'prompt\nhi\n');
    const cases: Array<[string, string]> = [
      [missing, 'file not found'],
      [directory, 'is a directory'],
      [text, '.csv, .jsonl, .ndjson'],
    ];
    for (const [file, words] of cases) {
      const scanError = await rejection(scanDataset({ file, mapping: {} }));
      expect(scanError).toBeInstanceOf(DatasetError);
      expect(scanError.message).toContain(file);
      expect(scanError.message).toContain(words);
      const readError = await rejection(collect(readDataset({ file, mapping: {} })));
      expect(readError.message).toBe(scanError.message);
    }
  });

  it('reads .ndjson files as JSONL', async () => {
    const file = writeTemporary('rows.NDJSON', '{"input":"hi","label":"x"}\n');
    const scan = await scanDataset({ file, mapping: {} });
    expect([scan.format, scan.rows]).toEqual(['jsonl', 1]);
  });

  it('turns a permission error into a clear DatasetError', () => {
    const denied = Object.assign(new Error("EACCES: permission denied, open 'x.csv'"), { code: 'EACCES' });
    const error = toFileError(denied, 'x.csv');
    expect(error).toBeInstanceOf(DatasetError);
    expect((error as DatasetError).message).toBe('x.csv: cannot be read (permission denied)');
  });
});

const openFiles = (): number => readdirSync('/proc/self/fd').length;

describe.skipIf(!existsSync('/proc/self/fd'))('closing the file', () => {
  it('closes the file when reading stops at the limit or the loop breaks early', async () => {
    const csv = writeTemporary('close.csv', manyRows(50_000));
    const jsonl = writeTemporary('close.jsonl', '{"prompt":"a"}\n'.repeat(50_000));
    const before = openFiles();
    for (const file of [csv, jsonl]) {
      expect(await collect(readDataset({ file, mapping: {}, limit: 2 }))).toHaveLength(2);
      for await (const sample of readDataset({ file, mapping: {} })) {
        expect(sample.source.line).toBeGreaterThan(0);
        break;
      }
    }
    for (let attempt = 0; attempt < 200 && openFiles() > before; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(openFiles()).toBe(before);
  });
});
