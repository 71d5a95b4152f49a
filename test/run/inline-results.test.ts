import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRowScores } from '../../src/report/read-row-scores.js';
import { summarizeRun } from '../../src/report/run-report.js';
import { latestRecords } from '../../src/results/latest-records.js';
import { writeResultsCsv } from '../../src/results/write-csv.js';
import { runEval } from '../../src/run/run-eval.js';
import { scoreRun } from '../../src/score/score-run.js';
import { startSimulator, type SimulatorHandle } from '../../src/simulator/server.js';
import { chatTarget, quietControls, testRunConfig } from '../helpers/run-config.js';

let work: string;
let dataset: string;
let simulator: SimulatorHandle;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'inline-'));
  dataset = join(work, 'questions.csv');
  const lines = ['id,question,answer'];
  for (let index = 0; index < 40; index += 1) lines.push(`q${index},What is ${index} + ${index * 5}?,${index * 6}`);
  writeFileSync(dataset, `${lines.join('\n')}\n`);
  simulator = await startSimulator({ latencyScale: 0, faults: { serverError: 0.1 } });
});
afterAll(async () => {
  await simulator.close();
  rmSync(work, { recursive: true, force: true });
});

describe('a fresh run scores and summarises each record as it finishes', () => {
  it('writes the same results.csv, scores.jsonl and summary as the passes over results.jsonl would', async () => {
    const outDir = join(work, 'fresh');
    const outcome = await runEval(
      testRunConfig({
        datasets: [dataset],
        targets: ['qwen3-max', 'gpt-4o-mini'].map((model) => chatTarget({ model, baseUrl: simulator.baseUrl })),
        outDir,
        apiKey: simulator.apiKey,
        baseUrl: simulator.baseUrl,
        retry: { retries: 0, maxRetryTimeMs: 1_000, baseDelayMs: 1, rateLimitBaseDelayMs: 1, maxDelayMs: 1 },
      }),
      quietControls(),
    );
    expect(outcome.manifest.counts.errors).toBeGreaterThan(0);
    const inlineCsv = parse(readFileSync(join(outDir, 'results.csv')), { columns: true }) as Array<Record<string, string>>;
    const inlineScores = readFileSync(join(outDir, 'scores.jsonl'), 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line) as { key: string });

    // The same outputs computed the other way, from results.jsonl after the fact.
    await writeResultsCsv(join(work, 'again.csv'), latestRecords(join(outDir, 'results.jsonl')));
    const passCsv = parse(readFileSync(join(work, 'again.csv')), { columns: true }) as Array<Record<string, string>>;
    expect(new Set(inlineCsv.map((row) => JSON.stringify(row)))).toEqual(new Set(passCsv.map((row) => JSON.stringify(row))));
    await scoreRun({ runDir: outDir, scorers: [], rowScorers: { cwd: process.cwd() } });
    const passScores = readFileSync(join(outDir, 'scores.jsonl'), 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line) as { key: string });
    const byKey = (lines: Array<{ key: string }>) => new Map(lines.map((line) => [line.key, line]));
    expect(byKey(inlineScores)).toEqual(byKey(passScores));
    const passReport = await summarizeRun({
      records: latestRecords(join(outDir, 'results.jsonl')),
      modelOrder: ['qwen3-max', 'gpt-4o-mini'],
      scores: await readRowScores(outDir),
    });
    expect(outcome.report.models).toEqual(passReport.models);
    expect(outcome.report.pairs).toEqual(passReport.pairs);
  });
});
