import { logGamma } from './log-gamma.js';

/** Arguments of the binomial distribution functions: X ~ Bin(n, p), evaluated at k. */
export interface BinomialOptions {
  /** Number of successes (integer, 0 ≤ k ≤ n). */
  k: number;
  /** Number of trials (non-negative integer). */
  n: number;
  /** Success probability in [0, 1]. */
  p: number;
}

const logTwoPi = Math.log(2 * Math.PI);
const stirlingSeries = [1 / 12, 1 / 360, 1 / 1260, 1 / 1680, 1 / 1188];

/**
 * Stirling's error δ(n) = ln n! − [(n + ½) ln n − n + ½ ln 2π]: directly from
 * ln Γ for n ≤ 15, else from its asymptotic series
 * 1/(12n) − 1/(360n³) + 1/(1260n⁵) − 1/(1680n⁷) + 1/(1188n⁹).
 */
function stirlingError(n: number): number {
  if (n <= 15) return logGamma(n + 1) - (n + 0.5) * Math.log(n) + n - 0.5 * logTwoPi;
  const inverseSquare = 1 / (n * n);
  let sum = 0;
  for (let index = stirlingSeries.length - 1; index >= 0; index -= 1) {
    sum = stirlingSeries[index] - sum * inverseSquare;
  }
  return sum / n;
}

/**
 * Deviance term D(x, μ) = x ln(x/μ) + μ − x, summed as a series in
 * v = (x − μ)/(x + μ) when x is close to μ so it does not cancel.
 */
function devianceTerm(x: number, mean: number): number {
  if (Math.abs(x - mean) >= 0.1 * (x + mean)) return x * Math.log(x / mean) + mean - x;
  const ratio = (x - mean) / (x + mean);
  const ratioSquare = ratio * ratio;
  let sum = (x - mean) * ratio;
  let power = 2 * x * ratio;
  for (let index = 1; index < 1000; index += 1) {
    power *= ratioSquare;
    const next = sum + power / (2 * index + 1);
    if (next === sum) return next;
    sum = next;
  }
  return sum;
}

function validate({ k, n, p }: BinomialOptions): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`Binomial n must be a non-negative integer, got ${n}`);
  if (!Number.isSafeInteger(k) || k < 0 || k > n)
    throw new RangeError(`Binomial k must be an integer in [0, ${n}], got ${k}`);
  if (!(p >= 0 && p <= 1)) throw new RangeError(`Binomial p must be in [0, 1], got ${p}`);
}

/**
 * Binomial probability P[X = k] = C(n, k) p^k (1 − p)^(n − k), with full
 * relative accuracy for n into the millions, by Loader's saddle-point form
 * (C. Loader, "Fast and accurate computation of binomial probabilities",
 * 2000; the method behind R's dbinom):
 * P = exp(δ(n) − δ(k) − δ(n−k) − D(k, np) − D(n−k, nq)) · √(n / (2π k (n−k))).
 */
export function binomialPmf(options: BinomialOptions): number {
  validate(options);
  const { k, n, p } = options;
  const q = 1 - p;
  if (p === 0) return k === 0 ? 1 : 0;
  if (p === 1) return k === n ? 1 : 0;
  if (k === 0) return Math.exp(n * Math.log1p(-p));
  if (k === n) return Math.exp(n * Math.log(p));
  const logCore =
    stirlingError(n) - stirlingError(k) - stirlingError(n - k) - devianceTerm(k, n * p) - devianceTerm(n - k, n * q);
  const logScale = logTwoPi + Math.log(k) + Math.log1p(-k / n);
  return Math.exp(logCore - 0.5 * logScale);
}

/**
 * Binomial lower tail P[X ≤ k] = Σ_{j=0}^{k} P[X = j]. Starts from the
 * accurate P[X = k] and walks down with P[X = j−1] = P[X = j] · j q / ((n − j + 1) p),
 * stopping once terms below the mode no longer change the sum. Works for any
 * n without overflow; tails below ~1e-308 underflow to 0.
 */
export function binomialCdf(options: BinomialOptions): number {
  validate(options);
  const { k, n, p } = options;
  if (k === n || p === 0) return 1;
  if (p === 1) return 0;
  const ratio = (1 - p) / p;
  let term = binomialPmf(options);
  let sum = term;
  for (let j = k; j > 0 && term > 0; j -= 1) {
    term *= (j / (n - j + 1)) * ratio;
    sum += term;
    if (term < sum * 1e-17 && j <= (n + 1) * p) break;
  }
  return Math.min(1, sum);
}
