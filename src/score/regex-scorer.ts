import { ConfigError } from '../errors.js';
import { answerOf, makeScore, quote } from './make-score.js';
import type { Scorer } from './types.js';

/**
 * Compiles a `regex:` pattern: plain (`^\d+$`) or with flags (`/^yes$/i`).
 * The `g` and `y` flags are dropped (they make matching stateful).
 * An invalid pattern is a ConfigError naming where it came from.
 */
export function compileScorerPattern(options: { pattern: string; source?: string }): RegExp {
  const source = options.source ?? '--scorer';
  const literal = /^\/([\s\S]+)\/([a-z]*)$/.exec(options.pattern);
  const body = literal ? literal[1] : options.pattern;
  const flags = literal ? literal[2].replace(/[gy]/g, '') : '';
  try {
    return new RegExp(body, flags);
  } catch (error) {
    throw new ConfigError(
      `${source} regex:${options.pattern} is not a valid regular expression: ${(error as Error).message}`,
    );
  }
}

/** 1 when the answer (as written) matches the pattern; the detail shows what matched. */
export function createRegexScorer(options: { pattern: string; source?: string }): Scorer {
  const regex = compileScorerPattern(options);
  return ({ record }) => {
    const match = regex.exec(answerOf(record));
    const detail = match ? `matched ${quote(match[0])} with ${regex}` : `no match for ${regex}`;
    return makeScore({ name: 'regex', value: match ? 1 : 0, detail });
  };
}
