import type { Interval } from './interval.js';
import { normalQuantile } from './normal.js';

/**
 * Interval for the difference of two matched proportions, p_A − p_B, from the
 * discordant counts of n pairs (`aOnly`: A right and B wrong; `bOnly`: the
 * reverse), by the adjusted Wald method of A. Agresti and Y. Min ("Simple
 * improved confidence intervals for comparing matched proportions",
 * Statistics in Medicine 24:729–740, 2005): add 0.5 to each of the four cells
 * of the 2 × 2 table, so n* = n + 2, and with p* = (aOnly + 0.5)/n*,
 * q* = (bOnly + 0.5)/n*, Δ* = p* − q*:
 *   Δ* ± z · √((p* + q* − Δ*²) / n*).
 * Unlike the plain Wald interval it is never of zero width (two items both
 * passed by A and failed by B do not make a certainty), and it keeps close to
 * its nominal coverage for small n. `estimate` is the plain (aOnly − bOnly)/n.
 * Clamped to [−1, 1]. Null for no pairs.
 */
export function matchedProportionsInterval(options: {
  aOnly: number;
  bOnly: number;
  n: number;
  confidence?: number;
}): Interval | null {
  const { aOnly, bOnly, n, confidence = 0.95 } = options;
  for (const [name, value] of Object.entries({ aOnly, bOnly, n })) {
    if (!Number.isInteger(value) || value < 0) throw new RangeError(`${name} must be a whole number ≥ 0, got ${value}`);
  }
  if (aOnly + bOnly > n) throw new RangeError(`aOnly + bOnly (${aOnly + bOnly}) exceeds n (${n})`);
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must be in (0, 1), got ${confidence}`);
  if (n === 0) return null;
  const adjusted = n + 2;
  const p = (aOnly + 0.5) / adjusted;
  const q = (bOnly + 0.5) / adjusted;
  const delta = p - q;
  const half = normalQuantile(1 - (1 - confidence) / 2) * Math.sqrt((p + q - delta * delta) / adjusted);
  return { low: Math.max(-1, delta - half), high: Math.min(1, delta + half), estimate: (aOnly - bOnly) / n };
}
