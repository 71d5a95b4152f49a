import { ConfigError } from '../errors.js';
import { checkColumns, readFileRows, type RowCache, templateColumns } from './read-rows.js';
import type { SubjectRows, SuiteDefinition } from './suite-types.js';

/** One materialized item: the keys of a suite JSONL line, in this order. */
export interface SuiteItem {
  id: string;
  prompt: string;
  expected: string;
  scorer: string;
  subject: string;
  category: string | null;
  suite: string;
  /**
   * The item's cluster for clustered standard errors: its value of the suite's `clusterBy`
   * column in a part of several subjects; the item's own id in a part of one subject (or in a
   * suite without `clusterBy`), where one cluster would lump every item together.
   */
  cluster: string;
}

/**
 * The text every prompt of a subject starts with: the preamble, then `shots` exemplars (each its
 * question and answer), each block followed by the separator. A shot count above the exemplars on
 * hand is a ConfigError naming --shots, or the suite key when the count is the suite's default.
 */
async function subjectPrefix(options: {
  entry: SubjectRows;
  shots: number | undefined;
  cache: RowCache;
}): Promise<string> {
  const { part, source } = options.entry;
  const { preamble, question, answer, separator } = part.template;
  const blocks: string[] = [];
  if (preamble !== null) {
    const text = preamble.render({
      subject: source.subject,
      subject_name: source.displayName,
      category: source.category ?? '',
    });
    if (text !== '') blocks.push(text);
  }
  const shots = part.hasFewShot ? (options.shots ?? part.defaultShots) : 0;
  if (shots > 0 && source.fewShotFile !== null && answer !== null) {
    const exemplars = await readFileRows({
      file: source.fewShotFile,
      format: part.format,
      cwd: part.cwd,
      cache: options.cache,
    });
    checkColumns({ part, data: exemplars, needed: templateColumns(part, true) });
    if (exemplars.rows.length < shots) {
      const asked =
        options.shots === undefined
          ? `${part.where.key}.fewShot.shots: ${shots} in ${part.where.file.shown}`
          : `--shots ${shots}`;
      throw new ConfigError(
        `${asked}: subject '${source.subject}' has only ${exemplars.rows.length} exemplar${exemplars.rows.length === 1 ? '' : 's'} (${exemplars.shown}); ask for ${exemplars.rows.length} or fewer.`,
      );
    }
    for (const row of exemplars.rows.slice(0, shots))
      blocks.push(question.render(row.fields) + answer.render(row.fields));
  }
  return blocks.map((block) => block + separator).join('');
}

/** The shot count the items were made with: the largest over the parts that have exemplars (0 if none). */
export function shotsUsed(subjects: SubjectRows[], shots: number | undefined): number {
  let used = 0;
  for (const { part } of subjects) if (part.hasFewShot) used = Math.max(used, shots ?? part.defaultShots);
  return used;
}

/**
 * Checks a --shots value against the subjects kept: a whole number of at least 0, and above 0 only
 * when some part has few-shot exemplars. (Parts without exemplars stay zero-shot.)
 */
export function checkShots(shots: number | undefined, subjects: SubjectRows[], suite: SuiteDefinition): void {
  if (shots === undefined) return;
  if (!Number.isInteger(shots) || shots < 0)
    throw new ConfigError(`--shots must be a whole number of at least 0, got ${String(shots)}.`);
  if (shots > 0 && !subjects.some(({ part }) => part.hasFewShot))
    throw new ConfigError(
      `--shots ${shots}: suite ${suite.name} has no few-shot exemplars for the subjects asked for (it is zero-shot); leave --shots out or give 0.`,
    );
}

/** A subject's value of the cluster column (`subject`, `category` or `suite`). */
function clusterValue(column: string, source: SubjectRows['source'], suite: string): string {
  if (column === 'category') return source.category ?? source.subject;
  if (column === 'suite') return suite;
  return source.subject;
}

/** Every item of the kept subjects, in suite order, with its complete prompt. */
export async function* renderItems(options: {
  suite: SuiteDefinition;
  subjects: SubjectRows[];
  shots: number | undefined;
  cache: RowCache;
}): AsyncGenerator<SuiteItem> {
  const prefixes: string[] = [];
  // Every prefix first: a --shots problem is found before anything is written.
  for (const entry of options.subjects)
    prefixes.push(await subjectPrefix({ entry, shots: options.shots, cache: options.cache }));
  const clusterBy = options.suite.clusterBy;
  for (const [index, { part, source, rows }] of options.subjects.entries()) {
    const shared = clusterBy === null || part.singleFile ? null : clusterValue(clusterBy, source, options.suite.name);
    for (const row of rows) {
      yield {
        id: row.id,
        prompt: prefixes[index] + part.template.question.render(row.fields),
        expected: row.expected,
        scorer: part.scorer,
        subject: source.subject,
        category: source.category,
        suite: options.suite.name,
        cluster: shared ?? row.id,
      };
    }
  }
}
