import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ResultRecord } from '../../src/results/result-record.js';

/** Writes `rows` distinct arithmetic questions as a CSV (id, question, answer) and returns its path. */
export function writeQuestions(options: { folder: string; name: string; rows: number; prefix?: string }): string {
  const file = join(options.folder, options.name);
  const lines = ['id,question,answer'];
  for (let index = 0; index < options.rows; index += 1) {
    lines.push(`q${index},${options.prefix ?? 'What is'} ${index} + ${index * 3}?,${index * 4}`);
  }
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

/** Every line of a run folder's results.jsonl, parsed (an absent file is no lines). */
export function readRecords(folder: string): ResultRecord[] {
  const path = join(folder, 'results.jsonl');
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as ResultRecord);
}
