import { compactText } from './normalize.js';

/** Where in a text the final number was found, strongest first. */
export type NumberSource = 'boxed' | 'marker' | 'answer-phrase' | 'last';

/** A number read from free text, with the text it was read from. */
export interface ExtractedNumber {
  value: number;
  /** The matched characters, e.g. `1,234.5` or `3/4`. */
  text: string;
  source: NumberSource;
}

// Sign only when the minus does not follow a word or digit (so `16-3` is a subtraction);
// thousands groups of exactly three digits; an optional `/denominator` for fractions.
const NUMBER =
  /(?:(?<![\w)\]])(-))?(?<![\w./])(\d{1,3}(?:,\d{3})+(?!\d)(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)(?:\s*\/\s*(\d+)(?!\d|\.\d|\/))?/g;
const ANSWER_PHRASE =
  /(?:final\s+answer|answer|答案|结果)\s*(?:(?:is|would\s+be|will\s+be|should\s+be|应该是|应为|應為|是|为)\s*[:=]?|[:=])\s*/giu;
const LEADING_DECORATION = /^[\s*_`$€£¥(\\[{]*/u;

/**
 * Folds the many ways a number is written into plain text: NFKC (full-width
 * digits), compacted white space and symbol runs, the Unicode minus, LaTeX fractions, `\$`, `\%`, `{,}` and thin
 * spaces, and GSM8K calculator annotations `<<2*3=6>>`.
 */
export function prepareNumberText(text: string): string {
  return compactText(text.normalize('NFKC'))
    .replace(/<<[^<>\n]*>>/g, '')
    .replace(/\u2212/g, '-')
    .replace(/\\[dt]?frac\s*\{\s*(-?[\d.,]+)\s*\}\s*\{\s*([\d.,]+)\s*\}/g, '$1/$2')
    .replace(/\{,\}/g, ',')
    .replace(/(\d)\\[,!;: ](?=\d)/g, '$1')
    .replace(/\\([$%])/g, '$1');
}

function toValue(match: RegExpExecArray): number | null {
  const sign = match[1] === '-' ? -1 : 1;
  const numerator = Number(match[2].replace(/,/g, ''));
  const denominator = match[3] === undefined ? 1 : Number(match[3]);
  if (denominator === 0) return null;
  const value = (sign * numerator) / denominator;
  return Number.isFinite(value) ? value : null;
}

function numbersIn(text: string): Array<{ value: number; text: string; index: number }> {
  const found: Array<{ value: number; text: string; index: number }> = [];
  for (const match of text.matchAll(NUMBER)) {
    const value = toValue(match as RegExpExecArray);
    if (value !== null) found.push({ value, text: match[0], index: match.index ?? 0 });
  }
  return found;
}

/** The contents of the last `\boxed{...}`, braces balanced; null when there is none. */
function lastBoxed(text: string): string | null {
  const start = text.lastIndexOf('\\boxed');
  if (start < 0) return null;
  const open = text.indexOf('{', start);
  if (open < 0) return null;
  let depth = 0;
  for (let index = open; index < text.length; index += 1) {
    if (text[index] === '{') depth += 1;
    else if (text[index] === '}') {
      depth -= 1;
      if (depth === 0) return text.slice(open + 1, index);
    }
  }
  return null;
}

/** The number right after the last "answer is" / "答案：" phrase, unless it starts a calculation. */
function afterAnswerPhrase(text: string): { value: number; text: string } | null {
  let lastEnd = -1;
  for (const match of text.matchAll(ANSWER_PHRASE)) lastEnd = (match.index ?? 0) + match[0].length;
  if (lastEnd < 0) return null;
  const line = text.slice(lastEnd).split('\n')[0];
  const rest = line.replace(LEADING_DECORATION, '');
  const first = numbersIn(rest)[0];
  if (first?.index !== 0) return null;
  if (/^\s*[-+*/×÷=^]\s*[\d(]/u.test(rest.slice(first.text.length))) return null;
  return first;
}

/**
 * Finds the final answer number of a free-text answer, in this order: the last
 * `\boxed{}` (LaTeX), the number after the last `####` (GSM8K), a number
 * straight after the last "the answer is" / "答案是" phrase, else the last
 * number written. Handles thousands commas, currency and units around the
 * number, negative and decimal numbers, and simple fractions (`3/4`,
 * `\frac{3}{4}`). Null when the text holds no number.
 */
export function findFinalNumber(text: string): ExtractedNumber | null {
  const prepared = prepareNumberText(text);
  const boxed = lastBoxed(prepared);
  if (boxed !== null) {
    const inside = numbersIn(boxed);
    if (inside.length > 0) return { ...pick(inside[inside.length - 1]), source: 'boxed' };
  }
  const marker = prepared.lastIndexOf('####');
  if (marker >= 0) {
    const first = numbersIn(prepared.slice(marker + 4))[0];
    if (first) return { ...pick(first), source: 'marker' };
  }
  const phrase = afterAnswerPhrase(prepared);
  if (phrase) return { ...pick(phrase), source: 'answer-phrase' };
  const all = numbersIn(prepared);
  return all.length > 0 ? { ...pick(all[all.length - 1]), source: 'last' } : null;
}

function pick(found: { value: number; text: string }): { value: number; text: string } {
  return { value: found.value, text: found.text };
}

/** The final number of a text (see `findFinalNumber`), or null. */
export function extractFinalNumber(text: string): number | null {
  return findFinalNumber(text)?.value ?? null;
}

/** Relative slack always allowed, so floating-point noise (`0.1 + 0.2`) never decides a score. */
export const FLOAT_NOISE = 1e-9;

/** How far an answer may be from the expected number: absolute, or relative to the expected value. */
export interface NumericTolerance {
  amount: number;
  relative: boolean;
}

/**
 * True when two numbers agree: within floating-point noise, or within
 * `tolerance` (absolute, e.g. 0.01, or relative, e.g. 1% of the expected value).
 */
export function numbersAgree(options: {
  answer: number;
  expected: number;
  tolerance?: number | NumericTolerance;
}): boolean {
  const { answer, expected } = options;
  const difference = Math.abs(answer - expected);
  if (difference <= FLOAT_NOISE * Math.max(1, Math.abs(expected))) return true;
  const tolerance =
    typeof options.tolerance === 'number' ? { amount: options.tolerance, relative: false } : options.tolerance;
  if (!tolerance) return false;
  return difference <= (tolerance.relative ? tolerance.amount * Math.abs(expected) : tolerance.amount);
}

/** 1 when both texts end in the same number (within an absolute `tolerance` when given), else 0. */
export function numericMatch(options: { answer: string; expected: string; tolerance?: number }): number {
  const answer = extractFinalNumber(options.answer);
  const expected = extractFinalNumber(options.expected);
  if (answer === null || expected === null) return 0;
  return numbersAgree({ answer, expected, tolerance: options.tolerance }) ? 1 : 0;
}
