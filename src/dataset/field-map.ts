import { DatasetError } from '../errors.js';
import type { ChatMessage } from '../types/chat-message.js';
import type { FieldMapping, Sample } from './sample.js';
import type { RawRow } from './raw-row.js';
import { planFields, type ColumnChoice, type FieldPlan } from './field-plan.js';
import { extractExpected } from './expected.js';
import { findMessagesProblem } from './messages.js';
import { stringifyValue } from './template.js';
import { ItemKeyAssigner } from './item-keys.js';

/** Turns the raw rows of one file into samples. Keeps item-key state, so use one per pass. */
export interface FieldMapper {
  readonly plan: FieldPlan;
  map(row: RawRow): Sample;
  /** Runs every check `map` runs, without computing the item key (for a validating scan). */
  check(row: RawRow): void;
  /** The row's id from its id column, or undefined when the file has none (then ids are content hashes, never repeated). */
  explicitId(row: RawRow): string | undefined;
}

/**
 * Builds the mapper for one file. `columns` is the CSV header or the first
 * JSONL row's keys; every decision that does not depend on a row's values is
 * made here, once.
 */
export function createFieldMapper(options: {
  file: string;
  format: 'csv' | 'jsonl';
  columns: string[];
  mapping: FieldMapping;
  /** Rows expected, to size the repeated-row set up front. */
  expectedRows?: number;
}): FieldMapper {
  const { file, format } = options;
  const plan = planFields(options);
  const { input: inputPlan, expected: expectedChoice, id: idChoice, expectedPattern } = plan;
  // CSV rows always carry every header column; JSONL rows are checked one by one.
  const checkRows = format === 'jsonl';
  const itemKeys = new ItemKeyAssigner(options.expectedRows, options.mapping.itemSalt);
  const groupColumns = options.mapping.groupColumns ?? [];
  const readGroups = (fields: Record<string, unknown>): Record<string, string> => {
    const groups: Record<string, string> = {};
    for (const column of groupColumns) groups[column] = stringifyValue(fields[column]).trim();
    return groups;
  };

  const fail = (line: number, column: string | null, message: string): never => {
    throw new DatasetError({ file, line, column, message });
  };
  const missingField = (line: number, column: string, flag: string | null): never =>
    fail(line, column, `this row has no field '${column}'${flag ? ` (named by ${flag})` : ''}`);

  const readInput = (fields: Record<string, unknown>, line: number): string | ChatMessage[] => {
    switch (inputPlan.kind) {
      case 'template': {
        const template = inputPlan.template;
        if (checkRows) {
          const missing = template.findMissing(fields);
          if (missing !== undefined) missingField(line, missing, '--prompt');
        }
        const text = template.render(fields);
        if (text.trim() === '') {
          fail(line, null, `the prompt is empty after filling --prompt (columns ${template.columns.join(', ')})`);
        }
        return text;
      }
      case 'choice': {
        const question = stringifyValue(fields[inputPlan.question]);
        if (question.trim() === '') fail(line, inputPlan.question, 'the question is empty');
        return (
          `${question}\nA. ${stringifyValue(fields.A)}\nB. ${stringifyValue(fields.B)}` +
          `\nC. ${stringifyValue(fields.C)}\nD. ${stringifyValue(fields.D)}`
        );
      }
      case 'column': {
        const column = inputPlan.column;
        if (checkRows && !Object.hasOwn(fields, column)) {
          missingField(line, column, inputPlan.explicit ? '--input-field' : null);
        }
        return toInput(fields[column], line, column);
      }
    }
  };

  const toInput = (value: unknown, line: number, column: string): string | ChatMessage[] => {
    if (Array.isArray(value)) {
      const problem = findMessagesProblem(value);
      if (problem !== null) fail(line, column, problem);
      return value as ChatMessage[];
    }
    if (typeof value === 'string') {
      if (value.trim() === '') fail(line, column, 'the input is empty');
      return value;
    }
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    return fail(
      line,
      column,
      `the input must be text or a messages array, got ${value === null ? 'null' : typeof value}`,
    );
  };

  const readExpected = (fields: Record<string, unknown>, line: number, choice: ColumnChoice): string | undefined => {
    const column = choice.column;
    if (checkRows && !Object.hasOwn(fields, column)) {
      if (choice.explicit) missingField(line, column, '--expected-field');
      return undefined;
    }
    const result = extractExpected({ value: fields[column], pattern: expectedPattern });
    if ('noMatch' in result) {
      const shown = result.noMatch.length > 80 ? `${result.noMatch.slice(0, 80)}...` : result.noMatch;
      return fail(
        line,
        column,
        `--expected-pattern ${String(expectedPattern)} does not match ${JSON.stringify(shown)}`,
      );
    }
    return result.value;
  };

  const readId = (fields: Record<string, unknown>, line: number, choice: ColumnChoice): string | undefined => {
    const value = fields[choice.column];
    if (checkRows && !Object.hasOwn(fields, choice.column)) {
      return choice.explicit ? missingField(line, choice.column, '--id-field') : undefined;
    }
    const id = stringifyValue(value).trim();
    if (id === '' && choice.explicit) fail(line, choice.column, 'the id is empty');
    return id === '' ? undefined : id;
  };

  return {
    plan,
    check(row) {
      readInput(row.fields, row.line);
      if (expectedChoice) readExpected(row.fields, row.line, expectedChoice);
      if (idChoice) readId(row.fields, row.line, idChoice);
    },
    explicitId(row) {
      return idChoice ? readId(row.fields, row.line, idChoice) : undefined;
    },
    map(row) {
      const { fields, line } = row;
      const input = readInput(fields, line);
      const expected = expectedChoice ? readExpected(fields, line, expectedChoice) : undefined;
      const itemKey = itemKeys.next({ input, expected });
      const id = (idChoice ? readId(fields, line, idChoice) : undefined) ?? itemKey;
      const sample: Sample = { id, itemKey, input, vars: fields, source: { file, line } };
      if (expected !== undefined) sample.expected = expected;
      if (groupColumns.length > 0) sample.groups = readGroups(fields);
      return sample;
    },
  };
}
