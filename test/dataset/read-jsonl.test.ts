import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DatasetError } from '../../src/errors.js';
import { readDataset } from '../../src/dataset/read-dataset.js';
import { readJsonlRows } from '../../src/dataset/read-jsonl.js';
import { collect, fixture, rejection } from './helpers.js';

const temporary = mkdtempSync(path.join(os.tmpdir(), 'dataset-jsonl-'));
afterAll(() => rmSync(temporary, { recursive: true, force: true }));

describe('readJsonlRows', () => {
  it('numbers lines from 1, skips blank lines, and accepts a BOM, CRLF and no final newline', async () => {
    const file = path.join(temporary, 'mixed.jsonl');
    writeFileSync(file, '\uFEFF{"prompt":"a"}\r\n\r\n   \n{"prompt":"b"}\n{"prompt":"c"}');
    const rows = await collect(readJsonlRows({ file }));
    expect(rows.map((row) => [row.fields.prompt, row.line])).toEqual([
      ['a', 1],
      ['b', 4],
      ['c', 5],
    ]);
  });

  it('names file:line and the JSON error for a line that is not JSON', async () => {
    const file = fixture('bad-line.jsonl');
    const error = (await rejection(collect(readJsonlRows({ file })))) as DatasetError;
    expect(error).toBeInstanceOf(DatasetError);
    expect(error.line).toBe(4);
    expect(error.message).toMatch(new RegExp(`^${escapeText(file)}:4: not valid JSON: .+`));
  });

  it('rejects a line holding JSON that is not an object', async () => {
    const file = fixture('array-line.jsonl');
    const error = await rejection(collect(readJsonlRows({ file })));
    expect(error.message).toContain(`${file}:2: expected a JSON object, got an array`);
  });
});

describe('readDataset on JSONL', () => {
  it('takes a messages array with image_url parts as the input', async () => {
    const samples = await collect(readDataset({ file: fixture('messages.jsonl'), mapping: {} }));
    expect(samples.map((sample) => sample.id)).toEqual(['m1', 'm2', 'm3']);
    const first = samples[0].input;
    expect(Array.isArray(first)).toBe(true);
    expect(first).toEqual([
      { role: 'system', content: 'You describe images.' },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'What is in this picture?' },
          { type: 'image_url', image_url: { url: 'https://example.com/cat.png', detail: 'low' } },
        ],
      },
    ]);
    expect(samples[0].expected).toBe('a cat');
    expect(samples[2].expected).toBeUndefined();
  });

  it('gives a line-precise error for a malformed messages part', async () => {
    const file = fixture('bad-messages.jsonl');
    const error = (await rejection(collect(readDataset({ file, mapping: {} })))) as DatasetError;
    expect(error).toBeInstanceOf(DatasetError);
    expect([error.line, error.column]).toEqual([2, 'messages']);
    expect(error.message).toContain('messages[0].content[0].image_url.url must be a non-empty string');
  });

  it('rejects a message with an unknown role', async () => {
    const file = path.join(temporary, 'role.jsonl');
    writeFileSync(file, '{"messages":[{"role":"robot","content":"hi"}]}\n');
    const error = await rejection(collect(readDataset({ file, mapping: {} })));
    expect(error.message).toContain(`${file}:1 (column 'messages'): messages[0].role must be one of`);
  });

  it('extracts the GSM8K final answer after "#### " and trims plain answers', async () => {
    const samples = await collect(readDataset({ file: fixture('expected-gsm.jsonl'), mapping: {} }));
    expect(samples.map((sample) => sample.expected)).toEqual(['5', '1,000', 'plain answer']);
  });

  it('names the line and the field when a templated key is missing from a row', async () => {
    const file = path.join(temporary, 'missing-key.jsonl');
    writeFileSync(file, '{"q":"one","c":"x"}\n{"q":"two"}\n');
    const error = (await rejection(
      collect(readDataset({ file, mapping: { prompt: '{{q}} / {{c}}' } })),
    )) as DatasetError;
    expect(error).toBeInstanceOf(DatasetError);
    expect([error.line, error.column]).toEqual([2, 'c']);
    expect(error.message).toContain('--prompt');
  });

  it('rejects an empty file as having no rows', async () => {
    const error = await rejection(collect(readDataset({ file: fixture('empty.jsonl'), mapping: {} })));
    expect(error).toBeInstanceOf(DatasetError);
    expect(error.message).toContain('has no rows');
  });
});

function escapeText(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
