import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderCliReference, renderExitCodes } from '../../src/cli/cli-reference.js';
import { ExitCode, EXIT_CODES, INTERNAL_ERROR_EXIT } from '../../src/errors.js';
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

describe('docs/exit-codes.md', () => {
  it('is what EXIT_CODES renders, and EXIT_CODES names every code the tool uses, once', () => {
    expect(readFileSync(join(repoRoot, 'docs', 'exit-codes.md'), 'utf8'), 'run `npm run docs`').toBe(renderExitCodes());
    const codes = EXIT_CODES.map((entry) => entry.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect([...codes].sort((a, b) => a - b)).toEqual(
      [...Object.values(ExitCode), INTERNAL_ERROR_EXIT].sort((a, b) => a - b),
    );
  });
});
