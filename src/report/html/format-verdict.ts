import type { PairedComparison } from '../../stats/index.js';

const MINUS = '\u2212';

/** A signed number with fixed decimals and a true minus sign; zero after rounding has no sign. */
export function formatSigned(value: number, decimals = 1): string {
  const text = Math.abs(value).toFixed(decimals);
  if (Number(text) === 0) return text;
  return value < 0 ? `${MINUS}${text}` : `+${text}`;
}

/** A p-value with two significant digits (`= 0.11`, `= 0.0042`), or `< 0.001` at the floor. */
export function formatPValue(pValue: number): string {
  if (pValue < 0.001) return '< 0.001';
  return `= ${String(Number(pValue.toPrecision(2)))}`;
}

/**
 * One verdict line for a paired comparison, e.g.
 * `a − b: +4.1 pp [−0.8, +9.0], McNemar p = 0.11, n = 412: not significant`.
 */
export function formatVerdict(options: { a: string; b: string; comparison: PairedComparison | null }): string {
  const { a, b, comparison } = options;
  const label = `${a} ${MINUS} ${b}`;
  if (!comparison) return `${label}: no shared scored items`;
  const difference = formatSigned(comparison.difference * 100);
  const interval = `[${formatSigned(comparison.interval.low * 100)}, ${formatSigned(comparison.interval.high * 100)}]`;
  const test = comparison.mcnemar ? `McNemar p ${formatPValue(comparison.mcnemar.pValue)}` : 'paired bootstrap';
  const outcome = comparison.significant ? 'significant' : 'not significant';
  return `${label}: ${difference} pp ${interval}, ${test}, n = ${comparison.n}: ${outcome}`;
}
