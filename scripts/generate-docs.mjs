// Writes the reference pages generated from the code (`npm run docs`, after a build):
// docs/cli.md from the command declarations, docs/exit-codes.md from EXIT_CODES. Tests fail when a page differs from what
// the code renders, so the reference cannot drift.
import { writeFileSync } from 'node:fs';
import { renderCliReference, renderExitCodes } from '../dist/cli/cli-reference.js';

const root = new URL('../', import.meta.url);
writeFileSync(new URL('docs/cli.md', root), renderCliReference());
writeFileSync(new URL('docs/exit-codes.md', root), renderExitCodes());
console.log('wrote docs/cli.md, docs/exit-codes.md');
