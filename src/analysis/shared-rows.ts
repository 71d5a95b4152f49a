import type { ModelData, RepeatOutcome } from './model-data.js';

/** One item-repeat both sides have a final row for. */
export interface SharedRow {
  item: string;
  /** The dataset row id (from side A). */
  id: string;
  repeat: number;
  a: RepeatOutcome;
  b: RepeatOutcome;
}

/**
 * Joins two models' rows by item content key and repeat index: the rows both
 * have, sorted by item key then repeat so the order (and every seeded
 * bootstrap over it) does not depend on the order rows were written in.
 */
export function sharedRows(a: ModelData, b: ModelData): SharedRow[] {
  const rows: SharedRow[] = [];
  const items = [...a.items.keys()].filter((item) => b.items.has(item)).sort();
  for (const item of items) {
    const first = a.items.get(item);
    const second = b.items.get(item);
    if (!first || !second) continue;
    const length = Math.min(first.repeats.length, second.repeats.length);
    for (let repeat = 0; repeat < length; repeat += 1) {
      const outcomeA = first.repeats[repeat];
      const outcomeB = second.repeats[repeat];
      if (outcomeA && outcomeB) rows.push({ item, id: first.id, repeat, a: outcomeA, b: outcomeB });
    }
  }
  return rows;
}

/** The scores of the shared rows both sides scored, as two aligned arrays. */
export function pairedScores(rows: readonly SharedRow[]): { a: Float64Array; b: Float64Array } {
  const a: number[] = [];
  const b: number[] = [];
  for (const row of rows) {
    if (row.a.value === null || row.b.value === null) continue;
    a.push(row.a.value);
    b.push(row.b.value);
  }
  return { a: Float64Array.from(a), b: Float64Array.from(b) };
}
