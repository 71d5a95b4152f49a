import { minimumDetectableEffect } from './minimum-detectable-effect.js';

/** Input of {@link plannedMinimumDetectableEffect}. */
export interface PlannedMdeOptions {
  /** Items both models will answer. */
  n: number;
  /** Assumed correlation of the two models' per-item scores; default 0 (the cautious choice). */
  correlation?: number;
  /** Assumed accuracy of each model; default 0.5, where a 0/1 score varies most. */
  accuracy?: number;
  alpha?: number;
  power?: number;
}

/**
 * Before a run: the smallest difference in accuracy between two models that a
 * paired test on `n` shared 0/1-scored items detects with the given power
 * (default 80%, two-sided α = 0.05). Each score has variance p(1 − p), so the
 * per-item difference has variance 2·p(1 − p)·(1 − ρ), and
 * MDE = (z_{1−α/2} + z_power) · √(2p(1 − p)(1 − ρ)) / √n.
 * At p = 0.5 and ρ = 0 that is 2.8016 × 0.7071 / √n, about 0.198 for n = 100.
 */
export function plannedMinimumDetectableEffect(options: PlannedMdeOptions): number {
  const { n, correlation = 0, accuracy = 0.5, alpha, power } = options;
  if (!(correlation >= -1 && correlation <= 1))
    throw new RangeError(`correlation must be in [-1, 1], got ${correlation}`);
  if (!(accuracy >= 0 && accuracy <= 1)) throw new RangeError(`accuracy must be in [0, 1], got ${accuracy}`);
  const deviation = Math.sqrt(2 * accuracy * (1 - accuracy) * (1 - correlation));
  return minimumDetectableEffect({ n, standardDeviation: deviation, alpha, power });
}
