import { normalQuantile } from './normal.js';

/** Input of {@link minimumDetectableEffect}. */
export interface MinimumDetectableEffectOptions {
  /** Number of paired items. */
  n: number;
  /** Standard deviation of one per-item difference d_i = a_i − b_i. */
  standardDeviation: number;
  /** Two-sided significance level; default 0.05. */
  alpha?: number;
  /** Desired power; default 0.8. */
  power?: number;
}

/**
 * Smallest true mean difference a two-sided level-α paired test detects with
 * the given power, by the normal approximation
 * MDE = (z_{1−α/2} + z_{power}) · σ_d / √n
 * (the paired-design sample-size formula n = (z_{1−α/2} + z_{1−β})² σ_d² / δ²
 * solved for δ; Chow, Shao & Wang, "Sample Size Calculations in Clinical
 * Research", 2nd ed., 2008, §3.1, one-sample design applied to the paired
 * differences). For the default α = 0.05 and power 0.8 the
 * factor is 1.959963984540054 + 0.8416212335729143 = 2.801585218112968.
 */
export function minimumDetectableEffect(options: MinimumDetectableEffectOptions): number {
  const { n, standardDeviation, alpha = 0.05, power = 0.8 } = options;
  if (!(n > 0)) throw new RangeError(`n must be positive, got ${n}`);
  if (!(standardDeviation >= 0) || !Number.isFinite(standardDeviation)) {
    throw new RangeError(`standardDeviation must be a finite non-negative number, got ${standardDeviation}`);
  }
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be in (0, 1), got ${alpha}`);
  if (!(power > 0 && power < 1)) throw new RangeError(`power must be in (0, 1), got ${power}`);
  const factor = normalQuantile(1 - alpha / 2) + normalQuantile(power);
  return (factor * standardDeviation) / Math.sqrt(n);
}
