import type { ResultRecord } from '../results/result-record.js';
import { ModelData } from './model-data.js';
import { scoreRecord, type RowScores } from './record-score.js';

/**
 * Folds the final record of every key (see `latestRecords`) into one
 * {@link ModelData} per model: the models of `modelOrder` first, in that
 * order, then any other model in first-seen order. Rows are scored from
 * `scores` (`scores.jsonl`) when given, else with `autoScore`.
 */
export async function collectRun(options: {
  records: AsyncIterable<ResultRecord> | Iterable<ResultRecord>;
  modelOrder?: readonly string[];
  scores?: RowScores | null;
  /** False for very large runs: running totals only (no pairs, no repeats). */
  keepItems?: boolean;
}): Promise<Map<string, ModelData>> {
  const models = new Map<string, ModelData>();
  const keepItems = options.keepItems ?? true;
  for (const model of options.modelOrder ?? []) models.set(model, new ModelData(model, { keepItems }));
  const scores = options.scores ?? null;
  for await (const record of options.records) {
    let data = models.get(record.model);
    if (!data) {
      data = new ModelData(record.model, { keepItems });
      models.set(record.model, data);
    }
    data.add(record, scoreRecord(record, scores));
  }
  return models;
}
