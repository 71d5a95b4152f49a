/**
 * Percentile with linear interpolation between closest ranks (the "type 7"
 * definition used by R, NumPy and Excel's PERCENTILE.INC). `sorted` must be
 * ascending; `p` is in [0, 100]. Null for an empty list.
 */
export function percentile(sorted: ArrayLike<number>, p: number): number | null {
  const count = sorted.length;
  if (count === 0) return null;
  if (p <= 0) return sorted[0];
  if (p >= 100) return sorted[count - 1];
  const rank = (p / 100) * (count - 1);
  const lower = Math.floor(rank);
  const fraction = rank - lower;
  if (lower + 1 >= count) return sorted[lower];
  return sorted[lower] + fraction * (sorted[lower + 1] - sorted[lower]);
}

/** A growable list of numbers kept in a typed array (8 bytes each), for big runs. */
export class NumberList {
  private values: Float64Array;
  length = 0;

  /** Room for `capacity` values before the first doubling (a known row count avoids copies mid-run). */
  constructor(capacity = 64) {
    this.values = new Float64Array(Math.max(1, capacity));
  }

  push(value: number): void {
    if (this.length === this.values.length) {
      const bigger = new Float64Array(this.values.length * 2);
      bigger.set(this.values);
      this.values = bigger;
    }
    this.values[this.length] = value;
    this.length += 1;
  }

  /** A sorted copy. */
  sorted(): Float64Array {
    return this.values.slice(0, this.length).sort();
  }

  sum(): number {
    let total = 0;
    for (let index = 0; index < this.length; index += 1) total += this.values[index];
    return total;
  }
}
