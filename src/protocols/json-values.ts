/** True for a plain JSON object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A string field's value, or null when it is absent or not a string. */
export function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/** A token count: a finite number of at least 0, else null. */
export function count(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : null;
}

/** A count above 0, else null (gateways fill counts they do not know with 0). */
export function positive(value: unknown): number | null {
  const parsed = count(value);
  return parsed !== null && parsed > 0 ? parsed : null;
}

/**
 * The first positive count among candidate fields, else 0 when any reported 0, else null:
 * the gateway fills fields it does not know with 0, which must not hide a real value in a sibling field.
 */
export function preferPositive(candidates: unknown[]): number | null {
  const counts = candidates.map(count).filter((value): value is number => value !== null);
  return counts.find((value) => value > 0) ?? (counts.length > 0 ? 0 : null);
}

/** `usage[key][field]`, or undefined when `usage[key]` is not an object. */
export function nested(usage: Record<string, unknown>, key: string, field: string): unknown {
  const details = usage[key];
  return isRecord(details) ? details[field] : undefined;
}
