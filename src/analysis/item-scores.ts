import { collapseRepeats } from '../stats/collapse-repeats.js';
import type { ItemOutcome, ModelData } from './model-data.js';

/** One item of one model with its repeats collapsed: the mean of its scored repeats. */
export interface ItemScore {
  /** The item's content key. */
  item: string;
  /** Mean score over the item's scored repeats, in [0, 1]. */
  value: number;
  /** Scored repeats behind `value`. */
  repeats: number;
  /** The item's cluster: its value of the cluster column, else the item itself (a cluster of one). */
  cluster: string;
  groups?: Record<string, string>;
}

/** The label of a row that has no value in a group column. */
export const NO_GROUP = '(none)';

/** The item's value of a group column; {@link NO_GROUP} when it has none. */
export function groupOf(outcome: Pick<ItemOutcome, 'groups'>, column: string): string {
  const value = outcome.groups?.[column];
  return value === undefined || value === '' ? NO_GROUP : value;
}

/**
 * Every scored item of a model, sorted by item key, each repeat collapsed into
 * the item's mean score first: N repeats of one question are one item, never N
 * independent ones (Miller, "Adding Error Bars to Evals", 2024). Items with no
 * scored repeat are left out.
 */
export function itemScores(data: ModelData, clusterBy: string | null): ItemScore[] {
  const scored = new Map<string, number[]>();
  for (const [item, outcome] of data.items) {
    const values: number[] = [];
    for (const repeat of outcome.repeats) if (repeat !== undefined && repeat.value !== null) values.push(repeat.value);
    if (values.length > 0) scored.set(item, values);
  }
  return collapseRepeats(scored).map(({ item, value, repeats }) => {
    const outcome = data.items.get(item);
    const clusterValue = clusterBy === null ? undefined : outcome?.groups?.[clusterBy];
    const score: ItemScore = {
      item,
      value,
      repeats,
      cluster: clusterValue === undefined || clusterValue === '' ? `item:${item}` : `cluster:${clusterValue}`,
    };
    if (outcome?.groups) score.groups = outcome.groups;
    return score;
  });
}

/** Error rows of an item (every repeat that ended in an error). */
export function itemErrors(outcome: ItemOutcome): number {
  let errors = 0;
  for (const repeat of outcome.repeats) if (repeat && !repeat.ok) errors += 1;
  return errors;
}

/** True when every value is exactly 0 or 1. */
export function allBinary(values: ArrayLike<number>): boolean {
  for (let index = 0; index < values.length; index += 1) {
    if (values[index] !== 0 && values[index] !== 1) return false;
  }
  return true;
}
