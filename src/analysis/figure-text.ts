/**
 * The number formats of the sentences the analysis model writes itself (verdict
 * lines, gate reasons). The renderers use the same ones through `report/format.ts`.
 */

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

/** A correlation with two decimals and a true minus sign: 0.456 → `0.46`, −0.004 → `0.00`. */
export function formatCorrelation(r: number): string {
  const rounded = Math.round(r * 100) / 100;
  return rounded < 0 ? `${MINUS}${Math.abs(rounded).toFixed(2)}` : Math.abs(rounded).toFixed(2);
}

/** A p-value as `p = 0.11` (two significant digits) or `p < 0.001`. */
export function formatPValue(pValue: number): string {
  if (pValue < 0.001) return 'p < 0.001';
  return `p = ${String(Number(pValue.toPrecision(2)))}`;
}
