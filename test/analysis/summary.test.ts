import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderSummaryTable } from '../../src/report/render-summary-table.js';
import { analyzeRun, loadRunAnalysis } from '../../src/analysis/run-analysis.js';
import { summarize } from '../../src/analysis/summarize.js';
import { bootstrapMeanInterval } from '../../src/stats/bootstrap.js';
import { summarizeLatency } from '../../src/stats/latency-summary.js';
import { wilsonInterval } from '../../src/stats/wilson.js';
import type { ScoreLine } from '../../src/score/types.js';
import { errorRecord, makeRecord, modelRows, writeRun, type TestRecord } from './helpers.js';

async function* stream(records: readonly TestRecord[]): AsyncGenerator<TestRecord> {
  yield* records;
}

let folder: string;
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'report-summary-'));
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

describe('per-model summary', () => {
  it('gives pass/fail scores a Wilson interval over scored rows only', async () => {
    const records = [
      ...modelRows({ model: 'm', count: 300, passes: (index) => index < 240 }),
      errorRecord({ model: 'm', index: 300 }),
    ];
    const [summary] = await summarize(stream(records), ['m']);
    const expected = wilsonInterval({ successes: 240, trials: 300 });
    expect(summary).toMatchObject({ model: 'm', rows: 301, ok: 300, errors: 1, errorsByKind: { timeout: 1 } });
    // One row per item: the items are the rows. Σ(x − 0.8)² = 240·0.04 + 60·0.64 = 48, s² = 48/299.
    expect(summary.score).toEqual({
      scored: 300,
      passed: 240,
      items: 300,
      mean: 0.8,
      low: expected?.low,
      high: expected?.high,
      se: expect.closeTo(Math.sqrt(48 / 299 / 300), 14),
      clusteredSe: null,
      clusters: null,
      method: 'wilson',
    });
    expect(renderSummaryTable([summary], { simulated: false })).toContain(
      `80.0% [${((expected?.low ?? 0) * 100).toFixed(1)}, ${((expected?.high ?? 0) * 100).toFixed(1)}]`,
    );
  });

  it('gives continuous scores from scores.jsonl the seeded bootstrap interval', async () => {
    const records = modelRows({ model: 'm', count: 40, passes: () => true });
    const values = records.map((_, index) => (index % 5) / 4);
    const scores: ScoreLine[] = records.map((record, index) => ({
      v: 1,
      key: record.key,
      item: record.item,
      model: 'm',
      repeat: 0,
      scores: [{ name: 'judge', value: values[index], passed: values[index] >= 0.5 }],
      passed: values[index] >= 0.5,
    }));
    writeRun({ folder, records, scores });
    const report = await loadRunAnalysis({ location: folder });
    // Items are taken in item-key order, so the seeded resamples are the same whatever order rows were written in.
    const byItem = records.map((record, index) => ({ item: record.item, value: values[index] }));
    byItem.sort((left, right) => (left.item < right.item ? -1 : 1));
    const expected = bootstrapMeanInterval({ values: byItem.map((entry) => entry.value), seed: 1 });
    expect(report.models[0].score).toMatchObject({
      scored: 40,
      passed: 24,
      method: 'bootstrap',
      low: expected?.low,
      high: expected?.high,
    });
    expect(report.models[0].score?.mean).toBeCloseTo(0.5, 12);
  });

  it('reports final-attempt latency without cached rows, TTFT, tokens (null when never reported) and cost', async () => {
    const records: TestRecord[] = [];
    const latencies: number[] = [];
    for (let index = 0; index < 50; index += 1) {
      const cached = index % 10 === 0;
      const latency = 37 * ((index * 13) % 50) + 5;
      if (!cached) latencies.push(latency);
      records.push(
        makeRecord({
          model: 'm',
          index,
          pass: true,
          latency_ms: latency,
          ttft_ms: cached ? 1 : 20,
          cached,
          cost_usd: 0.001,
          reasoning_tokens: null,
        }),
      );
    }
    records.push(errorRecord({ model: 'm', index: 50 }));
    const [summary] = await summarize(stream(records));
    const expected = summarizeLatency(latencies);
    expect(summary.latencyMs).toEqual({ count: 45, p50: expected.p50, p90: expected.p90, p99: expected.p99 });
    expect(summary.cachedRows).toBe(5);
    expect(summary.ttftMeanMs).toBe(20);
    expect(summary.tokens).toEqual({ input: 600, output: 250, reasoning: null, cached: null });
    expect(summary.costUsd).toBeCloseTo(0.05, 12);
    expect(summary.costRows).toBe(50);

    const [withoutCost] = await summarize(stream([makeRecord({ model: 'm', index: 0, pass: true })]));
    expect(withoutCost.costUsd).toBeNull();
    expect(renderSummaryTable([withoutCost], { simulated: false })).not.toContain('cost');
  });

  it('gives TTFT percentiles beside the mean and keeps the values behind both figures off the plain data', async () => {
    const ttfts: number[] = [];
    const latencies: number[] = [];
    const records: TestRecord[] = [];
    for (let index = 0; index < 40; index += 1) {
      const cached = index % 8 === 0;
      const streamed = index % 5 !== 0;
      const ttft = 30 + ((index * 17) % 23) * 9;
      const latency = 400 + ((index * 11) % 29) * 13;
      if (!cached && streamed) ttfts.push(ttft);
      if (!cached) latencies.push(latency);
      records.push(
        makeRecord({ model: 'm', index, pass: true, cached, latency_ms: latency, ttft_ms: streamed ? ttft : null }),
      );
    }
    records.push(errorRecord({ model: 'm', index: 40 }));
    const analysis = await analyzeRun({ records });
    const [summary] = analysis.models;
    const expected = summarizeLatency(ttfts);
    expect(summary.ttftMs).toEqual({ count: ttfts.length, p50: expected.p50, p90: expected.p90, p99: expected.p99 });
    expect(summary.ttftMeanMs).toBeCloseTo(expected.mean ?? Number.NaN, 9);
    const sorted = (values: number[]): number[] => [...values].sort((first, second) => first - second);
    expect([...analysis.timings('m').ttftMs]).toEqual(sorted(ttfts));
    expect([...analysis.timings('m').latencyMs]).toEqual(sorted(latencies));
    expect(analysis.timings('absent').latencyMs).toHaveLength(0);
    const plain = JSON.parse(JSON.stringify(analysis));
    expect(Object.keys(plain).sort()).toEqual(['alpha', 'breakdowns', 'models', 'pairs', 'settings', 'simulated']);
    expect(JSON.stringify(plain)).not.toContain(String(sorted(latencies)[1]));
  });

  it('keeps the models of modelOrder first, even without rows', async () => {
    const summaries = await summarize(stream([makeRecord({ model: 'b', index: 0, pass: true })]), ['a', 'b']);
    expect(summaries.map((summary) => [summary.model, summary.rows, summary.score])).toEqual([
      ['a', 0, null],
      ['b', 1, expect.objectContaining({ scored: 1 })],
    ]);
  });

  it('labels a simulated run', async () => {
    const summaries = await summarize(stream(modelRows({ model: 'm', count: 3, passes: () => true })));
    expect(renderSummaryTable(summaries, { simulated: true }).split('\n')[0]).toContain('SIMULATED');
    expect(renderSummaryTable(summaries, { simulated: false })).not.toContain('SIMULATED');
  });
});

describe('repeats', () => {
  /** Item 0: answers 42, 42, 41 (2 of 3 pass); item 1: all pass; item 2: repeat 2 errored. */
  function repeatedRows(): TestRecord[] {
    return [
      makeRecord({ model: 'm', index: 0, repeat: 0, pass: true }),
      makeRecord({ model: 'm', index: 0, repeat: 1, pass: true }),
      makeRecord({ model: 'm', index: 0, repeat: 2, pass: false }),
      makeRecord({ model: 'm', index: 1, repeat: 0, pass: true }),
      makeRecord({ model: 'm', index: 1, repeat: 1, pass: true }),
      makeRecord({ model: 'm', index: 1, repeat: 2, pass: true }),
      makeRecord({ model: 'm', index: 2, repeat: 0, pass: false }),
      makeRecord({ model: 'm', index: 2, repeat: 1, pass: true }),
      errorRecord({ model: 'm', index: 2, repeat: 2 }),
    ];
  }

  it('reports consistency, unbiased pass@k, pass^k and the majority answer per item', async () => {
    const report = await analyzeRun({ records: repeatedRows() });
    const items = [...report.items()];
    expect(
      items.map((item) => [
        item.id,
        item.samples,
        item.passes,
        item.passAtK,
        item.passHatK,
        item.consistency,
        item.majorityAnswer,
      ]),
    ).toEqual([
      ['q000', 3, 2, 1, 0, 2 / 3, '42'],
      ['q001', 3, 3, 1, 1, 1, '42'],
      ['q002', 2, 1, null, null, 0.5, '41'],
    ]);
  });

  it('aggregates mean pass@1 and pass@k for k = the number of repeats', async () => {
    const report = await analyzeRun({ records: repeatedRows() });
    expect(report.models[0].repeats).toEqual({
      repeats: 3,
      items: 3,
      meanPassAt1: (2 / 3 + 1 + 1 / 2) / 3,
      passAtK: 1,
      passHatK: 0.5,
      completeItems: 2,
      meanConsistency: (2 / 3 + 1 + 0.5) / 3,
    });
    const table = renderSummaryTable(report.models, { simulated: false });
    expect(table).toContain('pass@k');
    expect(table).toMatch(/m\s+9\s+8\s+1 \(timeout 1\)/);
  });

  it('has no repeat figures when every item was asked once', async () => {
    const report = await analyzeRun({ records: modelRows({ model: 'm', count: 3, passes: () => true }) });
    expect(report.models[0].repeats).toBeNull();
    expect([...report.items()]).toEqual([]);
    expect(renderSummaryTable(report.models, { simulated: false })).not.toContain('pass@k');
  });
});
