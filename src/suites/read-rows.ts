import { DatasetError } from '../errors.js';
import type { RawRow } from '../dataset/raw-row.js';
import { readCsvRows } from '../dataset/read-csv.js';
import { readJsonlRows } from '../dataset/read-jsonl.js';
import { stringifyValue } from '../dataset/template.js';
import { fileRef } from './suite-files.js';
import type { SubjectSource, SuitePart, SuiteRow } from './suite-types.js';

/** The rows of one file as read, with the CSV header (null for JSONL). */
export interface FileRows {
  file: string;
  /** The path as messages show it (relative to the working folder when inside it). */
  shown: string;
  columns: string[] | null;
  rows: RawRow[];
}

/** Files already read in one call (a suite that includes another reads each file once). */
export type RowCache = Map<string, Promise<FileRows>>;

/** Reads a whole data file with the project's CSV or JSONL reader; errors name the file and line. */
export function readFileRows(options: {
  file: string;
  format: 'csv' | 'jsonl';
  cwd: string;
  cache: RowCache;
}): Promise<FileRows> {
  const { file, format, cache } = options;
  const shown = fileRef(file, options.cwd).shown;
  const known = cache.get(file);
  if (known !== undefined) return known;
  const reading = (async (): Promise<FileRows> => {
    let columns: string[] | null = null;
    const rows: RawRow[] = [];
    const source =
      format === 'csv'
        ? readCsvRows({ file, onHeader: (header) => (columns = header.columns) })
        : readJsonlRows({ file });
    try {
      for await (const row of source) rows.push(row);
    } catch (error) {
      throw relabel(error, file, shown);
    }
    if (rows.length === 0)
      throw new DatasetError({ file: shown, message: 'has no rows (the file is empty or holds only a header)' });
    return { file, shown, columns, rows };
  })();
  cache.set(file, reading);
  return reading;
}

/** A reader's DatasetError about `file`, told again with the path as messages show it. */
function relabel(error: unknown, file: string, shown: string): unknown {
  if (!(error instanceof DatasetError) || error.file !== file || file === shown) return error;
  const prefix = `${file}${error.line === null ? '' : `:${error.line}`}${error.column ? ` (column '${error.column}')` : ''}: `;
  if (!error.message.startsWith(prefix)) return error;
  return new DatasetError({
    file: shown,
    line: error.line,
    column: error.column,
    message: error.message.slice(prefix.length),
  });
}

/**
 * Checks that every row has the columns a part names (`key` is the suite key that names each one).
 * A CSV file is checked once against its header, a JSONL file row by row.
 */
export function checkColumns(options: {
  part: SuitePart;
  data: FileRows;
  needed: Array<[column: string, key: string]>;
}): void {
  const { part, data, needed } = options;
  const fail = (line: number, column: string, key: string, present: string[]): never => {
    throw new DatasetError({
      file: data.shown,
      line,
      column,
      message: `no such ${data.columns ? 'column' : 'field'}, which ${part.where.key}.${key} in ${part.where.file.shown} names. Present: ${present.join(', ')}.`,
    });
  };
  if (data.columns !== null) {
    for (const [column, key] of needed) if (!data.columns.includes(column)) fail(1, column, key, data.columns);
    return;
  }
  for (const row of data.rows) {
    for (const [column, key] of needed) {
      if (!Object.hasOwn(row.fields, column)) fail(row.line, column, key, Object.keys(row.fields));
    }
  }
}

/** The columns a part's question and answer templates read, each with the key that names it. */
export function templateColumns(part: SuitePart, withAnswer: boolean): Array<[string, string]> {
  const needed: Array<[string, string]> = part.template.question.columns.map((column) => [column, 'template.question']);
  if (withAnswer && part.template.answer !== null)
    for (const column of part.template.answer.columns) needed.push([column, 'template.answer']);
  return needed;
}

/** `1,000` → `1000`: commas between digits go, so numbers compare as numbers. */
function stripDigitCommas(text: string): string {
  return text.replace(/(\d),(?=\d)/g, '$1');
}

/** The answer of a row: the expected column, through the pattern (first group or whole match) and comma stripping. */
function expectedOf(part: SuitePart, file: string, row: RawRow): string {
  const { column, pattern, stripCommas } = part.expected;
  const raw = stringifyValue(row.fields[column]);
  let value = raw;
  if (pattern !== null) {
    const match = pattern.exec(raw);
    if (match === null) {
      const shown = raw.length > 80 ? `${raw.slice(0, 77)}…` : raw;
      throw new DatasetError({
        file,
        line: row.line,
        column,
        message: `${part.where.key}.expected.pattern in ${part.where.file.shown} does not match ${JSON.stringify(shown)}.`,
      });
    }
    value = match[1] ?? match[0];
  }
  if (stripCommas) value = stripDigitCommas(value);
  value = value.trim();
  if (value === '')
    throw new DatasetError({
      file,
      line: row.line,
      column,
      message: 'the expected answer is empty; every item needs one.',
    });
  return value;
}

/** The rows of one subject as items: ids, checked columns and extracted answers, in file order. */
export async function readSubjectRows(options: {
  part: SuitePart;
  source: SubjectSource;
  cache: RowCache;
}): Promise<SuiteRow[]> {
  const { part, source, cache } = options;
  const data = await readFileRows({ file: source.file, format: part.format, cwd: part.cwd, cache });
  const needed = templateColumns(part, false);
  needed.push([part.expected.column, 'expected.column']);
  if (part.idColumn !== null) needed.push([part.idColumn, 'idColumn']);
  checkColumns({ part, data, needed });
  const prefix = part.singleFile ? `${part.name}/` : `${part.name}/${source.subject}/`;
  const lines = new Map<string, number>();
  return data.rows.map((row, index) => {
    let rowId = String(index + 1).padStart(4, '0');
    if (part.idColumn !== null) {
      rowId = stringifyValue(row.fields[part.idColumn]).trim();
      if (rowId === '')
        throw new DatasetError({
          file: data.shown,
          line: row.line,
          column: part.idColumn,
          message: 'the id is empty.',
        });
    }
    const id = prefix + rowId;
    const earlier = lines.get(id);
    if (earlier !== undefined)
      throw new DatasetError({
        file: data.shown,
        line: row.line,
        column: part.idColumn,
        message: `id '${rowId}' was already used on line ${earlier}; ids must be unique within a file.`,
      });
    lines.set(id, row.line);
    return { id, fields: row.fields, expected: expectedOf(part, data.shown, row), line: row.line };
  });
}
