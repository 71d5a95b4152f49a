import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

describe('--help', () => {
  it('lists every command at the top level', async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    for (const command of ['eval', 'score', 'compare', 'report', 'models', 'demo', 'simulate'])
      expect(result.stdout).toContain(command);
  });

  it('renders the eval flags when asked, though the help cache after a handler is skipped', async () => {
    const result = await runCli(['eval', '--help']);
    expect(result.code).toBe(0);
    for (const flag of ['--models', '--dataset', '--concurrency', '--limit', '--max-cost', '--resume', '--no-cache'])
      expect(result.stdout).toContain(flag);
  });

  it('still names an unknown flag and exits 2', async () => {
    const result = await runCli(['eval', '--models', 'qwen3-max', '--dataset', 'x.csv', '--bogus-flag']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('bogus-flag');
  });
});
