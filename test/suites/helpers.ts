import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { ConfigError } from '../../src/errors.js';

/** The repository root. */
export const repoRoot = path.resolve(import.meta.dirname, '..', '..');

/** The bundled copies of the real datasets. */
export const datasets = path.join(repoRoot, 'datasets');

/** A fresh temporary folder; `cleanup` removes every folder made so far. */
const made: string[] = [];
export function tempFolder(prefix = 'suites-'): string {
  const folder = mkdtempSync(path.join(tmpdir(), prefix));
  made.push(folder);
  return folder;
}
export function cleanup(): void {
  for (const folder of made.splice(0)) rmSync(folder, { recursive: true, force: true });
}

/** Writes `files` (relative path → text) under `folder`, making folders as needed. */
export function writeFiles(folder: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(folder, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
}

/** The message of the ConfigError (or other error) a promise rejects with. */
export async function errorOf(
  action: () => unknown,
  kind: new (...args: any[]) => Error = ConfigError,
): Promise<string> {
  try {
    await action();
  } catch (error) {
    expect(error).toBeInstanceOf(kind);
    return (error as Error).message;
  }
  throw new Error('expected an error');
}

/** The JSON objects of a JSONL file. */
export function readJsonl(file: string): Array<Record<string, unknown>> {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** A CSV line with every field quoted. */
export function csvLine(fields: string[]): string {
  return `${fields.map((field) => `"${field.replaceAll('"', '""')}"`).join(',')}\n`;
}

/** A small valid user suite: two subjects in a CSV folder, exemplars per subject, a subject map. */
export function userSuite(): { files: Record<string, string>; suite: Record<string, any> } {
  const header = csvLine(['id', 'Question', 'Answer']);
  const files = {
    'data/algebra.csv': header + csvLine(['a1', 'What is 2 + 2?', '4']) + csvLine(['a2', 'Solve x + 1 = 3.', '2']),
    'data/geometry.csv':
      header +
      csvLine(['g1', 'How many sides has a triangle?', '3']) +
      csvLine(['g2', 'Degrees in a right angle, "exactly"?', '90']) +
      csvLine(['g3', 'Sides of a hexagon?', '6']),
    'shots/algebra.csv': header + csvLine(['s1', 'What is 1 + 1?', '2']) + csvLine(['s2', 'What is 3 - 1?', '2']),
    'shots/geometry.csv': header + csvLine(['s1', 'Sides of a square?', '4']),
    'subjects.yaml':
      'kind: subject-map\ncategories: [Maths]\nsubjects:\n  algebra: { category: Maths, name: Algebra }\n  geometry: { category: Maths, name: Geometry }\n',
  };
  const suite = {
    name: 'mine',
    version: '2',
    description: 'A test suite',
    licence: { name: 'CC0', meaning: 'no conditions' },
    parts: [
      {
        name: 'maths',
        data: 'data',
        format: 'csv',
        idColumn: 'id',
        subjectMap: 'subjects.yaml',
        template: {
          preamble: 'Questions about {{subject_name}} ({{category}}).',
          question: 'Q: {{Question}}\nA:',
          answer: ' {{Answer}}',
          separator: '\n\n',
        },
        fewShot: { source: 'shots', shots: 1 },
        expected: { column: 'Answer' },
        scorer: 'numeric',
      },
    ],
    groupBy: ['subject'],
    clusterBy: 'subject',
  };
  return { files, suite };
}
