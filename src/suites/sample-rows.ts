import { hash } from 'node:crypto';
import { readSubjectRows, type RowCache } from './read-rows.js';
import type { SampleValue } from './suite-schema.js';
import type { SubjectRows, SubjectSource, SuiteDefinition, SuiteRow } from './suite-types.js';

/** The sort key of an item in a seeded sample: hex sha256 of `<seed>:<item id>`. */
export function sampleKey(seed: string, id: string): string {
  return hash('sha256', `${seed}:${id}`);
}

/**
 * A fixed sample of `rows`: order them by `sampleKey(seed, id)` (ties by id), keep the first `size`,
 * and return those in their original order. Fewer rows than `size`: all of them.
 * Adding or removing other rows never changes whether a row's rank is below another's.
 */
export function chooseSample<Row extends { id: string }>(rows: Row[], sample: { size: number; seed: string }): Row[] {
  if (rows.length <= sample.size) return rows;
  const ranked = rows.map((row, index) => ({ index, id: row.id, key: sampleKey(sample.seed, row.id) }));
  ranked.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const kept = ranked
    .slice(0, sample.size)
    .map((entry) => entry.index)
    .sort((a, b) => a - b);
  return kept.map((index) => rows[index]);
}

function applySample(subjects: SubjectRows[], sample: SampleValue | null): SubjectRows[] {
  if (sample === null) return subjects;
  if (sample.per === 'subject') return subjects.map((entry) => ({ ...entry, rows: chooseSample(entry.rows, sample) }));
  const all: Array<SuiteRow & { subject: number }> = [];
  subjects.forEach((entry, subject) => {
    for (const row of entry.rows) all.push({ ...row, subject });
  });
  const chosen = new Set(chooseSample(all, sample).map((row) => row.id));
  return subjects.map((entry) => ({ ...entry, rows: entry.rows.filter((row) => chosen.has(row.id)) }));
}

/**
 * Every subject of every part with its rows read, checked and sampled, in suite order
 * (parts as listed, a folder's subjects by file name, rows in file order).
 * `subjects`, when given, limits the reading to those subjects.
 */
export async function collectSuiteRows(options: {
  suite: SuiteDefinition;
  cache: RowCache;
  subjects?: ReadonlySet<string>;
}): Promise<SubjectRows[]> {
  const { suite, cache } = options;
  const result: SubjectRows[] = [];
  for (const part of suite.parts) {
    // Files are read side by side, but a problem is reported for the first subject in order, so it is always the same one.
    // A sample over the whole part needs every subject's rows; otherwise only the subjects kept are read.
    const kept = (source: SubjectSource): boolean => options.subjects?.has(source.subject) ?? true;
    const sources = part.sample?.per === 'part' ? part.subjects : part.subjects.filter(kept);
    const settled = await Promise.allSettled(sources.map((source) => readSubjectRows({ part, source, cache })));
    const read = settled.map((outcome, index) => {
      if (outcome.status === 'rejected') throw outcome.reason;
      return { part, source: sources[index], rows: outcome.value };
    });
    result.push(...applySample(read, part.sample).filter((entry) => kept(entry.source)));
  }
  return result;
}
