import type { SharedRow } from './shared-rows.js';

/** How a row changed between baseline and candidate. */
export type FlipKind = 'pass-to-fail' | 'fail-to-pass' | 'answer-changed';

/** One changed row. */
export interface Flip {
  kind: FlipKind;
  item: string;
  id: string;
  repeat: number;
  baselineAnswer: string | null;
  candidateAnswer: string | null;
}

/** The changed rows of a comparison, by kind. */
export interface Flips {
  passToFail: Flip[];
  failToPass: Flip[];
  /** Both sides answered, pass/fail did not change (or is unknown) but the canonical answers differ. */
  answerChanged: Flip[];
}

/**
 * The rows that changed between baseline (side A of each row) and candidate
 * (side B): pass→fail, fail→pass, and otherwise a changed canonical answer.
 * Rows where either side errored or was not judged pass/fail only count as
 * `answer-changed` when both sides answered. Each list is sorted by row id, then repeat.
 */
export function findFlips(rows: readonly SharedRow[]): Flips {
  const flips: Flips = { passToFail: [], failToPass: [], answerChanged: [] };
  for (const row of rows) {
    const before = row.a.passed;
    const after = row.b.passed;
    const flip = (kind: FlipKind): Flip => ({
      kind,
      item: row.item,
      id: row.id,
      repeat: row.repeat,
      baselineAnswer: row.a.answer,
      candidateAnswer: row.b.answer,
    });
    if (before === true && after === false) flips.passToFail.push(flip('pass-to-fail'));
    else if (before === false && after === true) flips.failToPass.push(flip('fail-to-pass'));
    else if (row.a.answer !== null && row.b.answer !== null && row.a.answer !== row.b.answer) {
      flips.answerChanged.push(flip('answer-changed'));
    }
  }
  for (const list of [flips.passToFail, flips.failToPass, flips.answerChanged]) list.sort(byIdThenRepeat);
  return flips;
}

function byIdThenRepeat(first: Flip, second: Flip): number {
  if (first.id !== second.id) return first.id < second.id ? -1 : 1;
  return first.repeat - second.repeat;
}
