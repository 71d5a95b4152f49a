import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DatasetError } from '../../src/errors.js';
import { readDataset } from '../../src/dataset/read-dataset.js';
import { readCsvRows } from '../../src/dataset/read-csv.js';
import { collect, fixture, rejection } from './helpers.js';

const temporary = mkdtempSync(path.join(os.tmpdir(), 'dataset-csv-'));
afterAll(() => rmSync(temporary, { recursive: true, force: true }));

function writeTemporary(name: string, content: string): string {
  const file = path.join(temporary, name);
  writeFileSync(file, content);
  return file;
}

describe('readDataset on CSV', () => {
  it('drops a UTF-8 BOM so the first header cell keeps its plain name', async () => {
    const file = fixture('bom.csv');
    expect(readFileSync(file).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const samples = await collect(readDataset({ file, mapping: {} }));
    expect(samples.map((sample) => [sample.input, sample.expected, sample.source.line])).toEqual([
      ['What is 2+2?', '4', 2],
      ['Capital of France?', 'Paris', 3],
    ]);
    expect(Object.keys(samples[0].vars)).toEqual(['question', 'answer']);
  });

  it('keeps quoted commas and line breaks and numbers rows by the line they start on', async () => {
    const samples = await collect(readDataset({ file: fixture('quoted-newlines.csv'), mapping: {} }));
    expect(samples.map((sample) => [sample.id, sample.source.line])).toEqual([
      ['a', 2],
      ['b', 3],
      ['c', 7],
      ['d', 8],
      ['e', 10],
    ]);
    expect(samples[0].input).toBe('first, with a comma');
    expect(samples[1].input).toBe('spans\nthree\nlines');
  });

  it('reads CRLF files, counting a CRLF inside a quoted field as one line', async () => {
    const file = fixture('crlf.csv');
    expect(readFileSync(file, 'utf8')).toContain('\r\n');
    const samples = await collect(readDataset({ file, mapping: {} }));
    expect(samples.map((sample) => [sample.id, sample.input, sample.expected, sample.source.line])).toEqual([
      ['r1', 'Say "hi"', 'hi', 2],
      ['r2', 'Line one\r\nline two', 'two', 3],
      ['r3', 'plain', 'three', 5],
    ]);
  });

  it('names a row with too many fields by file:line', async () => {
    const file = fixture('broken-row.csv');
    const error = await rejection(collect(readDataset({ file, mapping: {} })));
    expect(error).toBeInstanceOf(DatasetError);
    expect((error as DatasetError).line).toBe(4);
    expect(error.message).toContain(`${file}:4`);
    expect(error.message).toContain('4 fields but the header has 2');
  });

  it('points an unclosed quote at the line its record starts on', async () => {
    const file = fixture('unclosed-quote.csv');
    const error = await rejection(collect(readDataset({ file, mapping: {} })));
    expect(error).toBeInstanceOf(DatasetError);
    expect(error.message).toContain(`${file}:3`);
    expect(error.message).toContain('never closed');
  });

  it('names the column of a stray quote', async () => {
    const file = writeTemporary('stray-quote.csv', 'prompt,expected\nok,1\nfine,"2"x\n');
    const error = (await rejection(collect(readDataset({ file, mapping: {} })))) as DatasetError;
    expect(error).toBeInstanceOf(DatasetError);
    expect([error.line, error.column]).toEqual([3, 'expected']);
  });

  it('rejects an empty file and a header-only file as having no rows', async () => {
    for (const name of ['empty.csv', 'header-only.csv']) {
      const error = await rejection(collect(readDataset({ file: fixture(name), mapping: {} })));
      expect(error).toBeInstanceOf(DatasetError);
      expect(error.message).toContain('has no rows');
    }
  });

  it('names unnamed header cells _col<index> and builds the multiple-choice prompt', async () => {
    const samples = await collect(readDataset({ file: fixture('choice.csv'), mapping: {} }));
    expect(samples[0].vars._col0).toBe('0');
    expect(samples[0].input).toBe('Which is a fruit?\nA. Carrot\nB. Apple\nC. Potato\nD. Onion');
    expect(samples[1].input).toBe('Which number is even, 3 or 4?\nA. 3\nB. 4\nC. 5\nD. 7');
    expect(samples.map((sample) => sample.expected)).toEqual(['B', 'B']);
  });

  it('rejects a header that names a column twice', async () => {
    const file = writeTemporary('twice.csv', 'prompt,prompt\na,b\n');
    const error = (await rejection(collect(readDataset({ file, mapping: {} })))) as DatasetError;
    expect(error).toBeInstanceOf(DatasetError);
    expect([error.line, error.column]).toEqual([1, 'prompt']);
  });

  it('skips empty lines before the header and still counts them', async () => {
    const file = writeTemporary('leading-blank.csv', '\n\nprompt\nhello\n\nworld\n');
    const rows = await collect(readCsvRows({ file }));
    expect(rows.map((row) => [row.fields.prompt, row.line])).toEqual([
      ['hello', 4],
      ['world', 6],
    ]);
  });

  it('hands every byte to onChunk and the header to onHeader', async () => {
    const file = fixture('quoted-newlines.csv');
    const chunks: Buffer[] = [];
    let header: string[] = [];
    await collect(readCsvRows({ file, onChunk: (chunk) => chunks.push(chunk), onHeader: (h) => (header = h.columns) }));
    expect(Buffer.concat(chunks)).toEqual(readFileSync(file));
    expect(header).toEqual(['id', 'prompt', 'expected']);
  });
});
