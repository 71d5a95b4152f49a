/**
 * Lanczos coefficients for g = 7, n = 9 (Lanczos, "A precision approximation
 * of the gamma function", SIAM J. Numer. Anal. Ser. B 1:86–96, 1964; the set
 * tabulated by Godfrey and given in the Wikipedia article "Lanczos
 * approximation"), relative error about 1e-15.
 */
const lanczosCoefficients = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
const lanczosG = 7;
const halfLogTwoPi = 0.5 * Math.log(2 * Math.PI);

/**
 * Natural logarithm of the gamma function, ln Γ(x), for x > 0.
 *
 * Lanczos: Γ(z + 1) = √(2π) (z + g + ½)^(z + ½) e^(−(z + g + ½)) A_g(z) with
 * A_g(z) = c₀ + Σ_{i=1}^{8} c_i / (z + i); for x < ½ the reflection formula
 * ln Γ(x) = ln(π / sin(πx)) − ln Γ(1 − x) keeps the series in its good range.
 * Example: logGamma(0.5) = ln √π = 0.5723649429247001.
 */
export function logGamma(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) throw new RangeError(`logGamma needs a finite x > 0, got ${x}`);
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let series = lanczosCoefficients[0];
  for (let index = 1; index < lanczosCoefficients.length; index += 1) {
    series += lanczosCoefficients[index] / (z + index);
  }
  const shifted = z + lanczosG + 0.5;
  return halfLogTwoPi + (z + 0.5) * Math.log(shifted) - shifted + Math.log(series);
}
