import { createReadStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { ScoreLine } from './types.js';

/** File name of the scores file inside a run folder. */
export const SCORES_FILE = 'scores.jsonl';

/** Streams the lines of a run's `scores.jsonl` (nothing when the run was not scored); broken lines are skipped. */
export async function* streamScores(runDir: string): AsyncGenerator<ScoreLine> {
  const path = join(runDir, SCORES_FILE);
  if (!existsSync(path)) return;
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  for await (const text of lines) {
    if (text.trim() === '') continue;
    try {
      yield JSON.parse(text) as ScoreLine;
    } catch {
      // scores.jsonl is written whole and renamed into place, so a bad line is someone's edit: skip it.
    }
  }
}

/**
 * Reads a run's scores into a map by result key (the last line of a key wins);
 * empty when the run was not scored. Holds every line in memory (about 1 KB a
 * row), which suits reports; use `streamScores` for very large runs.
 */
export async function readScores(runDir: string): Promise<Map<string, ScoreLine>> {
  const scores = new Map<string, ScoreLine>();
  for await (const line of streamScores(runDir)) scores.set(line.key, line);
  return scores;
}
