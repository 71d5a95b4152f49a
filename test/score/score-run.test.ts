import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadRunAnalysis } from '../../src/analysis/run-analysis.js';
import { UserError } from '../../src/errors.js';
import type { ResultRecord } from '../../src/results/result-record.js';
import type { JudgeComplete } from '../../src/score/judge-scorer.js';
import { readScores } from '../../src/score/read-scores.js';
import { scoreRun } from '../../src/score/score-run.js';
import { parseScorerSpecs } from '../../src/score/scorer-spec.js';
import type { ScoreLine } from '../../src/score/types.js';
import { makeRecord, scorerFixtures } from './helpers.js';

let runDir: string;

beforeEach(() => {
  runDir = mkdtempSync(path.join(tmpdir(), 'score-run-'));
});

afterEach(() => {
  rmSync(runDir, { recursive: true, force: true });
});

function key(index: number): string {
  return `${index.toString(16).padStart(16, '0')}0000`;
}

function writeResults(records: ResultRecord[], extra = ''): string {
  const text = `${records.map((record) => JSON.stringify(record)).join('\n')}\n${extra}`;
  writeFileSync(path.join(runDir, 'results.jsonl'), text);
  return text;
}

function readLines(): ScoreLine[] {
  return readFileSync(path.join(runDir, 'scores.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as ScoreLine);
}

const failedRequest = { kind: 'transient' as const, message: '502 bad gateway', status: 502, code: null };

describe('scoreRun', () => {
  it('scores the final record of every key, skips error rows, and never touches results.jsonl', async () => {
    const records = [
      makeRecord({ key: key(1), item: 'item-1', model: 'model-a', answer: 'The answer is 18.', expected: '18' }),
      makeRecord({
        key: key(2),
        item: 'item-2',
        model: 'model-a',
        status: 'error',
        answer: null,
        error: failedRequest,
      }),
      makeRecord({ key: key(3), item: 'item-3', model: 'model-b', answer: '答案：C', expected: 'B' }),
      makeRecord({ key: key(4), item: 'item-4', model: 'model-b', answer: 'anything', expected: null }),
      // A resumed run appended a newer record for key 2 (e.g. after --retry-errors): it wins.
      makeRecord({ key: key(2), item: 'item-2', model: 'model-a', answer: '#### 7', expected: '7' }),
    ];
    const before = writeResults(records, '{"torn": ');
    const result = await scoreRun({ runDir, scorers: await parseScorerSpecs(['auto'], { cwd: runDir }) });

    expect(readFileSync(path.join(runDir, 'results.jsonl'), 'utf8')).toBe(before);
    expect(existsSync(path.join(runDir, 'scores.jsonl.tmp'))).toBe(false);
    const lines = readLines();
    expect(lines.map((line) => [line.key, line.model, line.passed])).toEqual([
      [key(1), 'model-a', true],
      [key(3), 'model-b', false],
      [key(4), 'model-b', null],
      [key(2), 'model-a', true],
    ]);
    expect(lines[0]).toEqual({
      v: 1,
      key: key(1),
      item: 'item-1',
      model: 'model-a',
      repeat: 0,
      scores: [
        { name: 'auto', value: 1, passed: true, detail: 'numeric: answer 18 (from "18", answer-phrase) = expected 18' },
      ],
      passed: true,
    });
    expect(result).toMatchObject({
      lines: 4,
      passed: 2,
      failed: 1,
      unscored: 1,
      errorRows: 0,
      scorerErrors: 0,
      judgeCostUsd: null,
    });
    expect(result.path).toBe(path.join(runDir, 'scores.jsonl'));
  });

  it('gives error rows passed: null without calling any scorer', async () => {
    writeResults([makeRecord({ key: key(1), status: 'error', answer: null, error: failedRequest })]);
    let calls = 0;
    const counting = [
      {
        name: 'counting',
        score: () => {
          calls += 1;
          return { name: 'counting', value: 1, passed: true };
        },
      },
    ];
    const result = await scoreRun({ runDir, scorers: counting });
    expect(calls).toBe(0);
    expect(readLines()).toEqual([
      { v: 1, key: key(1), item: 'i0000000000000000001', model: 'model-a', repeat: 0, scores: [], passed: null },
    ]);
    expect(result).toMatchObject({
      errorRows: 1,
      models: [{ model: 'model-a', scorerErrors: 0, judgeCostUsd: null, judgeCostMissing: 0 }],
    });
    // How the model scored is the analysis model's figure, from the same scores.jsonl.
    expect((await loadRunAnalysis({ location: runDir })).models).toMatchObject([
      { model: 'model-a', rows: 1, errors: 1, score: null },
    ]);
  });

  it('fails a row when any scorer fails and leaves it open when one could not score', async () => {
    writeResults([
      makeRecord({ key: key(1), answer: '42', expected: '42' }),
      makeRecord({ key: key(2), answer: '42 apples', expected: '42' }),
      makeRecord({ key: key(3), answer: '42', expected: null }),
    ]);
    await scoreRun({ runDir, scorers: await parseScorerSpecs(['numeric', 'regex:^\\d+$'], { cwd: runDir }) });
    const lines = readLines();
    expect(lines.map((line) => line.scores.map((score) => score.passed))).toEqual([
      [true, true],
      [true, false],
      [null, true],
    ]);
    expect(lines.map((line) => line.passed)).toEqual([true, false, null]);
  });

  it("uses each row's own scorer column when no scorer is given, else auto", async () => {
    writeResults([
      makeRecord({ key: key(1), answer: 'PARIS', expected: 'Paris', scorer: 'exact' }),
      makeRecord({ key: key(2), answer: 'It is Paris.', expected: 'Paris', scorer: 'contains' }),
      makeRecord({ key: key(3), answer: 'word', expected: 'word', scorer: 'custom:word-overlap.mjs' }),
      makeRecord({ key: key(4), answer: '答案是B', expected: 'B', scorer: null }),
    ]);
    // A custom module named by a row needs the explicit opt-in (--allow-dataset-scorers).
    await scoreRun({ runDir, scorers: [], rowScorers: { cwd: scorerFixtures, trust: 'full' } });
    expect(readLines().map((line) => [line.scores[0].name, line.scores[0].value])).toEqual([
      ['exact', 1],
      ['contains', 1],
      ['custom:word-overlap.mjs', 1],
      ['auto', 1],
    ]);
  });

  it('rejects a bad per-row scorer before writing anything', async () => {
    writeResults([makeRecord({ key: key(1), scorer: 'regex:(' })]);
    await expect(scoreRun({ runDir, scorers: [] })).rejects.toThrow(
      /^sample\.jsonl \(column 'scorer'\) regex:\( is not a valid regular expression/,
    );
    expect(existsSync(path.join(runDir, 'scores.jsonl'))).toBe(false);
    expect(existsSync(path.join(runDir, 'scores.jsonl.tmp'))).toBe(false);
  });

  it('runs the judge with bounded concurrency, keeps results order, and sums judge cost apart', async () => {
    const records = Array.from({ length: 40 }, (_, index) =>
      makeRecord({
        key: key(index + 1),
        // One row per item and model, as in a real run (the analysis pairs rows by item).
        item: `item-${Math.floor(index / 2)}`,
        model: index % 2 === 0 ? 'model-a' : 'model-b',
        answer: `answer ${index}`,
        expected: 'x',
      }),
    );
    writeResults(records);
    let inFlight = 0;
    let maxInFlight = 0;
    let calls = 0;
    const complete: JudgeComplete = async (prompt) => {
      calls += 1;
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      const index = Number(/answer (\d+)/.exec(prompt)?.[1]);
      // Later rows finish first, so the writer must put lines back in order.
      await new Promise((resolve) => setTimeout(resolve, (40 - index) % 7));
      inFlight -= 1;
      if (index === 5) throw new Error('judge timed out');
      if (index === 6) return { text: 'no idea', costUsd: 0.5, usage: { input: 1, output: 1 } };
      return {
        text: `{"score": ${index % 2 === 0 ? 9 : 2}, "reason": "r"}`,
        costUsd: index === 7 ? null : 0.25,
        usage: { input: 100, output: 10 },
      };
    };
    const scorers = await parseScorerSpecs(['judge:judge-1'], {
      cwd: runDir,
      judge: { createComplete: () => complete },
    });
    const progress: number[] = [];
    const result = await scoreRun({ runDir, scorers, concurrency: 3, onProgress: ({ lines }) => progress.push(lines) });

    expect(calls).toBe(40);
    expect(maxInFlight).toBeLessThanOrEqual(3);
    expect(maxInFlight).toBeGreaterThan(1);
    expect(progress).toEqual(Array.from({ length: 40 }, (_, index) => index + 1));
    const lines = readLines();
    expect(lines.map((line) => line.key)).toEqual(records.map((record) => record.key));
    expect(lines[5].scores[0]).toMatchObject({ value: null, error: { kind: 'judge-request-failed' } });
    expect(lines[6].scores[0]).toMatchObject({ value: null, error: { kind: 'judge-unparsable' }, costUsd: 0.5 });
    expect(lines[7].scores[0]).toMatchObject({ value: 0.2, passed: false, costUsd: null });
    expect(lines[8].scores[0]).toMatchObject({
      name: 'judge:judge-1',
      value: 0.9,
      passed: true,
      costUsd: 0.25,
      usage: { input: 100, output: 10 },
    });
    // 37 answered calls at $0.25, one unparsable at $0.50, one unreported, one failed.
    expect(result.judgeCostUsd).toBeCloseTo(37 * 0.25 + 0.5, 10);
    expect(result).toMatchObject({ lines: 40, passed: 19, failed: 19, unscored: 2, scorerErrors: 2 });
    const [modelA, modelB] = result.models;
    // Even rows (model-a) score 9/10 and row 6 is unparsable; odd rows (model-b) score 2/10 and row 5 failed.
    expect(modelA).toMatchObject({ model: 'model-a', scorerErrors: 1, judgeCostMissing: 0 });
    expect(modelA.judgeCostUsd).toBeCloseTo(19 * 0.25 + 0.5, 10);
    expect(modelB).toMatchObject({ model: 'model-b', scorerErrors: 1, judgeCostMissing: 2 });
    expect(modelB.judgeCostUsd).toBeCloseTo(18 * 0.25, 10);
    // Rows, scored, passed and the mean score are the analysis model's figures, read from the scores.jsonl just written.
    const [scoredA, scoredB] = (await loadRunAnalysis({ location: runDir })).models;
    expect(scoredA).toMatchObject({ model: 'model-a', rows: 20, ok: 20, score: { scored: 19, passed: 19 } });
    expect(scoredA.score?.mean).toBeCloseTo(0.9, 12);
    expect(scoredB).toMatchObject({ model: 'model-b', rows: 20, ok: 20, score: { scored: 19, passed: 0 } });
    expect(scoredB.score?.mean).toBeCloseTo(0.2, 12);
  });

  it('replaces scores.jsonl whole, and keeps the previous file when scoring fails midway', async () => {
    writeResults([makeRecord({ key: key(1) }), makeRecord({ key: key(2) })]);
    writeFileSync(path.join(runDir, 'scores.jsonl'), 'previous\n');
    const scorers = await parseScorerSpecs(['exact'], { cwd: runDir });
    const failing = scoreRun({
      runDir,
      scorers,
      onProgress: () => {
        throw new Error('disk full');
      },
    });
    await expect(failing).rejects.toThrow('disk full');
    expect(readFileSync(path.join(runDir, 'scores.jsonl'), 'utf8')).toBe('previous\n');
    expect(existsSync(path.join(runDir, 'scores.jsonl.tmp'))).toBe(false);
    await scoreRun({ runDir, scorers });
    expect(readLines()).toHaveLength(2);
  });

  it('rejects a missing run folder or results file with a UserError naming the folder', async () => {
    const missing = path.join(runDir, 'nope');
    await expect(scoreRun({ runDir: missing, scorers: [] })).rejects.toThrow(
      new UserError(`run folder ${missing} does not exist`),
    );
    await expect(scoreRun({ runDir, scorers: [] })).rejects.toThrow(
      `run folder ${runDir} has no results.jsonl to score`,
    );
  });
});

describe('readScores', () => {
  it('maps lines by key (last wins) and says null for an unscored run', async () => {
    expect(await readScores(runDir)).toBeNull();
    writeFileSync(
      path.join(runDir, 'scores.jsonl'),
      [
        JSON.stringify({ v: 1, key: 'a', item: 'i', model: 'm', repeat: 0, scores: [], passed: null }),
        'not json',
        JSON.stringify({ v: 1, key: 'a', item: 'i', model: 'm', repeat: 0, scores: [], passed: true }),
        '',
      ].join('\n'),
    );
    const scores = await readScores(runDir);
    expect([...(scores?.keys() ?? [])]).toEqual(['a']);
    expect(scores?.get('a')?.passed).toBe(true);
  });

  it('skips lines without a key or a scores array, and keeps each line as the caller reduces it', async () => {
    writeFileSync(
      path.join(runDir, 'scores.jsonl'),
      [
        JSON.stringify({ v: 1, key: 7, scores: [] }),
        JSON.stringify({ v: 1, key: 'b', passed: true }),
        'null',
        JSON.stringify({ v: 1, key: 'c', item: 'i', model: 'm', repeat: 0, scores: [], passed: false }),
      ].join('\n'),
    );
    expect(await readScores(runDir, (line) => line.passed)).toEqual(new Map([['c', false]]));
  });
});
