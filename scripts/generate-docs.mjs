// Writes the generated reference docs from the built registry (run through `npm run docs`, which builds first).
import { writeFileSync } from 'node:fs';
import { renderResultsFormat } from '../dist/results/results-format-doc.js';

const target = new URL('../docs/results-format.md', import.meta.url);
writeFileSync(target, renderResultsFormat());
console.log('wrote docs/results-format.md');
