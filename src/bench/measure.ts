import { spawn } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

/** A child process's exit, its output and the wall time from spawn to exit. */
export interface Finished {
  code: number | null;
  wallMs: number;
  stdout: string;
  stderr: string;
  /** User + system CPU of the process and every process it waited for, when /usr/bin/time could tell. */
  treeCpuMs: number | null;
}

const TIME = '/usr/bin/time';
const TIME_MARK = 'MRE_CPU';

/** Runs `node <script> ...args` and measures it from spawn to exit. */
export async function runNode(
  script: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; nodeFlags?: string[] } = {},
): Promise<Finished> {
  const started = performance.now();
  const command = [process.execPath, ...(options.nodeFlags ?? []), script, ...args];
  // GNU time reports the CPU of the whole process tree (children it waited for included).
  const timed = existsSync(TIME);
  const [program, ...rest] = timed ? [TIME, '-f', `${TIME_MARK} %U %S`, ...command] : command;
  const child = spawn(program, rest, { env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = (await once(child, 'close')) as [number | null];
  const mark = timed ? new RegExp(`${TIME_MARK} ([\\d.]+) ([\\d.]+)`).exec(stderr) : null;
  const treeCpuMs = mark ? (Number(mark[1]) + Number(mark[2])) * 1000 : null;
  return { code, wallMs: performance.now() - started, stdout, stderr, treeCpuMs };
}

/** A simulator in its own process; resolves with its base URL and key, and a stop function. */
export async function startSimulatorProcess(
  script: string,
  options: object,
): Promise<{ baseUrl: string; apiKey: string; stop(): Promise<void> }> {
  const child = spawn(process.execPath, [script, JSON.stringify(options)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout });
  const [first] = (await once(lines, 'line')) as [string];
  const { baseUrl, apiKey } = JSON.parse(first) as { baseUrl: string; apiKey: string };
  return {
    baseUrl,
    apiKey,
    stop: async () => {
      child.kill('SIGTERM');
      if (child.exitCode === null) await once(child, 'exit');
    },
  };
}

/** Writes a CSV of `rows` distinct prompts, streamed so a million rows cost no memory here. */
export async function writePromptCsv(file: string, rows: number): Promise<void> {
  const output = createWriteStream(file);
  output.write('id,question\n');
  for (let index = 0; index < rows; index += 1) {
    if (
      !output.write(
        `b${index},Benchmark prompt ${index}: name one use of the number ${index * 7 + 3} in a short sentence.\n`,
      )
    ) {
      await once(output, 'drain');
    }
  }
  output.end();
  await once(output, 'finish');
}
