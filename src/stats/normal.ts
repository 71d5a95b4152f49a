/**
 * The standard normal distribution: cumulative distribution function and its
 * inverse (quantile function), both to about 1e-14 relative accuracy.
 */

const sqrtPi = Math.sqrt(Math.PI);

/**
 * Complementary error function erfc(z) = (2/√π) ∫_z^∞ e^(−t²) dt.
 *
 * For |z| < 2 it sums the everywhere-positive series
 * erf(z) = (2/√π) e^(−z²) Σ_{n≥0} 2^n z^(2n+1) / (1·3·…·(2n+1))
 * (Abramowitz & Stegun 7.1.6); for z ≥ 2 it evaluates the Laplace continued
 * fraction erfc(z) = (e^(−z²)/√π) · 1/(z + ½/(z + 1/(z + (3/2)/(z + …))))
 * (A&S 7.1.14) backwards over 80 terms. Relative error below 1e-13 everywhere.
 */
export function erfc(z: number): number {
  if (Number.isNaN(z)) return Number.NaN;
  if (z < 0) return 2 - erfc(-z);
  if (z >= 2) {
    if (z > 27) return 0;
    let fraction = z;
    for (let term = 80; term >= 1; term -= 1) fraction = z + term / 2 / fraction;
    return Math.exp(-z * z) / sqrtPi / fraction;
  }
  const square = z * z;
  let term = z;
  let sum = z;
  for (let index = 1; index < 200 && term > 1e-17 * sum; index += 1) {
    term *= (2 * square) / (2 * index + 1);
    sum += term;
  }
  return 1 - (2 / sqrtPi) * Math.exp(-square) * sum;
}

/**
 * Standard normal CDF Φ(x) = ½ · erfc(−x/√2), computed from the tail that
 * keeps relative accuracy (so Φ(−10) ≈ 7.62e-24 is accurate to ~1e-14 relative).
 */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  return x < 0 ? 0.5 * erfc(-x / Math.SQRT2) : 1 - 0.5 * erfc(x / Math.SQRT2);
}

const centralNumerator = [
  3.387132872796366608, 133.14166789178437745, 1971.5909503065514427, 13731.693765509461125, 45921.953931549871457,
  67265.770927008700853, 33430.575583588128105, 2509.0809287301226727,
];
const centralDenominator = [
  1, 42.313330701600911252, 687.1870074920579083, 5394.1960214247511077, 21213.794301586595867, 39307.89580009271061,
  28729.085735721942674, 5226.495278852854561,
];
const middleNumerator = [
  1.42343711074968357734, 4.6303378461565452959, 5.7694972214606914055, 3.64784832476320460504, 1.27045825245236838258,
  0.24178072517745061177, 0.0227238449892691845833, 7.7454501427834140764e-4,
];
const middleDenominator = [
  1, 2.05319162663775882187, 1.6763848301838038494, 0.68976733498510000455, 0.14810397642748007459,
  0.0151986665636164571966, 5.475938084995344946e-4, 1.05075007164441684324e-9,
];
const tailNumerator = [
  6.6579046435011037772, 5.4637849111641143699, 1.7848265399172913358, 0.29656057182850489123, 0.026532189526576123093,
  0.0012426609473880784386, 2.71155556874348757815e-5, 2.01033439929228813265e-7,
];
const tailDenominator = [
  1, 0.59983220655588793769, 0.13692988092273580531, 0.0148753612908506148525, 7.868691311456132591e-4,
  1.8463183175100546818e-5, 1.4215117583164458887e-7, 2.04426310338993978564e-15,
];

function polynomial(coefficients: number[], x: number): number {
  let value = 0;
  for (let index = coefficients.length - 1; index >= 0; index -= 1) value = value * x + coefficients[index];
  return value;
}

/**
 * Standard normal quantile Φ⁻¹(p): the x with Φ(x) = p.
 *
 * Wichura's algorithm AS 241 (PPND16), Applied Statistics 37(3):477–484,
 * 1988: rational minimax approximations in three regions (|p − ½| ≤ 0.425,
 * then r = √(−ln min(p, 1−p)) ≤ 5, then beyond), relative error about 1e-16.
 * Returns ±Infinity at p = 0 and 1; throws for p outside [0, 1].
 * Example: normalQuantile(0.975) = 1.959963984540054.
 */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`normalQuantile needs p in [0, 1], got ${p}`);
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  const offset = p - 0.5;
  if (Math.abs(offset) <= 0.425) {
    const r = 0.180625 - offset * offset;
    return (offset * polynomial(centralNumerator, r)) / polynomial(centralDenominator, r);
  }
  let r = Math.sqrt(-Math.log(offset < 0 ? p : 1 - p));
  let value: number;
  if (r <= 5) {
    r -= 1.6;
    value = polynomial(middleNumerator, r) / polynomial(middleDenominator, r);
  } else {
    r -= 5;
    value = polynomial(tailNumerator, r) / polynomial(tailDenominator, r);
  }
  return offset < 0 ? -value : value;
}
