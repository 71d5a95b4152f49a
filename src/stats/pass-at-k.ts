/** Counts for one item sampled repeatedly: n samples, c of them correct, k the budget. */
export interface PassAtKOptions {
  /** Samples drawn for the item (integer ≥ 1). */
  n: number;
  /** Correct samples among them (integer, 0 ≤ c ≤ n). */
  c: number;
  /** Attempts allowed (integer, 1 ≤ k ≤ n). */
  k: number;
}

function validate({ n, c, k }: PassAtKOptions): void {
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`n must be a positive integer, got ${n}`);
  if (!Number.isSafeInteger(c) || c < 0 || c > n) throw new RangeError(`c must be an integer in [0, ${n}], got ${c}`);
  if (!Number.isSafeInteger(k) || k < 1 || k > n) throw new RangeError(`k must be an integer in [1, ${n}], got ${k}`);
}

/**
 * Unbiased pass@k estimator: the probability that at least one of k samples
 * drawn without replacement from the n is correct (Chen et al., "Evaluating
 * Large Language Models Trained on Code", arXiv:2107.03374, 2021, §2.1):
 * pass@k = 1 − C(n − c, k) / C(n, k),
 * computed as the paper recommends, without large binomials, as
 * 1 − ∏_{i = n − c + 1}^{n} (1 − k/i); it is exactly 1 when n − c < k.
 * Example: n = 10, c = 3, k = 5 gives 1 − 21/252 = 0.916666….
 * Average over items for the benchmark score.
 */
export function passAtK(options: PassAtKOptions): number {
  validate(options);
  const { n, c, k } = options;
  if (n - c < k) return 1;
  let product = 1;
  for (let index = n - c + 1; index <= n; index += 1) product *= 1 - k / index;
  return 1 - product;
}

/**
 * pass^k: the probability that all k samples drawn without replacement from
 * the n are correct, C(c, k) / C(n, k) = ∏_{i=0}^{k−1} (c − i)/(n − i), the
 * reliability metric of τ-bench (Yao et al., "τ-bench: A Benchmark for
 * Tool-Agent-User Interaction in Real-World Domains", arXiv:2406.12045, 2024,
 * §4). It is 0 when c < k. Example: n = 10, c = 7, k = 3 gives 35/120.
 */
export function passHatK(options: PassAtKOptions): number {
  validate(options);
  const { n, c, k } = options;
  if (c < k) return 0;
  let product = 1;
  for (let index = 0; index < k; index += 1) product *= (c - index) / (n - index);
  return product;
}
