import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunManifest } from '../../src/results/manifest.js';
import type { ResultRecord, VideoFields } from '../../src/results/result-record.js';
import type { ScoreLine } from '../../src/score/types.js';
import { createRng } from '../../src/stats/index.js';
import { shortHash } from '../../src/util/hash.js';
import { afterAll } from 'vitest';

/** Temp folders made by `tempFolder`, removed after the test file that made them. */
const created: string[] = [];
afterAll(() => {
  for (const folder of created.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** A fresh temp folder, removed after the test file. */
export function tempFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'mixrouter-report-'));
  created.push(folder);
  return folder;
}

/**
 * A complete video task for a video row, succeeded with nothing downloaded
 * and no link unless `overrides` say otherwise. Result lines are checked when
 * read, so a row with a partial task would be refused before any report saw it.
 */
export function videoFields(overrides: Partial<VideoFields> = {}): VideoFields {
  return {
    task_id: 'task-1',
    handle: { taskId: 'task-1', model: 'seedance', pollPath: '/v1/video/generations/task-1' },
    state: 'succeeded',
    status_raw: null,
    failure_reason: null,
    video_url: null,
    file: null,
    bytes: null,
    sha256: null,
    submitted_at: '2026-01-01T00:00:00.000Z',
    time_to_done_ms: null,
    polls: 1,
    ...overrides,
  };
}

/** A complete ok record; `overrides` replace any field. The key is derived from model, item and repeat. */
export function makeRecord(overrides: Partial<ResultRecord> & { model: string; id: string }): ResultRecord {
  const item = overrides.item ?? shortHash(`item|${overrides.id}`);
  const repeat = overrides.repeat ?? 0;
  return {
    v: 1,
    key: shortHash(`${overrides.model}|${item}|${repeat}`),
    item,
    dataset: 'sample.jsonl',
    model_id: overrides.model,
    format: 'openai-chat',
    repeat,
    status: 'ok',
    cached: false,
    cache_origin: null,
    scorer: null,
    input: `Question ${overrides.id}`,
    expected: '4',
    answer: '4',
    reasoning: null,
    answer_raw: null,
    error: null,
    finish_reason: 'stop',
    finish_reason_raw: 'stop',
    input_tokens: 20,
    output_tokens: 5,
    reasoning_tokens: null,
    cached_tokens: null,
    cache_write_tokens: null,
    total_tokens: 25,
    usage_raw: { prompt_tokens: 20, completion_tokens: 5, total_tokens: 25 },
    billed_input_tokens: null,
    billed_output_tokens: null,
    cost_usd: null,
    response_model: overrides.model,
    response_id: 'response-1',
    system_fingerprint: null,
    request_id: 'request-1',
    stream: true,
    latency_ms: 800,
    ttft_ms: 200,
    generation_ms: 600,
    output_tps: 8,
    queue_ms: 0,
    backoff_ms: 0,
    attempts: 1,
    total_ms: 800,
    started_at: '2025-01-01T00:00:00.000Z',
    ended_at: '2025-01-01T00:00:01.000Z',
    ...overrides,
  };
}

/** An error record of the given kind. */
export function makeErrorRecord(overrides: Partial<ResultRecord> & { model: string; id: string }): ResultRecord {
  return makeRecord({
    status: 'error',
    answer: null,
    finish_reason: null,
    finish_reason_raw: null,
    input_tokens: null,
    output_tokens: null,
    total_tokens: null,
    usage_raw: null,
    latency_ms: null,
    ttft_ms: null,
    error: { kind: 'rate-limit', message: 'Too many requests', status: 429, code: 'rate_limit_exceeded' },
    ...overrides,
  });
}

/** A run.json for the given models. */
export function makeManifest(options: { models: string[]; simulated?: boolean }): RunManifest {
  return {
    tool: { name: 'mixrouter-eval', version: '0.1.0' },
    simulated: options.simulated ?? false,
    argv: ['eval'],
    settings: {},
    datasets: [{ path: 'datasets/sample.jsonl', sha256: 'abc', rows: 3, format: 'jsonl' }],
    base_url: 'http://127.0.0.1:8787/v1',
    models: options.models.map((name) => ({
      name,
      model_id: name,
      format: 'openai-chat',
      vendor: 'other',
      base_url: 'http://127.0.0.1:8787/v1',
      params: {},
    })),
    status: 'completed',
    started_at: '2025-01-01T00:00:00.000Z',
    ended_at: '2025-01-01T00:10:00.000Z',
    counts: { planned: 0, already_done: 0, written: 0, ok: 0, errors: 0 },
    events: [],
  };
}

/** Writes a run folder (results.jsonl, run.json unless `manifest` is null, scores.jsonl when given) in a fresh temp folder. */
export function writeRunFolder(options: {
  records: ResultRecord[];
  manifest?: RunManifest | null;
  scores?: ScoreLine[];
  name?: string;
}): string {
  const folder = join(tempFolder(), options.name ?? 'run');
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'results.jsonl'), options.records.map((record) => `${JSON.stringify(record)}\n`).join(''));
  const models = [...new Set(options.records.map((record) => record.model))];
  if (options.manifest !== null)
    writeFileSync(join(folder, 'run.json'), JSON.stringify(options.manifest ?? makeManifest({ models }), null, 2));
  if (options.scores)
    writeFileSync(join(folder, 'scores.jsonl'), options.scores.map((line) => `${JSON.stringify(line)}\n`).join(''));
  return folder;
}

/** Per-model accuracy, latency centre and error share of the synthetic runs. */
const PROFILES = [
  { model: 'qwen3-max', accuracy: 0.86, latency: 1400, ttft: 420, errors: 0.01, price: 0.0000024 },
  { model: 'deepseek-chat', accuracy: 0.81, latency: 2100, ttft: 650, errors: 0.02, price: 0.0000011 },
  { model: 'gpt-4o-mini', accuracy: 0.74, latency: 900, ttft: 300, errors: 0.005, price: 0.0000006 },
  { model: 'claude-haiku', accuracy: 0.78, latency: 1100, ttft: 380, errors: 0.015, price: 0.000004 },
];

/** A deterministic multi-model run of `items` arithmetic questions (answers, latencies, tokens, costs, a few errors). */
export function syntheticRecords(options: { items: number; models?: number; seed?: number }): ResultRecord[] {
  const random = createRng(options.seed ?? 7);
  const profiles = PROFILES.slice(0, options.models ?? 4);
  const records: ResultRecord[] = [];
  for (let index = 0; index < options.items; index += 1) {
    const left = 10 + Math.floor(random() * 90);
    const right = 10 + Math.floor(random() * 90);
    const expected = String(left + right);
    const difficulty = random() * 0.3;
    for (const profile of profiles) {
      const id = `q${index + 1}`;
      const latency = Math.round(profile.latency * (0.5 + random() + (random() < 0.05 ? 2 : 0)));
      if (random() < profile.errors) {
        const kind = random() < 0.6 ? 'rate-limit' : 'timeout';
        records.push(
          makeErrorRecord({
            model: profile.model,
            id,
            input: `What is ${left} + ${right}?`,
            expected,
            error: {
              kind,
              message: kind === 'timeout' ? 'No response within 120 s' : 'Too many requests',
              status: kind === 'timeout' ? null : 429,
              code: null,
            },
          }),
        );
        continue;
      }
      const correct = random() < profile.accuracy + 0.15 - difficulty;
      const answer = correct ? expected : String(left + right + (random() < 0.5 ? 1 : -10));
      const output = 8 + Math.floor(random() * 40);
      records.push(
        makeRecord({
          model: profile.model,
          id,
          input: `What is ${left} + ${right}?`,
          expected,
          answer: `${left} + ${right} = ${answer}. The answer is ${answer}.`,
          reasoning: profile.model === 'deepseek-chat' ? `Add ${left} and ${right}: tens first, then units.` : null,
          reasoning_tokens: profile.model === 'deepseek-chat' ? 12 : null,
          input_tokens: 30,
          output_tokens: output,
          total_tokens: 30 + output,
          latency_ms: latency,
          ttft_ms: Math.round(profile.ttft * (0.6 + random() * 0.8)),
          cost_usd: Number(((30 + output) * profile.price).toFixed(8)),
        }),
      );
    }
  }
  return records;
}
