import path from 'node:path';
import type { ResultRecord } from '../../src/results/result-record.js';
import type { Score, Scorer } from '../../src/score/types.js';

/** The repository root (two folders above this file). */
export const repoRoot = path.resolve(import.meta.dirname, '..', '..');

/** The shared real datasets, next to the repository. */
export const sharedDatasets = path.resolve(repoRoot, '..', 'shared', 'datasets');

/** Folder of the custom scorer fixture modules. */
export const scorerFixtures = path.resolve(repoRoot, 'test', 'fixtures', 'scorers');

/** A complete ok result record with the given fields replaced. */
export function makeRecord(overrides: Partial<ResultRecord> & Record<string, unknown> = {}): ResultRecord {
  return {
    v: 1,
    key: '0000000000000000beef',
    item: 'i0000000000000000001',
    id: '1',
    dataset: 'sample.jsonl',
    model: 'model-a',
    model_id: 'model-a',
    format: 'openai-chat',
    repeat: 0,
    status: 'ok',
    input: 'What is 2 + 2?',
    expected: '4',
    scorer: null,
    answer: '4',
    reasoning: null,
    answer_raw: null,
    error: null,
    finish_reason: 'stop',
    finish_reason_raw: 'stop',
    input_tokens: 10,
    output_tokens: 2,
    reasoning_tokens: null,
    cached_tokens: null,
    cache_write_tokens: null,
    total_tokens: 12,
    usage_raw: { prompt_tokens: 10, completion_tokens: 2, total_tokens: 12 },
    response_model: 'model-a',
    response_id: 'resp-1',
    system_fingerprint: null,
    request_id: 'req-1',
    stream: false,
    latency_ms: 100,
    ttft_ms: null,
    generation_ms: null,
    output_tps: null,
    queue_ms: 0,
    backoff_ms: 0,
    attempts: 1,
    total_ms: 100,
    started_at: '2026-01-01T00:00:00.000Z',
    ended_at: '2026-01-01T00:00:00.100Z',
    ...overrides,
  } as ResultRecord;
}

/** Runs a scorer on an answer and an expected value. */
export async function scoreOf(
  scorer: Scorer,
  options: { answer: string | null; expected?: string | null } & Partial<ResultRecord>,
): Promise<Score> {
  const { answer, expected = null, ...rest } = options;
  return scorer({ record: makeRecord({ ...rest, answer, expected }) });
}

/** Runs a synchronous scorer and returns only its value. */
export function scoreValue(scorer: Scorer, answer: string, expected: string | null): number | null {
  const score = scorer({ record: makeRecord({ answer, expected }) });
  if (score instanceof Promise) throw new Error('expected a synchronous scorer');
  return score.value;
}
