import { createReadStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { ScoreLine } from './types.js';

/** File name of the scores file inside a run folder. */
export const SCORES_FILE = 'scores.jsonl';

/** Whether a run folder has a `scores.jsonl`. */
export function hasScores(runDir: string): boolean {
  return existsSync(join(runDir, SCORES_FILE));
}

/** A parsed line with what every reader relies on: a result key and a scores array. */
function isScoreLine(value: unknown): value is ScoreLine {
  return (
    typeof value === 'object' &&
    value !== null &&
    'key' in value &&
    typeof value.key === 'string' &&
    'scores' in value &&
    Array.isArray(value.scores)
  );
}

/**
 * Streams the lines of a run's `scores.jsonl` in file order (nothing when the
 * run was not scored). Lines that are not JSON, or lack a key or a scores
 * array, are skipped: the file is written whole and renamed into place, so
 * such a line is someone's edit and scores nothing.
 */
export async function* streamScores(runDir: string): AsyncGenerator<ScoreLine> {
  const path = join(runDir, SCORES_FILE);
  if (!existsSync(path)) return;
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  for await (const text of lines) {
    if (text.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      continue;
    }
    if (isScoreLine(value)) yield value;
  }
}

/**
 * A run's scores by result key (a later line for a key replaces an earlier
 * one), or null when the run has no `scores.jsonl`. Each line is kept as
 * `keep` makes it: whole by default (about 1 KB a row, which suits reports),
 * or reduced to what a caller needs, so a large run's map stays small.
 */
export async function readScores(runDir: string): Promise<Map<string, ScoreLine> | null>;
export async function readScores<T>(runDir: string, keep: (line: ScoreLine) => T): Promise<Map<string, T> | null>;
export async function readScores<T>(
  runDir: string,
  keep?: (line: ScoreLine) => T,
): Promise<Map<string, T | ScoreLine> | null> {
  if (!hasScores(runDir)) return null;
  const scores = new Map<string, T | ScoreLine>();
  for await (const line of streamScores(runDir)) scores.set(line.key, keep ? keep(line) : line);
  return scores;
}
