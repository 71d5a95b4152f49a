const NUMBER = /-?\d[\d,]*(?:\.\d+)?/g;

/**
 * The final number in a text: after the last `####` when there is one
 * (GSM8K style), else the last number written; thousands separators and
 * currency or unit words around it are ignored. Null when there is none.
 */
export function extractFinalNumber(text: string): number | null {
  const normalized = text.normalize('NFKC');
  const marker = normalized.lastIndexOf('####');
  const tail = marker >= 0 ? normalized.slice(marker + 4) : normalized;
  const matches = tail.match(NUMBER) ?? (marker >= 0 ? normalized.match(NUMBER) : null);
  if (!matches || matches.length === 0) return null;
  const picked = marker >= 0 ? matches[0] : matches[matches.length - 1];
  const value = Number(picked.replace(/,/g, ''));
  return Number.isFinite(value) ? value : null;
}

/** 1 when both texts end in the same number (within `tolerance`, relative for large values), else 0. */
export function numericMatch(options: { answer: string; expected: string; tolerance?: number }): number {
  const answer = extractFinalNumber(options.answer);
  const expected = extractFinalNumber(options.expected);
  if (answer === null || expected === null) return 0;
  const tolerance = options.tolerance ?? 1e-6;
  return Math.abs(answer - expected) <= tolerance * Math.max(1, Math.abs(expected)) ? 1 : 0;
}
