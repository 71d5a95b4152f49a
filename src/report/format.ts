import { formatPercent, MINUS } from '../analysis/figure-text.js';

export { formatPercent, formatPoints, formatPValue, formatSignedPoints, MINUS } from '../analysis/figure-text.js';

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
