import { consistency, majorityAnswer } from '../stats/majority-answer.js';
import { passAtK, passHatK } from '../stats/pass-at-k.js';
import type { ItemOutcome, ModelData } from './model-data.js';

/** Repeat figures of one item of one model. */
export interface ItemRepeatStats {
  model: string;
  item: string;
  id: string;
  /** Repeats with a pass/fail outcome. */
  samples: number;
  passes: number;
  /** Unbiased pass@k with k = the model's number of repeats; null when fewer samples than k. */
  passAtK: number | null;
  /** pass^k (every one of k samples passes); null when fewer samples than k. */
  passHatK: number | null;
  /** Share of answers equal to the majority answer; null when no repeat answered. */
  consistency: number | null;
  majorityAnswer: string | null;
}

/** Repeat figures of one model, averaged over its items. */
export interface RepeatSummary {
  /** k: the number of repeats asked per item. */
  repeats: number;
  /** Items with at least one pass/fail outcome. */
  items: number;
  /** Mean over items of passes / samples (pass@1). */
  meanPassAt1: number | null;
  /** Mean pass@k over the items with all k outcomes. */
  passAtK: number | null;
  /** Mean pass^k over the items with all k outcomes. */
  passHatK: number | null;
  /** Items with all k outcomes (the base of pass@k and pass^k). */
  completeItems: number;
  /** Mean consistency over items with at least two answers. */
  meanConsistency: number | null;
}

/** The repeat figures of one item, for a model asked `repeats` times per item. */
export function itemRepeatStats(options: {
  model: string;
  item: string;
  outcome: ItemOutcome;
  repeats: number;
}): ItemRepeatStats {
  const { outcome, repeats } = options;
  let samples = 0;
  let passes = 0;
  const answers: string[] = [];
  for (const repeat of outcome.repeats) {
    if (!repeat) continue;
    if (repeat.passed !== null) {
      samples += 1;
      if (repeat.passed) passes += 1;
    }
    if (repeat.answer !== null) answers.push(repeat.answer);
  }
  const complete = samples >= repeats && repeats >= 1;
  return {
    model: options.model,
    item: options.item,
    id: outcome.id,
    samples,
    passes,
    passAtK: complete ? passAtK({ n: samples, c: passes, k: repeats }) : null,
    passHatK: complete ? passHatK({ n: samples, c: passes, k: repeats }) : null,
    consistency: consistency(answers),
    majorityAnswer: majorityAnswer(answers),
  };
}

/** Every item's repeat figures for one model, in first-seen order. */
export function* listItemRepeatStats(data: ModelData): Generator<ItemRepeatStats> {
  for (const [item, outcome] of data.items) {
    yield itemRepeatStats({ model: data.model, item, outcome, repeats: data.repeatCount });
  }
}

/** Averages the per-item repeat figures of a model; null when the model was asked once per item. */
export function summarizeRepeats(data: ModelData): RepeatSummary | null {
  if (data.repeatCount < 2) return null;
  let items = 0;
  let passAt1Sum = 0;
  let completeItems = 0;
  let passAtKSum = 0;
  let passHatKSum = 0;
  let consistencyItems = 0;
  let consistencySum = 0;
  for (const stats of listItemRepeatStats(data)) {
    if (stats.samples > 0) {
      items += 1;
      passAt1Sum += stats.passes / stats.samples;
    }
    if (stats.passAtK !== null && stats.passHatK !== null) {
      completeItems += 1;
      passAtKSum += stats.passAtK;
      passHatKSum += stats.passHatK;
    }
    const answered = countAnswers(data.items.get(stats.item));
    if (stats.consistency !== null && answered >= 2) {
      consistencyItems += 1;
      consistencySum += stats.consistency;
    }
  }
  return {
    repeats: data.repeatCount,
    items,
    meanPassAt1: items > 0 ? passAt1Sum / items : null,
    passAtK: completeItems > 0 ? passAtKSum / completeItems : null,
    passHatK: completeItems > 0 ? passHatKSum / completeItems : null,
    completeItems,
    meanConsistency: consistencyItems > 0 ? consistencySum / consistencyItems : null,
  };
}

function countAnswers(outcome: ItemOutcome | undefined): number {
  let count = 0;
  for (const repeat of outcome?.repeats ?? []) if (repeat?.answer != null) count += 1;
  return count;
}
