import { ConfigError } from '../errors.js';
import type { FieldMapping } from './sample.js';
import { compileTemplate, type CompiledTemplate } from './template.js';
import { compileExpectedPattern } from './expected.js';

/** Where a row's input comes from. */
export type InputPlan =
  | { kind: 'template'; template: CompiledTemplate }
  | { kind: 'column'; column: string; explicit: boolean }
  /** Multiple-choice rows: a question column plus columns A, B, C and D. */
  | { kind: 'choice'; question: string };

/** A column picked for the expected answer or the id, and whether a flag named it. */
export interface ColumnChoice {
  column: string;
  explicit: boolean;
}

/** How every row of one file maps onto a sample, decided once before the rows. */
export interface FieldPlan {
  input: InputPlan;
  expected: ColumnChoice | null;
  id: ColumnChoice | null;
  expectedPattern: RegExp | null;
}

const textInputNames = ['prompt', 'input', 'question'];
const expectedNames = ['expected', 'answer', 'target', 'label'];
const choiceColumns = ['A', 'B', 'C', 'D'];

/**
 * Decides which columns feed input, expected and id. `columns` is the CSV
 * header, or the first JSONL row's keys. For CSV every named column is checked
 * here (a ConfigError names the flag, the column and the columns there are);
 * JSONL has no header, so named columns are checked row by row instead.
 */
export function planFields(options: {
  file: string;
  format: 'csv' | 'jsonl';
  columns: string[];
  mapping: FieldMapping;
}): FieldPlan {
  const { file, format, columns, mapping } = options;
  const checkNames = format === 'csv';
  const available = new Set(columns);
  const lowerCase = new Map<string, string>();
  for (const column of columns) {
    if (!lowerCase.has(column.toLowerCase())) lowerCase.set(column.toLowerCase(), column);
  }
  const detect = (names: string[]): string | undefined => {
    for (const name of names) {
      const column = lowerCase.get(name);
      if (column !== undefined) return column;
    }
    return undefined;
  };
  const requireColumn = (flag: string, column: string): void => {
    if (checkNames && !available.has(column)) {
      throw new ConfigError(
        `${flag} names column '${column}', but ${file} has no such column. ${listColumns(columns)}`,
      );
    }
  };

  let input: InputPlan;
  if (mapping.prompt !== undefined) {
    const template = compileTemplate(mapping.prompt);
    for (const column of template.columns) {
      if (checkNames && !available.has(column)) {
        throw new ConfigError(
          `--prompt uses {{${column}}}, but ${file} has no column '${column}'. ${listColumns(columns)}`,
        );
      }
    }
    input = { kind: 'template', template };
  } else if (mapping.inputField !== undefined) {
    requireColumn('--input-field', mapping.inputField);
    input = { kind: 'column', column: mapping.inputField, explicit: true };
  } else {
    const messages = format === 'jsonl' ? detect(['messages']) : undefined;
    const text = detect(textInputNames);
    if (messages !== undefined) {
      input = { kind: 'column', column: messages, explicit: false };
    } else if (text !== undefined && choiceColumns.every((column) => available.has(column))) {
      input = { kind: 'choice', question: text };
    } else if (text !== undefined) {
      input = { kind: 'column', column: text, explicit: false };
    } else {
      const looked = format === 'jsonl' ? ['messages', ...textInputNames] : textInputNames;
      throw new ConfigError(
        `${file} has no input column (looked for ${looked.join(', ')}, any case). ${listColumns(columns)} ` +
          'Pass --input-field <column>, or --prompt "<template with {{Column}} placeholders>".',
      );
    }
  }

  let expected: ColumnChoice | null = null;
  if (mapping.expectedField !== undefined) {
    requireColumn('--expected-field', mapping.expectedField);
    expected = { column: mapping.expectedField, explicit: true };
  } else {
    const column = detect(expectedNames);
    if (column !== undefined) expected = { column, explicit: false };
  }

  const expectedPattern = compileExpectedPattern(mapping.expectedPattern);
  if (expectedPattern && !expected) {
    throw new ConfigError(
      `--expected-pattern was given, but ${file} has no expected column (looked for ${expectedNames.join(', ')}). ` +
        `Pass --expected-field <column>. ${listColumns(columns)}`,
    );
  }

  for (const column of mapping.groupColumns ?? []) requireColumn('--group-by/--cluster-by', column);

  let id: ColumnChoice | null = null;
  if (mapping.idField !== undefined) {
    requireColumn('--id-field', mapping.idField);
    id = { column: mapping.idField, explicit: true };
  } else {
    const column = detect(['id']);
    if (column !== undefined) id = { column, explicit: false };
  }

  return { input, expected, id, expectedPattern };
}

const maxListed = 40;

function listColumns(columns: string[]): string {
  if (columns.length === 0) return 'It has no columns.';
  const shown = columns.slice(0, maxListed).map((column) => `'${column}'`);
  const more = columns.length > maxListed ? ` and ${columns.length - maxListed} more` : '';
  return `Available columns: ${shown.join(', ')}${more}.`;
}
