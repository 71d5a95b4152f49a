/** The minus sign used in every report (U+2212), not a hyphen. */
export const MINUS = '\u2212';

/** A fraction as signed percentage points with one decimal: 0.041 → `+4.1`, −0.008 → `−0.8`, 0 → `0.0`. */
export function formatSignedPoints(fraction: number): string {
  const points = Math.round(fraction * 1000) / 10;
  if (points === 0) return '0.0';
  return `${points < 0 ? MINUS : '+'}${Math.abs(points).toFixed(1)}`;
}

/** A fraction as unsigned percentage points with one decimal: 0.052 → `5.2`. */
export function formatPoints(fraction: number): string {
  return (Math.round(Math.abs(fraction) * 1000) / 10).toFixed(1);
}

/** A fraction as a percentage: 0.83 → `83.0%`; `-` for null. */
export function formatPercent(fraction: number | null): string {
  return fraction === null ? '-' : `${(fraction * 100).toFixed(1)}%`;
}

/** A p-value as `p = 0.11` (two significant digits) or `p < 0.001`. */
export function formatPValue(pValue: number): string {
  if (pValue < 0.001) return 'p < 0.001';
  return `p = ${String(Number(pValue.toPrecision(2)))}`;
}

/** A score with its interval: `83.0% [79.1, 86.4]`; `-` when there is none. */
export function formatScoreInterval(score: { mean: number; low: number; high: number } | null): string {
  if (score === null) return '-';
  return `${formatPercent(score.mean)} [${(score.low * 100).toFixed(1)}, ${(score.high * 100).toFixed(1)}]`;
}

/** Milliseconds rounded to whole numbers; `-` for null. */
export function formatMs(value: number | null): string {
  return value === null ? '-' : String(Math.round(value));
}

/** A signed whole number with the report's minus sign; `-` for null. */
export function formatSignedCount(value: number | null): string {
  if (value === null) return '-';
  const rounded = Math.round(value);
  if (rounded === 0) return '0';
  return `${rounded < 0 ? MINUS : '+'}${Math.abs(rounded)}`;
}

/** US dollars with four decimals, signed when `signed`; `-` for null. */
export function formatUsd(value: number | null, signed = false): string {
  if (value === null) return '-';
  const text = `$${Math.abs(value).toFixed(4)}`;
  if (!signed) return value < 0 ? `${MINUS}${text}` : text;
  if (Math.abs(value) < 0.00005) return text;
  return `${value < 0 ? MINUS : '+'}${text}`;
}

/** A count or `-` for null. */
export function formatCount(value: number | null): string {
  return value === null ? '-' : String(value);
}
