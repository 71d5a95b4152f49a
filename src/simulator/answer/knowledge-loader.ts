import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { KnowledgeBase } from './knowledge.js';

const questionFields = ['question', 'prompt', 'input'];
const answerFields = ['answer', 'expected', 'target'];
/** Group columns, most specific first: the order `accuracyByGroup` keys are tried in. */
const groupFields = ['subject', 'category'];

function field(row: Record<string, unknown>, names: readonly string[]): string | null {
  for (const name of names) {
    for (const key of Object.keys(row)) {
      if (key.toLowerCase() === name && typeof row[key] !== 'object') return String(row[key]);
    }
  }
  return null;
}

function optionTexts(row: Record<string, unknown>): string[] {
  return ['A', 'B', 'C', 'D', 'E', 'F'].flatMap((letter) =>
    typeof row[letter] === 'string' ? [row[letter] as string] : [],
  );
}

function addRow(base: KnowledgeBase, row: Record<string, unknown>): boolean {
  const question = field(row, questionFields);
  const answer = field(row, answerFields);
  if (question === null || answer === null) return false;
  const groups = groupFields.flatMap((name) => {
    const value = field(row, [name]);
    return value === null ? [] : [value];
  });
  base.add({ question, answer, choices: optionTexts(row), groups });
  return true;
}

async function expand(file: string): Promise<string[]> {
  const info = await stat(file);
  if (!info.isDirectory()) return [file];
  const names = (await readdir(file)).filter((name) => /\.(jsonl|csv)$/i.test(name)).sort();
  return names.map((name) => path.join(file, name));
}

/**
 * Learns answers from dataset files: JSONL rows with `question|prompt|input`
 * and `answer|expected|target`, CSV rows with `Question` and `Answer` columns.
 * Optional `subject` and `category` fields (any letter case) become the entry's
 * groups, subject first, for per-group accuracy.
 * A directory stands for every .jsonl/.csv file in it. Returns rows learned.
 */
export async function loadKnowledge(options: { base: KnowledgeBase; files: readonly string[] }): Promise<number> {
  let learned = 0;
  for (const entry of options.files) {
    for (const file of await expand(entry)) {
      learned += learnFile(options.base, file, await readFile(file, 'utf8'));
    }
  }
  return learned;
}

/**
 * Learns what it can from one file. Malformed input teaches nothing rather than
 * failing: the client validates datasets itself and reports their problems.
 */
function learnFile(base: KnowledgeBase, file: string, text: string): number {
  let learned = 0;
  if (/\.csv$/i.test(file)) {
    let rows: Record<string, unknown>[] = [];
    try {
      rows = parse(text, { columns: true, skip_empty_lines: true, bom: true, relax_column_count: true });
    } catch {
      return 0;
    }
    for (const row of rows) if (addRow(base, row)) learned += 1;
    return learned;
  }
  for (const line of text.split('\n')) {
    if (line.trim().length === 0) continue;
    let row: unknown;
    try {
      row = JSON.parse(line);
    } catch {
      continue;
    }
    if (row && typeof row === 'object' && addRow(base, row as Record<string, unknown>)) learned += 1;
  }
  return learned;
}
