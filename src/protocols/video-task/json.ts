import { count } from '../json-values.js';

export { count, isRecord } from '../json-values.js';

/** A non-empty string, or a finite number as a string; null otherwise. */
export function idText(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/** A non-empty string, or null. */
export function nonEmpty(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/** Epoch seconds or milliseconds (anything above 10^12 is taken as milliseconds) as milliseconds; null otherwise. */
export function epochMs(value: unknown): number | null {
  const seconds = count(value);
  if (seconds === null || seconds === 0) return null;
  return seconds > 1e12 ? seconds : seconds * 1000;
}
