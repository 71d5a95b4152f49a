import type { CsvKind } from './value-checks.js';

/** A cell before CSV quoting: text, a number, a boolean, or `null` for an empty cell. */
export type CsvValue = string | number | boolean | null;

/** One column of `results.csv`, made from the JSON value of one field. */
export interface CsvColumn<T> {
  /** The header. */
  name: string;
  /**
   * `text` cells get the formula guard; `number` and `boolean` cells are
   * written as they are; `json` cells hold JSON text, which cannot start with
   * a formula character except a plain negative number, so they are not guarded.
   */
  kind: CsvKind;
  /** How the cell derives from the JSON field, for the docs. */
  from: string;
  cell: (value: T) => CsvValue;
}

/** A value as a cell of `kind`: JSON text for `json`, `null` (empty) for a missing value, else as it is. */
export function toCell(value: unknown, kind: CsvKind): CsvValue {
  if (value === null || value === undefined) return null;
  if (kind === 'json') return JSON.stringify(value);
  return value as CsvValue;
}

/**
 * The columns of a nested object field, one per member in the member order:
 * `prefix` + member name (a member already starting with the prefix keeps its
 * name), each cell empty when the object is null or absent. A member that is
 * itself an object goes as JSON text.
 */
export function nestedColumns<T extends object | null | undefined>(
  field: string,
  prefix: string,
  members: Record<string, { check: { csv: CsvKind } }>,
): CsvColumn<T>[] {
  return Object.entries(members).map(([member, { check }]) => {
    const kind = check.csv;
    return {
      name: member.startsWith(prefix) ? member : `${prefix}${member}`,
      kind,
      from: `\`${field}.${member}\`${kind === 'json' ? ' as JSON text' : ''}; empty when \`${field}\` is null or absent`,
      cell: (value: T) => (value ? toCell((value as Record<string, unknown>)[member], kind) : null),
    };
  });
}
