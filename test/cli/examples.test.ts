import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoRoot } from '../helpers/cli.js';
import { commandsIn, parseError } from '../helpers/example-commands.js';

describe('examples/github-actions/eval-on-pull-request.yml', () => {
  const text = readFileSync(join(repoRoot, 'examples', 'github-actions', 'eval-on-pull-request.yml'), 'utf8');

  it('is a workflow with an eval job', () => {
    const workflow = parse(text) as { jobs: Record<string, { steps: Array<{ run?: string }> }> };
    expect(Object.keys(workflow.jobs)).toContain('eval');
    expect(workflow.jobs.eval.steps.some((step) => step.run?.includes('npm run eval'))).toBe(true);
  });

  it('has only commands the CLI parses', async () => {
    const commands = commandsIn(text);
    expect(commands.length).toBeGreaterThan(0);
    for (const argv of commands) expect(await parseError(argv), argv.join(' ')).toBeNull();
  });

  it('would break on a renamed flag', async () => {
    expect(await parseError(['eval', '--models', 'm', '--dataset', 'd.csv', '--max-dropp', '5'])).toContain(
      'max-dropp',
    );
  });
});
