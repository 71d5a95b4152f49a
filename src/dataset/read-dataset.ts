import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { ConfigError, DatasetError } from '../errors.js';
import type { DatasetScan, FieldMapping, Sample } from './sample.js';
import type { RawRow } from './raw-row.js';
import { createFieldMapper, type FieldMapper } from './field-map.js';
import { checkDatasetFile, formatOf, toFileError } from './file-source.js';
import { readCsvRows } from './read-csv.js';
import { readJsonlRows } from './read-jsonl.js';
import { RepeatedIds } from './repeated-ids.js';

/** Distinct `scorer` values kept by a scan; one more is kept so a caller can tell there were too many. */
const MAX_SCORER_SPECS = 100;

/** Which file to read, how its columns map onto samples, and how many rows to take at most. */
export interface ReadDatasetOptions {
  /** A `.csv`, `.jsonl` or `.ndjson` file. */
  file: string;
  mapping: FieldMapping;
  /** Stop after this many rows (a positive integer). */
  limit?: number;
  /** Rows the file is known to have (from its scan): sizes the set that spots repeated rows once, instead of growing it. */
  expectedRows?: number;
}

/**
 * Streams a dataset as samples, never holding more than the current row.
 * The reader is chosen by extension; breaking out of the loop closes the file.
 * Bad files, rows and mappings throw DatasetError or ConfigError.
 */
export async function* readDataset(options: ReadDatasetOptions): AsyncGenerator<Sample> {
  const limit = checkLimit(options.limit);
  let count = 0;
  for await (const [row, mapper] of mappedRows(options)) {
    yield mapper.map(row);
    count += 1;
    if (count >= limit) return;
  }
  if (count === 0) throw noRows(options.file);
}

/**
 * One validating streaming pass: every row (up to `limit`) goes through the
 * checks `readDataset` makes, and the first problem is thrown. Returns the row count,
 * the sha256 of the whole file's bytes (hashed while streaming), the format and
 * the columns (CSV header, or the union of JSONL top-level keys). Given `samples`,
 * it also maps every row and appends the samples there, exactly as `readDataset`
 * would yield them, so that a small file is parsed once.
 */
export async function scanDataset(options: ReadDatasetOptions & { samples?: Sample[] }): Promise<DatasetScan> {
  const limit = checkLimit(options.limit);
  const format = formatOf(options.file);
  const hash = createHash('sha256');
  let hashedBytes = 0;
  const onChunk = (chunk: Buffer): void => {
    hash.update(chunk);
    hashedBytes += chunk.length;
  };
  let csvColumns: string[] | null = null;
  const jsonlColumns = new Set<string>();
  let rows = 0;
  const ids = new RepeatedIds();
  const scorerSpecs = new Map<string, number>();
  for await (const [row, mapper] of mappedRows({
    ...options,
    onChunk,
    onHeader: (columns) => (csvColumns = columns),
  })) {
    if (options.samples) options.samples.push(mapper.map(row));
    else mapper.check(row);
    const id = mapper.explicitId(row);
    if (id !== undefined) ids.see(id, row.line);
    const spec = row.fields.scorer;
    if (
      typeof spec === 'string' &&
      spec.trim() !== '' &&
      !scorerSpecs.has(spec.trim()) &&
      scorerSpecs.size <= MAX_SCORER_SPECS
    ) {
      scorerSpecs.set(spec.trim(), row.line);
    }
    if (format === 'jsonl') {
      for (const key in row.fields) jsonlColumns.add(key);
    }
    rows += 1;
    if (rows >= limit) break;
  }
  if (rows === 0) throw noRows(options.file);
  if (format === 'jsonl') checkGroupColumns(options.file, options.mapping, jsonlColumns);
  await hashRest({ file: options.file, start: hashedBytes, hash });
  return {
    file: options.file,
    format,
    rows,
    sha256: hash.digest('hex'),
    columns: csvColumns ?? [...jsonlColumns],
    repeatedIds: ids.result(),
    scorerSpecs: [...scorerSpecs].map(([spec, line]) => ({ spec, line })),
  };
}

/** Each raw row with the file's mapper, which is built from the CSV header or the first JSONL row. */
async function* mappedRows(options: {
  file: string;
  mapping: FieldMapping;
  expectedRows?: number;
  onChunk?: (chunk: Buffer) => void;
  onHeader?: (columns: string[]) => void;
}): AsyncGenerator<[RawRow, FieldMapper]> {
  const { file, mapping, onChunk } = options;
  const format = formatOf(file);
  await checkDatasetFile(file);
  let mapper: FieldMapper | null = null;
  let rows: AsyncGenerator<RawRow>;
  if (format === 'csv') {
    rows = readCsvRows({
      file,
      onChunk,
      onHeader: (header) => {
        mapper = createFieldMapper({
          file,
          format,
          columns: header.columns,
          mapping,
          expectedRows: options.expectedRows,
        });
        options.onHeader?.(header.columns);
      },
    });
  } else {
    rows = readJsonlRows({ file, onChunk });
  }
  for await (const row of rows) {
    mapper ??= createFieldMapper({
      file,
      format,
      columns: Object.keys(row.fields),
      mapping,
      expectedRows: options.expectedRows,
    });
    yield [row, mapper];
  }
}

/** Reads and hashes the bytes after `start`, for a scan that stopped at its limit. */
async function hashRest(options: { file: string; start: number; hash: ReturnType<typeof createHash> }): Promise<void> {
  try {
    for await (const chunk of createReadStream(options.file, { start: options.start }) as AsyncIterable<Buffer>) {
      options.hash.update(chunk);
    }
  } catch (error) {
    throw toFileError(error, options.file);
  }
}

/** A JSONL file has no header: a group column is there when some row has it. */
function checkGroupColumns(file: string, mapping: FieldMapping, columns: Set<string>): void {
  for (const column of mapping.groupColumns ?? []) {
    if (columns.has(column)) continue;
    const shown = [...columns].slice(0, 40).map((name) => `'${name}'`);
    throw new ConfigError(
      `--group-by/--cluster-by names column '${column}', but no row of ${file} has that field. ` +
        `Fields there: ${shown.join(', ')}.`,
    );
  }
}

function checkLimit(limit: number | undefined): number {
  if (limit === undefined) return Number.POSITIVE_INFINITY;
  if (!Number.isInteger(limit) || limit < 1) {
    throw new ConfigError(`--limit must be a positive whole number, got ${String(limit)}.`);
  }
  return limit;
}

function noRows(file: string): DatasetError {
  return new DatasetError({ file, message: 'has no rows (the file is empty or holds only a header)' });
}
