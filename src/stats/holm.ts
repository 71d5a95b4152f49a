/**
 * Holm's step-down adjustment of a family of p-values (S. Holm, "A simple
 * sequentially rejective multiple test procedure", Scandinavian Journal of
 * Statistics 6:65–70, 1979). Sorted ascending, the k-th smallest (k from 1 of
 * m) becomes min(1, max over j ≤ k of (m − j + 1)·p_(j)); a test is rejected at
 * level α when its adjusted p-value is at most α, which keeps the chance of any
 * false rejection in the family at most α. Returned in the input order; ties
 * keep their input order. Null entries (no test) stay null and do not count in m.
 */
export function holmAdjust(pValues: ReadonlyArray<number | null>): Array<number | null> {
  const present = pValues
    .map((value, index) => ({ value, index }))
    .filter((entry): entry is { value: number; index: number } => entry.value !== null);
  for (const { value, index } of present) {
    if (!(value >= 0 && value <= 1)) throw new RangeError(`p-value ${index} is not in [0, 1]: ${value}`);
  }
  present.sort((left, right) => left.value - right.value || left.index - right.index);
  const adjusted: Array<number | null> = pValues.map(() => null);
  const m = present.length;
  let running = 0;
  present.forEach(({ value, index }, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * value));
    adjusted[index] = running;
  });
  return adjusted;
}
