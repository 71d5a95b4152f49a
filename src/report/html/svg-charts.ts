import type { Interval } from '../../stats/index.js';
import { escapeHtml } from './escape.js';
import { formatMs, formatPercent } from './format-numbers.js';

/**
 * A horizontal 0–100% bar: the interval as a band, the estimate as a dot.
 * Only presentation attributes and classes are used (no style attributes), so
 * the strict CSP needs no 'unsafe-inline'.
 */
export function intervalBarSvg(options: { interval: Interval | null; width?: number; label: string }): string {
  const { interval, width = 240, label } = options;
  const height = 22;
  const pad = 6;
  const scale = (share: number): number => pad + share * (width - 2 * pad);
  const ticks = [0, 0.25, 0.5, 0.75, 1]
    .map((share) => `<line class="tick" x1="${scale(share)}" x2="${scale(share)}" y1="4" y2="${height - 4}"/>`)
    .join('');
  const title = interval
    ? `${label}: ${formatPercent(interval.estimate)} (95% interval ${formatPercent(interval.low)} to ${formatPercent(interval.high)})`
    : `${label}: nothing scored`;
  const band = interval
    ? `<rect class="band" x="${scale(interval.low)}" y="7" width="${Math.max(1, scale(interval.high) - scale(interval.low))}" height="8" rx="2"/>` +
      `<circle class="dot" cx="${scale(interval.estimate)}" cy="11" r="4"/>`
    : '';
  return (
    `<svg class="interval" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeHtml(title)}">` +
    `<title>${escapeHtml(title)}</title><line class="track" x1="${pad}" x2="${width - pad}" y1="11" y2="11"/>${ticks}${band}</svg>`
  );
}

/** Bin counts over [0, max]; values above `max` land in the last bin. */
export function histogramBins(options: { values: ArrayLike<number>; max: number; bins: number }): number[] {
  const { values } = options;
  const counts = new Array<number>(options.bins).fill(0);
  const width = options.max > 0 ? options.max / options.bins : 1;
  for (let index = 0; index < values.length; index += 1) {
    counts[Math.min(options.bins - 1, Math.max(0, Math.floor(values[index] / width)))] += 1;
  }
  return counts;
}

/** A round axis maximum at or above `value`: 1, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power of ten. */
export function niceCeiling(value: number): number {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8]) if (step * power >= value) return step * power;
  return 10 * power;
}

/** A small histogram of millisecond values over a shared [0, max] axis, with the last bin open-ended. */
export function histogramSvg(options: {
  values: ArrayLike<number>;
  max: number;
  bins?: number;
  label: string;
}): string {
  const { values, max, bins = 24, label } = options;
  const width = 240;
  const height = 56;
  const plotHeight = 40;
  const counts = histogramBins({ values, max, bins });
  const tallest = Math.max(1, ...counts);
  const barWidth = width / bins;
  const bars = counts
    .map((count, index) => {
      if (count === 0) return '';
      const barHeight = Math.max(1, (count / tallest) * plotHeight);
      const from = formatMs((index * max) / bins);
      const to = index === bins - 1 ? '\u221e' : formatMs(((index + 1) * max) / bins);
      return (
        `<rect class="bar" x="${(index * barWidth + 0.5).toFixed(1)}" y="${(plotHeight - barHeight).toFixed(1)}" ` +
        `width="${(barWidth - 1).toFixed(1)}" height="${barHeight.toFixed(1)}"><title>${from}\u2013${to} ms: ${count}</title></rect>`
      );
    })
    .join('');
  const title = `${label}: ${values.length} values, axis 0 to ${formatMs(max)} ms (last bin includes everything above)`;
  return (
    `<svg class="histogram" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeHtml(title)}">` +
    `<title>${escapeHtml(title)}</title>${bars}<line class="axis" x1="0" x2="${width}" y1="${plotHeight + 0.5}" y2="${plotHeight + 0.5}"/>` +
    `<text class="axis-label" x="0" y="${height - 2}">0</text>` +
    `<text class="axis-label" x="${width}" y="${height - 2}" text-anchor="end">${formatMs(max)} ms+</text></svg>`
  );
}
