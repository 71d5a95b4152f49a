import { ConfigError } from '../errors.js';
import { stringifyValue } from './template.js';

/** Compiles `--expected-pattern` once; an invalid regex is a ConfigError naming the flag. */
export function compileExpectedPattern(pattern: string | undefined): RegExp | null {
  if (pattern === undefined) return null;
  try {
    return new RegExp(pattern);
  } catch (error) {
    throw new ConfigError(`--expected-pattern is not a valid regular expression: ${(error as Error).message}`);
  }
}

/** What extraction gave: the answer, no answer (empty cell), or a pattern that did not match. */
export type ExpectedResult = { value: string | undefined } | { noMatch: string };

/**
 * Turns a raw expected cell into the expected answer. With a pattern, its first
 * capture group (or whole match) is kept. Without one, a GSM8K-style final line
 * `#### <answer>` yields the text after the marker. Results are trimmed; an
 * empty cell means "no expected answer".
 */
export function extractExpected(options: { value: unknown; pattern: RegExp | null }): ExpectedResult {
  const text = stringifyValue(options.value);
  if (text.trim() === '') return { value: undefined };
  if (options.pattern) {
    const match = options.pattern.exec(text);
    if (!match) return { noMatch: text };
    return { value: (match[1] ?? match[0]).trim() };
  }
  return { value: (finalAnswerLine(text) ?? text).trim() };
}

const marker = '#### ';

function finalAnswerLine(text: string): string | undefined {
  const start = text.lastIndexOf(marker);
  if (start === -1 || (start > 0 && text[start - 1] !== '\n')) return undefined;
  const end = text.indexOf('\n', start);
  return text.slice(start + marker.length, end === -1 ? undefined : end);
}
