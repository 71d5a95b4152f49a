import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRunAnalysis } from '../../src/analysis/run-analysis.js';
import { latestRecords } from '../../src/results/latest-records.js';
import { writeResultsCsv } from '../../src/results/write-csv.js';
import { parseScorerSpecs } from '../../src/score/scorer-spec.js';
import { scoreRun } from '../../src/score/score-run.js';
import { chatTarget, quietControls, testRunConfig, runWithOutputs } from '../helpers/run-config.js';
import { simulatedRunFixture } from '../run/run-fixtures.js';

// Some rows fail, so error rows (never scored) are part of the comparison.
const fixture = simulatedRunFixture({
  prefix: 'live-outputs-',
  simulator: { latencyScale: 0, seed: 5, faults: { serverError: 0.2 } },
  rows: 40,
});

/** What the read-back path makes of a finished run folder: scores.jsonl, results.csv and the report. */
async function readBack(outDir: string, scorers: Awaited<ReturnType<typeof parseScorerSpecs>>) {
  const copy = join(fixture.work, `${outDir.split('/').pop()}-copy`);
  mkdirSync(copy);
  copyFileSync(join(outDir, 'results.jsonl'), join(copy, 'results.jsonl'));
  copyFileSync(join(outDir, 'run.json'), join(copy, 'run.json'));
  await scoreRun({ runDir: copy, scorers });
  await writeResultsCsv(join(copy, 'results.csv'), latestRecords(join(copy, 'results.jsonl')));
  return { dir: copy, analysis: await loadRunAnalysis({ location: copy }) };
}

describe('outputs built as rows finish', () => {
  it.each([
    ['auto', [] as string[], 1],
    ['explicit numeric and contains', ['numeric', 'contains'], 1],
    ['auto, three repeats', [] as string[], 3],
  ])('match what reading results.jsonl back gives, byte for byte (%s)', async (name, specs, repeat) => {
    const outDir = join(fixture.work, `run-${name.replace(/\W+/g, '-')}`);
    const scorers = await parseScorerSpecs(specs, { cwd: fixture.work });
    const targets = ['m1', 'm2'].map((model) => chatTarget({ model, baseUrl: fixture.simulator.baseUrl }));
    const outcome = await runWithOutputs(
      testRunConfig({
        datasets: [fixture.dataset],
        targets,
        outDir,
        apiKey: fixture.simulator.apiKey,
        baseUrl: fixture.simulator.baseUrl,
        retry: { ...testRunConfig({ datasets: [], targets: [], outDir, apiKey: '', baseUrl: '' }).retry, retries: 0 },
        repeat,
      }),
      quietControls(),
      { scoring: { scorers, rowScorers: { cwd: fixture.work } } },
    );
    expect(outcome.manifest.counts.errors).toBeGreaterThan(0);
    const back = await readBack(outDir, scorers);
    expect(readFileSync(join(outDir, 'scores.jsonl'), 'utf8')).toBe(
      readFileSync(join(back.dir, 'scores.jsonl'), 'utf8'),
    );
    expect(readFileSync(join(outDir, 'results.csv'), 'utf8')).toBe(readFileSync(join(back.dir, 'results.csv'), 'utf8'));
    expect(outcome.analysis.models).toEqual(back.analysis.models);
    expect(outcome.analysis.pairs).toEqual(back.analysis.pairs);
    expect([...outcome.analysis.items()]).toEqual([...back.analysis.items()]);
    if (repeat > 1) expect([...outcome.analysis.items()].length).toBeGreaterThan(0);
    for (const model of ['m1', 'm2']) expect(outcome.analysis.timings(model)).toEqual(back.analysis.timings(model));
    expect(existsSync(join(outDir, 'scores.jsonl.tmp'))).toBe(false);
  });

  it('falls back to reading results.jsonl when rows name their own scorer', async () => {
    const file = join(fixture.work, 'own-scorer.csv');
    writeFileSync(file, 'id,question,answer,scorer\nq1,What is 1 + 1?,2,exact\nq2,What is 2 + 2?,4,numeric\n');
    const outDir = join(fixture.work, 'run-own-scorer');
    fixture.simulator.setFaults({});
    const outcome = await runWithOutputs(
      testRunConfig({
        datasets: [file],
        targets: [chatTarget({ model: 'm1', baseUrl: fixture.simulator.baseUrl })],
        outDir,
        apiKey: fixture.simulator.apiKey,
        baseUrl: fixture.simulator.baseUrl,
      }),
      quietControls(),
    );
    const lines = readFileSync(join(outDir, 'scores.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { scores: Array<{ name: string }> });
    expect(outcome.manifest.counts.errors).toBe(0);
    expect(lines.flatMap((line) => line.scores.map((score) => score.name)).sort()).toEqual(['exact', 'numeric']);
    expect(readFileSync(join(outDir, 'results.csv'), 'utf8').trim().split('\n')).toHaveLength(
      1 + outcome.manifest.counts.written,
    );
  });
});
