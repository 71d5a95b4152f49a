import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, FIELD_NAMES } from '../../src/results/columns.js';
import { renderResultsFormat } from '../../src/results/results-format-doc.js';

const DOC = new URL('../../docs/results-format.md', import.meta.url);

describe('docs/results-format.md', () => {
  it('is what the registry renders now', () => {
    const committed = readFileSync(DOC, 'utf8');
    const rendered = renderResultsFormat();
    if (committed !== rendered) {
      expect.fail(
        'docs/results-format.md is out of date with src/results/columns.ts: run `npm run docs` and commit the result',
      );
    }
  });

  it('lists every field and every CSV column', () => {
    const rendered = renderResultsFormat();
    for (const name of FIELD_NAMES) expect(rendered).toContain(`| \`${name}\` |`);
    CSV_COLUMNS.forEach((column, index) => {
      expect(rendered).toContain(`| ${index + 1} | \`${column.name}\` |`);
    });
  });
});
