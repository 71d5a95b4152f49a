import type { ResultRecord } from '../results/result-record.js';
import { ModelData } from './model-data.js';
import { type RecordScore, type RowScore, scoreRecord } from './record-score.js';

/**
 * Folds the final record of every key (see `latestRecords`) into one
 * {@link ModelData} per model: the models of `modelOrder` first, in that
 * order, then any other model in first-seen order. Each row is scored by
 * `scoreRecord`: from `scores` (`scores.jsonl` by key) when given, else with
 * `autoScore`.
 */
export async function collectRun<S extends RowScore = RowScore>(options: {
  records: AsyncIterable<ResultRecord> | Iterable<ResultRecord>;
  modelOrder?: readonly string[];
  scores?: ReadonlyMap<string, S> | null;
  /** False for very large runs: running totals only (no pairs, no repeats). */
  keepItems?: boolean;
  /** False when no repeat figures will be asked for: normalising every answer is skipped. */
  keepAnswers?: boolean;
  /** Told each record with its score, in order (for views that show every row). */
  onRow?: (record: ResultRecord, score: S | RecordScore) => void;
}): Promise<Map<string, ModelData>> {
  const models = new Map<string, ModelData>();
  const fold = { keepItems: options.keepItems ?? true, keepAnswers: options.keepAnswers ?? true };
  for (const model of options.modelOrder ?? []) models.set(model, new ModelData(model, fold));
  const scores = options.scores ?? null;
  for await (const record of options.records) {
    let data = models.get(record.model);
    if (!data) {
      data = new ModelData(record.model, fold);
      models.set(record.model, data);
    }
    const score = scoreRecord(record, scores);
    data.add(record, score);
    options.onRow?.(record, score);
  }
  return models;
}
