import type { Interval } from './interval.js';
import { percentile } from './percentile.js';
import { createRng } from './rng.js';

/** Settings shared by the bootstrap functions. */
export interface BootstrapSettings {
  /** Two-sided confidence level in (0, 1); default 0.95. */
  confidence?: number;
  /** Number of resamples; default 2000. */
  resamples?: number;
  /** Seed of the resampling generator ({@link createRng}); default 1, so results repeat run to run. */
  seed?: number | string;
}

/** Input of {@link bootstrapMeanInterval}. */
export interface BootstrapMeanOptions extends BootstrapSettings {
  values: ArrayLike<number>;
}

/** Input of {@link pairedBootstrapDifference}: per-item scores on the same items, in the same order. */
export interface PairedBootstrapOptions extends BootstrapSettings {
  a: ArrayLike<number>;
  b: ArrayLike<number>;
}

const defaultResamples = 2000;
const defaultSeed = 1;

/**
 * Percentile bootstrap interval for the mean (Efron & Tibshirani, "An
 * Introduction to the Bootstrap", 1993, §13.3): draw `resamples` samples of
 * size n with replacement, take each sample's mean θ*_b, and report the α/2
 * and 1 − α/2 percentiles of the θ*_b (linear interpolation, R type 7) around
 * the sample mean. Deterministic for a given seed. Returns null for no values.
 */
export function bootstrapMeanInterval(options: BootstrapMeanOptions): Interval | null {
  const data = toFiniteArray(options.values, 'values');
  return resampleMean(data, options);
}

/**
 * Paired bootstrap for the difference of means between two systems scored on
 * the same items: forms d_i = a_i − b_i and resamples items (so each item's
 * pair stays together), then applies {@link bootstrapMeanInterval}'s
 * percentile rule to the mean of d. `estimate` is mean(a) − mean(b). Throws
 * when the lengths differ; null for no items.
 */
export function pairedBootstrapDifference(options: PairedBootstrapOptions): Interval | null {
  const first = toFiniteArray(options.a, 'a');
  const second = toFiniteArray(options.b, 'b');
  if (first.length !== second.length) {
    throw new RangeError(`Paired samples need equal lengths, got ${first.length} and ${second.length}`);
  }
  const differences = new Float64Array(first.length);
  for (let index = 0; index < first.length; index += 1) differences[index] = first[index] - second[index];
  return resampleMean(differences, options);
}

function resampleMean(data: Float64Array, settings: BootstrapSettings): Interval | null {
  const { confidence = 0.95, resamples = defaultResamples, seed = defaultSeed } = settings;
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must be in (0, 1), got ${confidence}`);
  if (!Number.isSafeInteger(resamples) || resamples < 1) {
    throw new RangeError(`resamples must be a positive integer, got ${resamples}`);
  }
  const count = data.length;
  if (count === 0) return null;
  const random = createRng(seed);
  const means = new Float64Array(resamples);
  for (let round = 0; round < resamples; round += 1) {
    let sum = 0;
    for (let draw = 0; draw < count; draw += 1) sum += data[(random() * count) | 0];
    means[round] = sum / count;
  }
  means.sort();
  let total = 0;
  for (let index = 0; index < count; index += 1) total += data[index];
  const tail = ((1 - confidence) / 2) * 100;
  return {
    low: percentile(means, tail) ?? Number.NaN,
    high: percentile(means, 100 - tail) ?? Number.NaN,
    estimate: total / count,
  };
}

function toFiniteArray(values: ArrayLike<number>, name: string): Float64Array {
  const data = Float64Array.from(values);
  for (let index = 0; index < data.length; index += 1) {
    if (!Number.isFinite(data[index]))
      throw new RangeError(`${name}[${index}] is not a finite number: ${values[index]}`);
  }
  return data;
}
