// Writes the reference pages generated from the code (`npm run docs`, after a build): docs/cli.md from the
// command declarations, docs/exit-codes.md from EXIT_CODES, docs/results-format.md from the column registry,
// docs/summary-json.md from the summary.json field descriptions.
// Tests fail when a page differs from what the code renders, so the reference cannot drift.
import { writeFileSync } from 'node:fs';
import { renderCliReference, renderExitCodes } from '../dist/cli/cli-reference.js';
import { renderResultsFormat } from '../dist/results/results-format-doc.js';
import { renderSummaryJsonDoc } from '../dist/analysis/summary-json-doc.js';

const pages = {
  'docs/cli.md': renderCliReference(),
  'docs/exit-codes.md': renderExitCodes(),
  'docs/results-format.md': renderResultsFormat(),
  'docs/summary-json.md': renderSummaryJsonDoc(),
};
for (const [path, text] of Object.entries(pages)) writeFileSync(new URL(`../${path}`, import.meta.url), text);
console.log(`wrote ${Object.keys(pages).join(', ')}`);
