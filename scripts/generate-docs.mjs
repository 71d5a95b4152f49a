// Writes the reference pages generated from the code (`npm run docs`, after a build):
// docs/cli.md from the command declarations. Tests fail when a page differs from what
// the code renders, so the reference cannot drift.
import { writeFileSync } from 'node:fs';
import { renderCliReference } from '../dist/cli/cli-reference.js';

const root = new URL('../', import.meta.url);
writeFileSync(new URL('docs/cli.md', root), renderCliReference());
console.log('wrote docs/cli.md');
