import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The built CLI as users run it: the bundle that `npm run build` writes (the package's bin). */
export const cliPath = join(repoRoot, 'dist', 'bin', 'mixrouter-eval.js');
/** The shared real datasets beside the repository, when present. */
export const sharedDatasets = resolve(repoRoot, '..', 'shared', 'datasets');
export const hasSharedDatasets = existsSync(join(sharedDatasets, 'gsm8k', 'test.jsonl'));

/** What a finished CLI process printed and returned. */
export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the built CLI (`dist/bin/mixrouter-eval.js`, built by `npm test`'s pretest step)
 * as a child process, the way a user would.
 */
export function runCli(
  args: string[],
  options: { env?: Record<string, string | undefined>; cwd?: string; timeoutMs?: number } = {},
): Promise<CliResult> {
  const environment: Record<string, string | undefined> = {
    ...process.env,
    MIXROUTER_API_KEY: undefined,
    MIXROUTER_BASE_URL: undefined,
    ...options.env,
  };
  for (const [name, value] of Object.entries(environment)) if (value === undefined) delete environment[name];
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [cliPath, ...args], {
      cwd: options.cwd ?? repoRoot,
      env: environment as NodeJS.ProcessEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`CLI timed out: ${args.join(' ')}\n${stderr}`));
    }, options.timeoutMs ?? 120_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolvePromise({ code, stdout, stderr });
    });
  });
}
