import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, DatasetError } from '../../src/errors.js';
import { readDataset } from '../../src/dataset/read-dataset.js';
import { compileTemplate } from '../../src/dataset/template.js';
import { ItemKeyAssigner } from '../../src/dataset/item-keys.js';
import { canonicalJson, shortHash } from '../../src/util/hash.js';
import { collect, fixture, rejection } from './helpers.js';

const temporary = mkdtempSync(path.join(os.tmpdir(), 'dataset-map-'));
afterAll(() => rmSync(temporary, { recursive: true, force: true }));

function writeTemporary(name: string, content: string): string {
  const file = path.join(temporary, name);
  writeFileSync(file, content);
  return file;
}

describe('compileTemplate', () => {
  it('fills placeholders, allows spaces inside braces and reads backslash-n as a newline', () => {
    const template = compileTemplate('{{ Question }}\\nA. {{A}}\n{{Question}}!');
    expect(template.columns).toEqual(['Question', 'A']);
    expect(template.render({ Question: 'Why?', A: 3 })).toBe('Why?\nA. 3\nWhy?!');
  });

  it('rejects an empty placeholder', () => {
    expect(() => compileTemplate('Answer: {{ }}')).toThrow(ConfigError);
  });
});

describe('field mapping', () => {
  it('renders a --prompt template over CSV columns', async () => {
    const samples = await collect(
      readDataset({ file: fixture('template.csv'), mapping: { prompt: 'Context: {{Context}}\\nQ: {{ Question }}' } }),
    );
    expect(samples[0].input).toBe('Context: A short story\nQ: Who wrote it?');
    expect(samples[0].expected).toBe('Ann');
    expect(samples[0].vars).toEqual({ Question: 'Who wrote it?', Context: 'A short story', Answer: 'Ann' });
  });

  it('rejects a template naming a column the header lacks, naming the flag, the column and the columns', async () => {
    const error = await rejection(
      collect(readDataset({ file: fixture('template.csv'), mapping: { prompt: '{{Question}} {{Choices}}' } })),
    );
    expect(error).toBeInstanceOf(ConfigError);
    expect(error).not.toBeInstanceOf(DatasetError);
    expect(error.message).toContain('--prompt');
    expect(error.message).toContain("'Choices'");
    expect(error.message).toContain("'Question', 'Context', 'Answer'");
  });

  it('gives identical rows distinct item keys: the n-th repeat gets -n', async () => {
    const samples = await collect(readDataset({ file: fixture('duplicates.csv'), mapping: {} }));
    const base = shortHash(canonicalJson({ input: 'Same question?', expected: 'yes' }));
    expect(base).toMatch(/^[0-9a-f]{20}$/);
    expect(samples.map((sample) => sample.itemKey)).toEqual([
      base,
      shortHash(canonicalJson({ input: 'Other question?', expected: 'no' })),
      `${base}-2`,
      `${base}-3`,
      shortHash(canonicalJson({ input: 'Same question?', expected: 'no' })),
    ]);
    expect(new Set(samples.map((sample) => sample.id)).size).toBe(5);
    expect(samples[2].id).toBe(samples[2].itemKey);
  });

  it('uses an explicit id column without changing the item key', async () => {
    const file = writeTemporary('ids.csv', 'key,prompt\nk1,hello\n');
    const [withId] = await collect(readDataset({ file, mapping: { idField: 'key' } }));
    const [withoutId] = await collect(readDataset({ file, mapping: {} }));
    expect(withId.id).toBe('k1');
    expect(withoutId.id).toBe(withoutId.itemKey);
    expect(withId.itemKey).toBe(withoutId.itemKey);
  });

  it('rejects a named --expected-field or --id-field that is not a column', async () => {
    for (const mapping of [{ expectedField: 'Solution' }, { idField: 'uuid' }]) {
      const error = await rejection(collect(readDataset({ file: fixture('template.csv'), mapping })));
      expect(error).toBeInstanceOf(ConfigError);
      expect(error.message).toContain(mapping.expectedField ? '--expected-field' : '--id-field');
    }
  });

  it('explains how to pick an input when no input column is found', async () => {
    const file = writeTemporary('no-input.csv', 'text,gold\nhello,1\n');
    const error = await rejection(collect(readDataset({ file, mapping: {} })));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toContain("'text', 'gold'");
    expect(error.message).toContain('--input-field');
    expect(error.message).toContain('--prompt');
  });

  it('detects input and expected columns case-insensitively and honours --input-field', async () => {
    const file = writeTemporary('cases.csv', 'INPUT,Target,text\nfrom input,t1,from text\n');
    const [auto] = await collect(readDataset({ file, mapping: {} }));
    expect([auto.input, auto.expected]).toEqual(['from input', 't1']);
    const [named] = await collect(readDataset({ file, mapping: { inputField: 'text' } }));
    expect(named.input).toBe('from text');
  });

  it('applies --expected-pattern, and reports a bad regex and a row it does not match', async () => {
    const file = writeTemporary('pattern.csv', 'prompt,answer\nq1,The answer is (C).\nq2,no letter here\n');
    const first = await rejection(collect(readDataset({ file, mapping: { expectedPattern: '\\(([A-D])\\)' } })));
    expect(first).toBeInstanceOf(DatasetError);
    expect((first as DatasetError).line).toBe(3);
    const [sample] = await collect(readDataset({ file, mapping: { expectedPattern: '\\(([A-D])\\)' }, limit: 1 }));
    expect(sample.expected).toBe('C');
    const invalid = await rejection(collect(readDataset({ file, mapping: { expectedPattern: '([A-D]' } })));
    expect(invalid).toBeInstanceOf(ConfigError);
    expect(invalid.message).toContain('--expected-pattern');
  });

  it('rejects a row whose input is blank, naming its line and column', async () => {
    const file = writeTemporary('blank.csv', 'prompt\nfine\n"   "\n');
    const error = (await rejection(collect(readDataset({ file, mapping: {} })))) as DatasetError;
    expect(error).toBeInstanceOf(DatasetError);
    expect([error.line, error.column]).toEqual([3, 'prompt']);
  });

  it('stops after limit rows', async () => {
    const samples = await collect(readDataset({ file: fixture('quoted-newlines.csv'), mapping: {}, limit: 2 }));
    expect(samples.map((sample) => sample.id)).toEqual(['a', 'b']);
    await expect(collect(readDataset({ file: fixture('bom.csv'), mapping: {}, limit: 0 }))).rejects.toThrow(
      ConfigError,
    );
  });
});

describe('ItemKeyAssigner', () => {
  it('hashes exactly canonicalJson({ input, expected }) for text and messages input', () => {
    const messages = [{ role: 'user' as const, content: [{ type: 'text' as const, text: 'hi' }] }];
    const cases = [
      { input: 'Question "quoted"\nline', expected: 'B' },
      { input: 'No expected', expected: undefined },
      { input: messages, expected: 'x' },
    ];
    const assigner = new ItemKeyAssigner();
    for (const content of cases) {
      expect(assigner.next(content)).toBe(
        shortHash(canonicalJson({ input: content.input, expected: content.expected })),
      );
    }
  });
});
