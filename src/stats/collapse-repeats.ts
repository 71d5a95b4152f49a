/** One item's repeat scores reduced to their mean. */
export interface CollapsedItem {
  /** The item's key. */
  item: string;
  /** Mean of the item's repeat scores. */
  value: number;
  /** Repeat scores behind `value`. */
  repeats: number;
}

/** Repeat scores keyed by item: a Map or a plain object, each item with one or more scores. */
export type RepeatScores = ReadonlyMap<string, ArrayLike<number>> | Readonly<Record<string, ArrayLike<number>>>;

/**
 * Collapses repeated answers to one value per item, the item's mean score,
 * sorted by item key (UTF-16 code-unit order, so the order does not depend on
 * the locale). Every later interval then counts items, not answers: sampling a
 * question k times lowers the within-question variance of its score, but the
 * unit of analysis stays the question, drawn from a super-population of
 * questions (E. Miller, "Adding Error Bars to Evals: A Statistical Approach to
 * Language Model Evaluations", arXiv:2411.00640, 2024, §2.3). Treating k·n
 * answers as independent would shrink the standard error by about √k without
 * adding any new question. Items weigh equally whatever their number of repeats.
 *
 * Throws a RangeError for an item without scores or a score that is not finite.
 */
export function collapseRepeats(scores: RepeatScores): CollapsedItem[] {
  const entries = scores instanceof Map ? [...scores.entries()] : Object.entries(scores);
  const items = entries.map(([item, repeats]) => collapseOne(item, repeats));
  return items.sort((left, right) => (left.item < right.item ? -1 : left.item > right.item ? 1 : 0));
}

function collapseOne(item: string, repeats: ArrayLike<number>): CollapsedItem {
  if (repeats.length === 0) throw new RangeError(`item ${JSON.stringify(item)} has no scores`);
  let sum = 0;
  for (let index = 0; index < repeats.length; index += 1) {
    const score = repeats[index];
    if (!Number.isFinite(score)) {
      throw new RangeError(`score ${index} of item ${JSON.stringify(item)} is not a finite number: ${score}`);
    }
    sum += score;
  }
  return { item, value: sum / repeats.length, repeats: repeats.length };
}
