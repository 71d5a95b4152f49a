import { ConfigError } from '../errors.js';

/** A `--prompt` template split once into literal text and column names. */
export interface CompiledTemplate {
  /** The template as given. */
  source: string;
  /** Column names the template reads, in order of first use, without repeats. */
  columns: string[];
  /** The first column the row lacks, or undefined when it has them all. */
  findMissing(fields: Record<string, unknown>): string | undefined;
  /** Fills the placeholders; an absent or null value becomes an empty string. */
  render(fields: Record<string, unknown>): string;
}

const placeholderPattern = /\{\{\s*([^{}]*?)\s*\}\}/g;

/**
 * Compiles a prompt template with `{{Column}}` placeholders (whitespace inside
 * the braces is allowed). The two characters backslash-n also mean a newline,
 * since shells pass `--prompt "{{Question}}\nA. {{A}}"` through literally.
 */
export function compileTemplate(template: string): CompiledTemplate {
  const text = template.replaceAll('\\n', '\n');
  const literals: string[] = [];
  const names: string[] = [];
  let cursor = 0;
  for (const match of text.matchAll(placeholderPattern)) {
    const name = match[1];
    if (name === '') {
      throw new ConfigError(`--prompt has an empty placeholder '${match[0]}'; write {{ColumnName}}.`);
    }
    literals.push(text.slice(cursor, match.index));
    names.push(name);
    cursor = match.index + match[0].length;
  }
  literals.push(text.slice(cursor));
  const columns = [...new Set(names)];

  return {
    source: template,
    columns,
    findMissing(fields) {
      for (const column of columns) {
        if (!Object.hasOwn(fields, column)) return column;
      }
      return undefined;
    },
    render(fields) {
      let output = literals[0];
      for (let index = 0; index < names.length; index += 1) {
        output += stringifyValue(fields[names[index]]) + literals[index + 1];
      }
      return output;
    },
  };
}

/** Text for a row value: strings as they are, null and absent as '', anything else as JSON. */
export function stringifyValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
