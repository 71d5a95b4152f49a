import { basename } from 'node:path';
import { RESULT_SCHEMA_VERSION, type ResultRecord } from '../results/result-record.js';
import type { Job } from './job.js';

/** The fields of a result line that say which row, model and repeat it is: the same for every kind of job. */
export type RecordIdentity = Pick<
  ResultRecord,
  'v' | 'key' | 'item' | 'id' | 'dataset' | 'model' | 'model_id' | 'format' | 'repeat' | 'input' | 'expected'
>;

/** The identity fields of a job's result line. */
export function recordIdentity(job: Job): RecordIdentity {
  const { sample, target } = job;
  return {
    v: RESULT_SCHEMA_VERSION,
    key: job.key,
    item: sample.itemKey,
    id: sample.id,
    dataset: basename(sample.source.file),
    model: target.name,
    model_id: target.modelId,
    format: target.format,
    repeat: job.repeat,
    input: sample.input,
    expected: sample.expected ?? null,
  };
}

/** Rounds to one decimal place (milliseconds, tokens per second). */
export function roundTenth(value: number): number {
  return Math.round(value * 10) / 10;
}
