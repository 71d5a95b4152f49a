import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { videoTaskCodec } from '../../src/protocols/video-task/index.js';
import type { ResultRecord } from '../../src/results/result-record.js';
import type { ModelTarget } from '../../src/settings/model-target.js';
import { startSimulator, type SimulatorHandle, type SimulatorOptions } from '../../src/simulator/server.js';
import { cliPath, runCli } from '../helpers/cli.js';
import { startPollTrackingProxy } from '../helpers/poll-tracking-proxy.js';
import { quietControls, testRunConfig, runWithOutputs } from '../helpers/run-config.js';

const MODEL = 'doubao-seedance-1-0-pro';
const PROMPTS = [
  'A red boat drifting on a calm lake at dawn.',
  'A cat jumping over a garden fence.',
  'Clouds rolling over a mountain ridge.',
];

let work: string;
const simulators: SimulatorHandle[] = [];

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'video-run-'));
});
afterEach(async () => {
  await Promise.all(simulators.splice(0).map((simulator) => simulator.close()));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function simulator(video: NonNullable<SimulatorOptions['video']>): Promise<SimulatorHandle> {
  const started = await startSimulator({ latencyScale: 1, seed: 7, video });
  simulators.push(started);
  return started;
}

function writeDataset(options: { name: string; prompts: string[] }): string {
  const file = join(work, `${options.name}.csv`);
  const rows = options.prompts.map((prompt, index) => `v${index + 1},"${prompt.replace(/"/g, '""')}"`);
  writeFileSync(file, `id,prompt\n${rows.join('\n')}\n`);
  return file;
}

function evalArgs(options: { dataset: string; out: string; simulator: SimulatorHandle; extra?: string[] }): string[] {
  return [
    'eval',
    '--models',
    MODEL,
    '--dataset',
    options.dataset,
    '--base-url',
    options.simulator.baseUrl,
    '--out',
    options.out,
    '--no-cache',
    '--video-poll-interval',
    '0.05',
    ...(options.extra ?? []),
  ];
}

/** Every complete line of results.jsonl, in order (a torn last line is skipped). */
function readLines(out: string): ResultRecord[] {
  const file = join(out, 'results.jsonl');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as ResultRecord];
      } catch {
        return [];
      }
    });
}

/** The last line of each key. */
function finalByKey(lines: ResultRecord[]): Map<string, ResultRecord> {
  return new Map(lines.map((line) => [line.key, line]));
}

function sha256Of(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/** The counts of the video model's row in the printed "Video tasks:" table. */
function videoTableRow(stdout: string): Record<string, number> {
  const at = stdout.indexOf('Video tasks:');
  expect(at).toBeGreaterThanOrEqual(0);
  const line = stdout
    .slice(at)
    .split('\n')
    .find((text) => text.startsWith(`${MODEL} `));
  expect(line).toBeDefined();
  const cells = (line as string).trim().split(/\s+/);
  const number = (index: number): number => Number(cells.at(index));
  return {
    tasks: number(1),
    succeeded: number(2),
    failed: number(3),
    timedOut: number(4),
    notSubmitted: number(5),
    downloaded: number(-1),
  };
}

function env(simulator: SimulatorHandle): Record<string, string> {
  return { MIXROUTER_API_KEY: simulator.apiKey };
}

describe('eval runs Doubao video tasks end to end (CLI against the simulated gateway)', () => {
  it('submits once per row, records pending then ok, downloads every file with the served sha256 and size, and summarises', async () => {
    const sim = await simulator({ queuedMs: 100, runningMs: 200, fileBytes: 6_000, usageOnPoll: true });
    const out = join(work, 'lifecycle');
    const dataset = writeDataset({ name: 'lifecycle', prompts: PROMPTS });
    const result = await runCli(evalArgs({ dataset, out, simulator: sim, extra: ['--download'] }), { env: env(sim) });
    expect(result.stderr).not.toContain('internal error');
    expect(result.code).toBe(0);

    const stats = sim.videoStats();
    expect(stats.submissions).toBe(PROMPTS.length);
    expect(stats.resubmittedPrompts).toBe(0);
    const served = new Map(stats.tasks.map((task) => [task.taskId, task]));
    const lines = readLines(out);
    const keys = [...new Set(lines.map((line) => line.key))];
    expect(keys).toHaveLength(PROMPTS.length);
    for (const key of keys) {
      const [pending, done, ...rest] = lines.filter((line) => line.key === key);
      expect(rest).toEqual([]);
      expect(pending.status).toBe('pending');
      expect(pending.video?.state).toBe('pending');
      expect(done.status).toBe('ok');
      expect(done.error).toBeNull();
      const video = done.video;
      expect(video?.state).toBe('succeeded');
      // The finished line is about the very task the pending line recorded.
      expect(video?.task_id).toBe(pending.video?.task_id);
      expect(done.response_id).toBe(video?.task_id);
      const task = served.get(video?.task_id ?? '');
      expect(task?.phase).toBe('succeeded');
      expect(task?.downloads).toBe(1);
      expect(video?.file).toBe(join('videos', `${key}.mp4`));
      const file = join(out, video?.file ?? '');
      expect(statSync(file).size).toBe(task?.file?.size);
      expect(sha256Of(file)).toBe(task?.file?.sha256);
      expect(video?.bytes).toBe(6_000);
      expect(video?.sha256).toBe(task?.file?.sha256);
      expect(video?.polls).toBeGreaterThanOrEqual(1);
      // Tokens are exactly what the simulator billed on the poll that reported the finished video.
      const billed = sim.ledger.entries.find(
        (entry) => entry.path === `/v1/videos/${task?.taskId}` && entry.usage !== null,
      );
      expect(done.output_tokens).toBe(billed?.usage?.output);
      expect(done.total_tokens).toBe(billed?.usage?.output);
      expect(done.input_tokens).toBeNull();
      expect(done.usage_raw).toEqual({ completion_tokens: billed?.usage?.output, total_tokens: billed?.usage?.output });
    }

    expect(videoTableRow(result.stdout)).toEqual({
      tasks: 3,
      succeeded: 3,
      failed: 0,
      timedOut: 0,
      notSubmitted: 0,
      downloaded: 3,
    });
    const csv = parse(readFileSync(join(out, 'results.csv'), 'utf8'), { columns: true }) as Array<
      Record<string, string>
    >;
    expect(csv.map((row) => row.status)).toEqual(['ok', 'ok', 'ok']);
    expect(new Set(csv.map((row) => row.key))).toEqual(new Set(keys));
    expect(statSync(join(out, 'report.html')).size).toBeGreaterThan(0);
  });

  it('records a failed task as an error with its failure reason, and never resubmits it', async () => {
    const sim = await simulator({ queuedMs: 100, runningMs: 200, outcomes: ['fail'] });
    const out = join(work, 'failed');
    const dataset = writeDataset({ name: 'failed', prompts: PROMPTS.slice(0, 2) });
    const result = await runCli(evalArgs({ dataset, out, simulator: sim, extra: ['--max-error-rate', '1'] }), {
      env: env(sim),
    });
    expect(result.stderr).not.toContain('internal error');
    expect(result.code).toBe(0);

    const stats = sim.videoStats();
    expect(stats.submissions).toBe(2);
    const failedTask = stats.tasks.find((task) => task.outcome === 'fail');
    const records = [...finalByKey(readLines(out)).values()];
    const failed = records.find((record) => record.video?.task_id === failedTask?.taskId);
    const reason = 'The request failed because the output video may contain sensitive information.';
    expect(failed?.status).toBe('error');
    expect(failed?.video?.state).toBe('failed');
    expect(failed?.video?.failure_reason).toBe(reason);
    expect(failed?.error?.kind).toBe('invalid-request');
    expect(failed?.error?.code).toBe('OutputVideoSensitiveContentDetected');
    expect(failed?.error?.message).toContain(reason);
    const other = records.find((record) => record !== failed);
    expect(other?.status).toBe('ok');
    expect(other?.video?.state).toBe('succeeded');
    expect(videoTableRow(result.stdout)).toMatchObject({
      tasks: 2,
      succeeded: 1,
      failed: 1,
      timedOut: 0,
      notSubmitted: 0,
      downloaded: 0,
    });
  });

  it('gives up on a stuck task at --video-deadline: a timeout error, state timed-out, not resubmitted', async () => {
    const sim = await simulator({ queuedMs: 50, runningMs: 100, stuckRate: 1 });
    const out = join(work, 'deadline');
    const dataset = writeDataset({ name: 'deadline', prompts: PROMPTS.slice(0, 2) });
    const result = await runCli(evalArgs({ dataset, out, simulator: sim, extra: ['--video-deadline', '1'] }), {
      env: env(sim),
    });
    expect(result.stderr).not.toContain('internal error');
    // Every row is an error, above the default --max-error-rate.
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('above --max-error-rate');

    const stats = sim.videoStats();
    expect(stats.submissions).toBe(2);
    expect(stats.resubmittedPrompts).toBe(0);
    expect(stats.tasks.every((task) => task.phase === 'running')).toBe(true);
    const records = [...finalByKey(readLines(out)).values()];
    expect(records).toHaveLength(2);
    for (const record of records) {
      expect(record.status).toBe('error');
      expect(record.error?.kind).toBe('timeout');
      expect(record.error?.code).toBe('task_deadline');
      expect(record.video?.state).toBe('timed-out');
      expect(record.video?.polls).toBeGreaterThanOrEqual(1);
    }
    expect(videoTableRow(result.stdout)).toMatchObject({
      tasks: 2,
      succeeded: 0,
      failed: 0,
      timedOut: 2,
      notSubmitted: 0,
    });
  });

  it('retries a 5xx answer to a poll and still finishes the row', async () => {
    const sim = await simulator({ queuedMs: 100, runningMs: 200, pollFaults: ['serverError', 'html502'] });
    const out = join(work, 'poll-5xx');
    const dataset = writeDataset({ name: 'poll-5xx', prompts: PROMPTS.slice(0, 2) });
    const result = await runCli(evalArgs({ dataset, out, simulator: sim }), { env: env(sim) });
    expect(result.stderr).not.toContain('internal error');
    expect(result.code).toBe(0);

    const stats = sim.videoStats();
    expect(stats.submissions).toBe(2);
    expect(stats.faultedPolls).toBe(2);
    expect(stats.polls).toBeGreaterThan(stats.submissions);
    const statuses = sim.ledger.entries
      .filter((entry) => entry.path.startsWith('/v1/videos/'))
      .map((entry) => entry.status);
    expect(statuses).toContain(500);
    expect(statuses).toContain(502);
    for (const record of finalByKey(readLines(out)).values()) {
      expect(record.status).toBe('ok');
      expect(record.video?.state).toBe('succeeded');
    }
    expect(stats.tasks.every((task) => task.phase === 'succeeded')).toBe(true);
  });

  it('resumes a run killed with tasks pending: polls them, never submits again, and every row ends ok', async () => {
    const sim = await simulator({ queuedMs: 100, runningMs: 1_500, fileBytes: 3_000 });
    const prompts = [...PROMPTS, 'A lighthouse beam sweeping through fog.'];
    const out = join(work, 'killed');
    const dataset = writeDataset({ name: 'killed', prompts });
    const args = evalArgs({ dataset, out, simulator: sim, extra: ['--download'] });
    const child = spawn(process.execPath, [cliPath, ...args], {
      env: { ...process.env, MIXROUTER_BASE_URL: undefined, ...env(sim) },
      stdio: 'ignore',
    });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    try {
      await waitFor(() => readLines(out).filter((line) => line.status === 'pending').length === prompts.length);
    } finally {
      child.kill('SIGKILL');
      await exited;
    }
    const before = readLines(out);
    const pendingTask = new Map(
      before.filter((line) => line.status === 'pending').map((line) => [line.key, line.video?.task_id]),
    );
    expect(pendingTask.size).toBe(prompts.length);
    // The kill landed while tasks were still running, so the resume has something to finish.
    expect(before.filter((line) => line.status !== 'pending').length).toBeLessThan(prompts.length);
    expect(sim.videoStats().submissions).toBe(prompts.length);

    const resumed = await runCli(['eval', '--resume', out], { env: env(sim) });
    expect(resumed.stderr).not.toContain('internal error');
    expect(resumed.code).toBe(0);

    const stats = sim.videoStats();
    expect(stats.submissions).toBe(prompts.length);
    expect(stats.resubmittedPrompts).toBe(0);
    expect(stats.submissionsByPrompt.map((entry) => entry.count)).toEqual(prompts.map(() => 1));
    expect(stats.tasks.every((task) => task.phase === 'succeeded' && task.downloads === 1)).toBe(true);
    const served = new Map(stats.tasks.map((task) => [task.taskId, task]));
    const final = finalByKey(readLines(out));
    expect([...final.keys()].sort()).toEqual([...pendingTask.keys()].sort());
    for (const [key, record] of final) {
      expect(record.status).toBe('ok');
      expect(record.video?.state).toBe('succeeded');
      expect(record.video?.task_id).toBe(pendingTask.get(key));
      const file = join(out, record.video?.file ?? '');
      expect(sha256Of(file)).toBe(served.get(record.video?.task_id ?? '')?.file?.sha256);
    }
    expect(videoTableRow(resumed.stdout)).toMatchObject({ tasks: 4, succeeded: 4, downloaded: 4 });
  });

  it.each([
    ['--video-duration', '99'],
    ['--video-resolution', '9000p'],
    ['--video-ratio', '5:5'],
  ])('refuses %s %s with exit 2, naming the flag, before any submit', async (flag, value) => {
    const sim = await simulator({ queuedMs: 100, runningMs: 200 });
    const out = join(work, `bad${flag}`);
    const dataset = writeDataset({ name: 'bad-parameter', prompts: PROMPTS.slice(0, 1) });
    const result = await runCli(evalArgs({ dataset, out, simulator: sim, extra: [flag, value] }), { env: env(sim) });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(flag);
    expect(result.stderr).not.toContain('internal error');
    expect(sim.videoStats().submissions).toBe(0);
    expect(sim.ledger.entries).toEqual([]);
    expect(existsSync(join(out, 'results.jsonl'))).toBe(false);
  });
});

describe('video poll concurrency (in-process run)', () => {
  function videoTarget(options: { model: string; baseUrl: string }): ModelTarget {
    return {
      name: options.model,
      modelId: options.model,
      format: 'video-task',
      vendor: 'doubao',
      endpoint: { baseUrl: options.baseUrl, auth: 'bearer' },
      params: { stream: false },
      limits: {},
      price: null,
      video: { codec: videoTaskCodec, params: {}, paths: {} },
    };
  }

  async function runWithPollLimit(
    pollConcurrency: number,
  ): Promise<{ peak: number; total: number; records: ResultRecord[] }> {
    const sim = await simulator({ queuedMs: 50, runningMs: 100 });
    // Each poll is held 40 ms at the proxy, so polls allowed to run together surely overlap there.
    const proxy = await startPollTrackingProxy({ target: sim.baseUrl, holdMs: 40 });
    try {
      const prompts = Array.from(
        { length: 4 },
        (_value, index) => `Scene ${index + 1}: a paper plane gliding over a city.`,
      );
      const outDir = join(work, `poll-limit-${pollConcurrency}`);
      const config = testRunConfig({
        datasets: [writeDataset({ name: `poll-limit-${pollConcurrency}`, prompts })],
        // Two video models: the poll limit holds across all of them, not per model.
        targets: [MODEL, 'doubao-seedance-1-0-lite-t2v'].map((model) => videoTarget({ model, baseUrl: proxy.baseUrl })),
        outDir,
        apiKey: sim.apiKey,
        baseUrl: proxy.baseUrl,
        video: { pollIntervalMs: 20, maxPollIntervalMs: 60, deadlineMs: 30_000, pollConcurrency, download: false },
      });
      const outcome = await runWithOutputs(config, quietControls());
      expect(outcome.interrupted).toBe(false);
      return { ...proxy.polls, records: [...finalByKey(readLines(outDir)).values()] };
    } finally {
      await proxy.close();
    }
  }

  it('never has two polls in flight with pollConcurrency 1 across two video models, while a higher limit lets them overlap', async () => {
    const single = await runWithPollLimit(1);
    expect(single.records).toHaveLength(8);
    expect(single.records.every((record) => record.status === 'ok' && record.video?.state === 'succeeded')).toBe(true);
    expect(single.total).toBeGreaterThanOrEqual(8);
    expect(single.peak).toBe(1);

    // The same run with room for eight polls shows the proxy does see overlapping polls.
    const wide = await runWithPollLimit(8);
    expect(wide.records.every((record) => record.status === 'ok')).toBe(true);
    expect(wide.peak).toBeGreaterThan(1);
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  for (let waited = 0; waited < 20_000; waited += 20) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('condition never became true');
}
