import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { SCORES_FILE, streamScores } from '../score/read-scores.js';
import { rowScoreFromLine, type RowScore } from './row-score.js';

/**
 * A run's `scores.jsonl` reduced to one compact row score per result key (a
 * later line for a key replaces an earlier one), or null when the run was
 * not scored, in which case reports score rows with `autoScore`.
 */
export async function readRowScores(runDir: string): Promise<Map<string, RowScore> | null> {
  if (!existsSync(join(runDir, SCORES_FILE))) return null;
  const scores = new Map<string, RowScore>();
  for await (const line of streamScores(runDir)) {
    if (typeof line.key === 'string' && Array.isArray(line.scores)) scores.set(line.key, rowScoreFromLine(line));
  }
  return scores;
}
