/**
 * A plain-text table aligned for a terminal or a CI log: the first
 * `leftColumns` columns are left-aligned (and the last too with `leftLast`),
 * the rest right-aligned; a dashed rule under the header. Widths count UTF-16
 * code units, which is right for the ASCII, `−` and `→` characters the reports use.
 */
export function renderTable(options: {
  header: string[];
  rows: string[][];
  leftColumns?: number;
  leftLast?: boolean;
}): string {
  const { header, rows, leftColumns = 1 } = options;
  const left = (column: number): boolean =>
    column < leftColumns || (options.leftLast === true && column === header.length - 1);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: string[]): string =>
    cells
      .map((cell, column) => (left(column) ? cell.padEnd(widths[column]) : cell.padStart(widths[column])))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)].join('\n');
}

/** The line printed above every report of a simulated run. */
export const SIMULATED_BANNER =
  'SIMULATED: answers and timings come from the built-in simulated gateway, not real models.';
