/** An integer with thousands separators; "–" for null. */
export function formatCount(value: number | null): string {
  if (value === null) return '\u2013';
  return Math.round(value)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Milliseconds rounded to whole numbers with separators; "–" for null. */
export function formatMs(value: number | null): string {
  return formatCount(value);
}

/** A share in [0, 1] as a percentage with one decimal; "–" for null. */
export function formatPercent(value: number | null): string {
  return value === null ? '\u2013' : `${(value * 100).toFixed(1)}%`;
}

/** US dollars: two decimals from one dollar up, four below, two significant digits below a cent; "–" for null. */
export function formatUsd(value: number | null): string {
  if (value === null) return '\u2013';
  const size = Math.abs(value);
  if (size >= 1) return `$${value.toFixed(2)}`;
  if (size >= 0.01 || size === 0) return `$${value.toFixed(4)}`;
  return `$${value.toFixed(Math.min(12, 1 - Math.floor(Math.log10(size))))}`;
}
