import { describe, expect, it } from 'vitest';
import { recordScoreFromLine, rowScoreFromLine, scoreRecord, UNSCORED } from '../../src/analysis/record-score.js';
import type { Score, ScoreLine } from '../../src/score/types.js';
import { errorRecord, makeRecord } from './helpers.js';

function line(scores: Score[], passed: boolean | null): ScoreLine {
  return { v: 1, key: 'k', item: 'i', model: 'm', repeat: 0, scores, passed };
}

describe('a score line reduced to a row score', () => {
  it('takes the one usable value, else pass/fail as 1/0 for several scorers, else unscored', () => {
    const judge = { name: 'judge', value: 0.25, passed: false };
    expect(rowScoreFromLine(line([judge], false))).toEqual({ value: 0.25, passed: false });
    const two = [
      { name: 'numeric', value: 1, passed: true },
      { name: 'regex', value: 0, passed: false },
    ];
    expect(rowScoreFromLine(line(two, false))).toEqual({ value: 0, passed: false });
    expect(rowScoreFromLine(line(two, true))).toEqual({ value: 1, passed: true });
    expect(rowScoreFromLine(line([{ name: 'exact', value: null, passed: null }], null))).toEqual({
      value: null,
      passed: null,
    });
    // A line without its own verdict passes when its one value reaches 1.
    expect(rowScoreFromLine(line([{ name: 'custom', value: 1, passed: null }], null))).toEqual({
      value: 1,
      passed: true,
    });
  });

  it('keeps the scores behind it for the row views, with the same value and pass', () => {
    const scores = [{ name: 'judge', value: 0.9, passed: true, detail: 'fine' }];
    const reduced = recordScoreFromLine(line(scores, true));
    expect(reduced).toEqual({ ...rowScoreFromLine(line(scores, true)), scores });
  });
});

describe('the score of a final record', () => {
  const right = makeRecord({ model: 'm', index: 1, pass: true });
  const wrong = makeRecord({ model: 'm', index: 2, pass: false });

  it('uses the automatic scorer when the run has no scores.jsonl, naming the scorer it picked', () => {
    expect(scoreRecord(right, null)).toEqual({
      value: 1,
      passed: true,
      scores: [{ name: 'numeric', value: 1, passed: true }],
    });
    expect(scoreRecord(wrong, null)).toMatchObject({ value: 0, passed: false });
    expect(scoreRecord(makeRecord({ model: 'm', index: 3, pass: true, expected: null }), null)).toBe(UNSCORED);
  });

  it("uses the row's entry when the run has scores.jsonl, and leaves a row without one unscored", () => {
    const judged = { value: 0.4, passed: false };
    const scores = new Map([[wrong.key, judged]]);
    expect(scoreRecord(wrong, scores)).toBe(judged);
    expect(scoreRecord(right, scores)).toBe(UNSCORED);
    expect(scoreRecord(right, new Map())).toBe(UNSCORED);
  });

  it('never scores an error row, whatever its line says', () => {
    const failed = errorRecord({ model: 'm', index: 4 });
    expect(scoreRecord(failed, null)).toBe(UNSCORED);
    expect(scoreRecord(failed, new Map([[failed.key, { value: 1, passed: true }]]))).toBe(UNSCORED);
  });
});
