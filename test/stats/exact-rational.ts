/**
 * Exact arithmetic helpers for the statistics tests: reference values are
 * derived with BigInt integers, a method independent of the floating-point
 * code under test.
 */

/** C(n, k) as an exact integer. */
export function binomialCoefficient(n: number, k: number): bigint {
  if (k < 0 || k > n) return 0n;
  const smaller = Math.min(k, n - k);
  let value = 1n;
  for (let index = 0; index < smaller; index += 1) value = (value * BigInt(n - index)) / BigInt(index + 1);
  return value;
}

/** All of C(n, 0), …, C(n, n), by the multiplicative recurrence. */
export function binomialRow(n: number): bigint[] {
  const row = [1n];
  for (let k = 0; k < n; k += 1) row.push((row[k] * BigInt(n - k)) / BigInt(k + 1));
  return row;
}

function bitLength(value: bigint): number {
  return value === 0n ? 0 : value.toString(2).length;
}

/** numerator / denominator rounded to a double (about 1 ulp), for positive integers. */
export function ratioToNumber(numerator: bigint, denominator: bigint): number {
  if (numerator === 0n) return 0;
  const shift = bitLength(denominator) - bitLength(numerator) + 70;
  const quotient =
    shift >= 0 ? (numerator << BigInt(shift)) / denominator : numerator / (denominator << BigInt(-shift));
  let value = Number(quotient);
  let remaining = shift;
  while (remaining > 0) {
    const step = Math.min(remaining, 1000);
    value *= 2 ** -step;
    remaining -= step;
  }
  while (remaining < 0) {
    const step = Math.min(-remaining, 1000);
    value *= 2 ** step;
    remaining += step;
  }
  return value;
}

/** Natural logarithm of a positive BigInt, to double precision. */
export function logOfBigInt(value: bigint): number {
  const excess = Math.max(0, bitLength(value) - 64);
  return Math.log(Number(value >> BigInt(excess))) + excess * Math.LN2;
}

/** n! as an exact integer. */
export function factorial(n: number): bigint {
  let value = 1n;
  for (let index = 2; index <= n; index += 1) value *= BigInt(index);
  return value;
}

/** |actual − expected| / |expected| (absolute difference when expected is 0). */
export function relativeError(actual: number, expected: number): number {
  return expected === 0 ? Math.abs(actual) : Math.abs(actual - expected) / Math.abs(expected);
}
