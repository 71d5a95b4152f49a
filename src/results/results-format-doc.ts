import { CSV_COLUMNS, FIELD_NAMES, RESULT_FIELDS } from './columns.js';
import { RESULT_SCHEMA_VERSION } from './result-record.js';
import type { CheckInfo, CsvKind } from './value-checks.js';

/** A table cell: pipes escaped, line breaks folded (GitHub tables are one line a row). */
function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}

function row(cells: string[]): string {
  return `| ${cells.map(cell).join(' | ')} |`;
}

/** The rows of a field and, below it, of its members when it is an object (`error.kind`, `video.handle.taskId`). */
function fieldRows(name: string, check: CheckInfo, meaning: string): string[] {
  const rows = [row([`\`${name}\``, `\`${check.type}\``, meaning])];
  for (const [member, spec] of Object.entries(check.members ?? {})) {
    rows.push(...fieldRows(`${name}.${member}`, spec.check, spec.meaning));
  }
  return rows;
}

const CELL_KINDS: Record<CsvKind, string> = {
  text: 'text, guarded',
  number: 'number',
  boolean: '`true` / `false`',
  json: 'JSON text',
};

/**
 * The reference of the result files, docs/results-format.md, rendered from
 * the registry alone (a pure function: `npm run docs` writes it, and a test
 * fails when the file in the repository differs).
 */
export function renderResultsFormat(): string {
  const upgraded = FIELD_NAMES.filter((name) => RESULT_FIELDS[name].v1Default !== undefined);
  const lines = [
    '# Result files: results.jsonl and results.csv',
    '',
    '<!-- Generated from src/results/columns.ts by `npm run docs`. Do not edit by hand. -->',
    '',
    'A run folder holds the same records twice: `results.jsonl`, one JSON object per line and per',
    'finished request (the checkpoint, appended as requests finish), and `results.csv`, the final',
    'record of every key as flat columns for spreadsheets. Both are described here field by field',
    'and column by column, from the one registry the writer and the readers use.',
    '',
    '## Schema versions',
    '',
    `Every line carries its schema version in \`v\`; this version of the tool writes v${RESULT_SCHEMA_VERSION}.`,
    '',
    `- **v${RESULT_SCHEMA_VERSION}**: every field below is on every line, with \`null\` (or \`false\`) where it does`,
    '  not apply; only `video` is left out of rows that are not video tasks.',
    `- **v1**: may lack ${upgraded.map((name) => `\`${name}\``).join(', ')}. Such a line is upgraded when read:`,
    `  ${upgraded.map((name) => `\`${name}\` becomes \`${JSON.stringify(RESULT_FIELDS[name].v1Default?.value)}\``).join(', ')},`,
    `  and \`v\` becomes ${RESULT_SCHEMA_VERSION}.`,
    '- A line of a newer version, or one with a field missing or of the wrong type, is not read:',
    '  readers report it with its line number, the field and the reason, and skip it. A last line',
    '  that is not JSON at all is the torn tail of an interrupted write and is skipped silently.',
    '- Fields not listed here are kept as they are when a line is read.',
    '',
    '## results.jsonl fields',
    '',
    'In line order. `null` means "not reported", never zero. An object field is followed by its members.',
    '',
    row(['field', 'type', 'meaning']),
    row(['---', '---', '---']),
    ...FIELD_NAMES.flatMap((name) => fieldRows(name, RESULT_FIELDS[name].check, RESULT_FIELDS[name].meaning)),
    '',
    '## results.csv columns',
    '',
    'One header line, then one line per record. The columns follow the JSON fields in order; an object',
    'field is expanded in place into one column per member (a member that is itself an object goes as',
    'JSON text). RFC 4180: a cell is quoted only when it holds a comma, a double quote or a line break,',
    'with double quotes doubled; lines end in `\\n`; UTF-8 without a byte order mark. `null` and absent',
    'values are empty cells, numbers are written exactly as in the JSON line, booleans as `true` / `false`.',
    '',
    row(['#', 'column', 'from the JSON field', 'cell']),
    row(['---', '---', '---', '---']),
    ...CSV_COLUMNS.map((column, index) =>
      row([String(index + 1), `\`${column.name}\``, column.from, CELL_KINDS[column.kind]]),
    ),
    '',
    '## The formula guard',
    '',
    'A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` (and, in some, a tab or a carriage',
    'return) as a formula, so an answer such as `=HYPERLINK(...)` could act when results.csv is opened. In',
    "the columns marked *text, guarded* such a cell gets a leading apostrophe (`'`), which spreadsheets",
    'show as text. Whether a column is guarded follows from its type, not its content: `number` and',
    'boolean columns never are (a negative number stays a number), nor JSON text columns (JSON cannot',
    'start with those characters except as a plain negative number). Only results.csv is guarded;',
    'results.jsonl keeps every value exactly as it came: read it when the raw text matters.',
    '',
  ];
  return lines.join('\n');
}
