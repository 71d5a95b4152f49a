import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResultRecord } from '../../src/results/result-record.js';
import { startSimulator, type SimulatorHandle } from '../../src/simulator/server.js';
import { cliPath, runCli } from '../helpers/cli.js';

const ROWS = 150;
let work: string;
let dataset: string;
let simulator: SimulatorHandle;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'kill-'));
  dataset = join(work, 'questions.csv');
  const lines = ['id,question,answer'];
  for (let index = 0; index < ROWS; index += 1)
    lines.push(`q${index},Please compute ${index} * 7 and explain briefly.,${index * 7}`);
  writeFileSync(dataset, `${lines.join('\n')}\n`);
  // Slow enough that a kill lands in the middle of the run.
  simulator = await startSimulator({ latencyScale: 0.15, seed: 3 });
});
afterAll(async () => {
  await simulator.close();
  rmSync(work, { recursive: true, force: true });
});

function evalArgs(out: string): string[] {
  return [
    'eval',
    '--models',
    'qwen3-max,deepseek-chat',
    '--dataset',
    dataset,
    '--base-url',
    simulator.baseUrl,
    '--out',
    out,
    '--no-cache',
    '--concurrency',
    '8',
  ];
}

function readKeys(out: string): { complete: ResultRecord[]; keys: Set<string> } {
  const text = readFileSync(join(out, 'results.jsonl'), 'utf8');
  const complete = text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as ResultRecord];
      } catch {
        return [];
      }
    });
  return { complete, keys: new Set(complete.map((record) => record.key)) };
}

async function waitForLines(file: string, count: number): Promise<void> {
  for (let waited = 0; waited < 60_000; waited += 20) {
    if (existsSync(file) && readFileSync(file, 'utf8').split('\n').length > count) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`${file} never reached ${count} lines`);
}

describe('kill -9 in the middle of a run, then resume', () => {
  it('loses no finished row, requests no finished key again, and ends with the same keys as an uninterrupted run', async () => {
    const env = { ...process.env, MIXROUTER_API_KEY: simulator.apiKey };
    const killed = join(work, 'killed');
    const child = spawn(process.execPath, [cliPath, ...evalArgs(killed)], { env, stdio: 'ignore' });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    await waitForLines(join(killed, 'results.jsonl'), ROWS * 2 * 0.35);
    child.kill('SIGKILL');
    await exited;
    const before = readKeys(killed);
    expect(before.keys.size).toBeGreaterThan(0);
    expect(before.keys.size).toBeLessThan(ROWS * 2);
    // What the simulator served for each finished key, identified by its request id.
    const byRequestId = new Map(simulator.ledger.entries.map((entry) => [entry.requestId, entry]));
    const finishedPrompts = new Set(
      before.complete.map((record) => {
        const entry = byRequestId.get(record.request_id ?? '');
        expect(entry).toBeDefined();
        return `${entry?.model}|${entry?.promptHash}`;
      }),
    );
    const lastSeqBeforeResume = Math.max(...simulator.ledger.entries.map((entry) => entry.seq));

    const resumed = await runCli(['eval', '--resume', killed], { env: { MIXROUTER_API_KEY: simulator.apiKey } });
    expect(resumed.stderr).not.toContain('internal error');
    expect(resumed.code).toBe(0);
    const requestedAgain = simulator.ledger.entries.filter(
      (entry) => entry.seq > lastSeqBeforeResume && finishedPrompts.has(`${entry.model}|${entry.promptHash}`),
    );
    expect(requestedAgain).toEqual([]);

    const after = readKeys(killed);
    expect(after.complete.length).toBe(after.keys.size);
    for (const key of before.keys) expect(after.keys.has(key)).toBe(true);

    const straight = join(work, 'straight');
    const uninterrupted = await runCli(evalArgs(straight), { env: { MIXROUTER_API_KEY: simulator.apiKey } });
    expect(uninterrupted.code).toBe(0);
    expect([...after.keys].sort()).toEqual([...readKeys(straight).keys].sort());
  });
});
