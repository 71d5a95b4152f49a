import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderCliReference } from '../../src/cli/cli-reference.js';
import { COMMAND_SPECS } from '../../src/cli/command-specs.js';
import { repoRoot, runCli } from '../helpers/cli.js';

describe('docs/cli.md', () => {
  it('is what the command declarations render (run `npm run docs` after changing a flag)', () => {
    const written = readFileSync(join(repoRoot, 'docs', 'cli.md'), 'utf8');
    expect(written, 'docs/cli.md is stale: run `npm run docs`').toBe(renderCliReference());
  });

  it('documents every flag of every command, and `--help` shows each of them', async () => {
    const reference = renderCliReference();
    for (const spec of COMMAND_SPECS) {
      const help = await runCli([spec.name, '--help']);
      expect(help.code).toBe(0);
      const shown = new Set([...help.stdout.matchAll(/--([a-z][\w-]*)/g)].map((match) => match[1]));
      for (const flag of Object.keys(spec.options)) {
        expect(shown, `${spec.name} --help lacks --${flag}`).toContain(flag);
        expect(reference).toContain(`\`--${flag}\``);
      }
    }
  });
});
