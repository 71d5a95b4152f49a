/** Text helpers of report.md: escaping and pipe tables. */

/** Escapes text for a Markdown table cell or list item (GitHub renders inline HTML, so markup characters are escaped too). */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_|#~]/g, (character) => `\\${character}`)
    .replace(/\]\(/g, ']\\(')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r?\n/g, ' ');
}

/**
 * A GitHub pipe table: the first `leftAligned` columns left-aligned, the rest
 * right-aligned. Cells must already be escaped.
 */
export function markdownTable(
  header: readonly string[],
  rows: ReadonlyArray<readonly string[]>,
  leftAligned: number,
): string {
  const align = header.map((_title, index) => (index < leftAligned ? '---' : '---:'));
  return [header, align, ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

/** Bold Markdown text, for cells that must stand out. */
export function bold(text: string): string {
  return `**${text}**`;
}
