import { z } from 'zod';

/** A strict object: unknown keys are errors naming the allowed ones; a wrong type says what was expected. */
function strictObject<Shape extends z.ZodRawShape>(shape: Shape, expected: string) {
  const allowed = Object.keys(shape).join(', ');
  return z.strictObject(shape, {
    error: (issue) => {
      if (issue.code === 'unrecognized_keys')
        return `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((key) => `'${key}'`).join(', ')}. Allowed keys here: ${allowed}.`;
      if (issue.code === 'invalid_type') return `expected ${expected}`;
      return undefined;
    },
  });
}

const text = (what: string) =>
  z
    .string({ error: `expected ${what}` })
    .refine((value) => value.trim() !== '', { error: `expected ${what}, not empty` });

/** Names that become ids, file names and subset words: letters, digits, `_`, `-`, `.`, starting with a letter or digit. */
const slug = (what: string) =>
  z.string({ error: `expected ${what}` }).regex(/^[A-Za-z0-9][\w.-]*$/, {
    error: `expected ${what}: letters, digits, '_', '-' or '.', starting with a letter or digit`,
  });

const relativePath = (what: string) => text(`${what} (a path relative to the suite file)`);

const wholeNumber = (minimum: 0 | 1) => {
  const message = minimum === 1 ? 'expected a whole number of at least 1' : 'expected a whole number of at least 0';
  return z.number({ error: message }).int({ error: message }).min(minimum, { error: message });
};

/** The columns a materialized item has; `groupBy` and `clusterBy` name them. */
export const ITEM_GROUP_COLUMNS = ['suite', 'category', 'subject'] as const;

const groupColumn = z.enum(ITEM_GROUP_COLUMNS, { error: `expected one of ${ITEM_GROUP_COLUMNS.join(', ')}` });

/** How the prompt of an item is put together (see `docs/suites.md`). */
export const templateSchema = strictObject(
  {
    preamble: z.string({ error: 'expected a string' }).optional(),
    question: text('the question template, e.g. "{{Question}}"'),
    answer: z.string({ error: 'expected a string' }).optional(),
    separator: z.string({ error: 'expected a string' }).default('\n\n'),
  },
  '{ preamble?, question, answer?, separator? }',
);

/** Few-shot exemplars: a file, or a folder of one file per subject, and how many to show by default. */
export const fewShotSchema = strictObject(
  { source: relativePath('a file or folder of exemplars'), shots: wholeNumber(0) },
  '{ source, shots }',
);

/** Which column holds the answer and how it is cleaned. */
export const expectedSchema = strictObject(
  {
    column: text('the name of the column holding the answer'),
    pattern: text('a regular expression').optional(),
    stripCommas: z.boolean({ error: 'expected true or false' }).default(false),
  },
  '{ column, pattern?, stripCommas? }',
);

/** A fixed, seeded sample of a part's rows. */
export const sampleSchema = strictObject(
  {
    size: wholeNumber(1),
    per: z.enum(['part', 'subject'], { error: 'expected part or subject' }).default('part'),
    seed: z.string({ error: 'expected a string' }).default(''),
  },
  '{ size, per?, seed? }',
);

/** One part of a suite: a data file or folder with everything needed to turn its rows into items. */
export const partSchema = strictObject(
  {
    name: slug('the part name'),
    data: relativePath('a data file or folder'),
    format: z.enum(['csv', 'jsonl'], { error: 'expected csv or jsonl' }),
    subject: slug('a subject name').optional(),
    idColumn: text('a column name').optional(),
    template: templateSchema,
    fewShot: fewShotSchema.optional(),
    expected: expectedSchema,
    scorer: text('a scorer spec such as numeric or choice'),
    category: text('a category name').optional(),
    subjectMap: relativePath('a subject map file').optional(),
    sample: sampleSchema.optional(),
  },
  'a part: { name, data, format, template, expected, scorer, … } or { include, sample? }',
);

/** A part that brings in every part of another suite file, optionally with its own sample. */
export const includePartSchema = strictObject(
  { include: relativePath('a suite file'), sample: sampleSchema.optional() },
  '{ include, sample? }',
);

/** The top level of a suite file. `parts` are checked one by one with `partSchema` or `includePartSchema`. */
export const suiteFileSchema = strictObject(
  {
    name: slug('the suite name'),
    version: text('a version string such as "1" (quote numbers)'),
    description: text('a one-line description'),
    licence: strictObject(
      {
        name: text('the licence name, e.g. MIT'),
        file: relativePath('the licence file').optional(),
        meaning: text('a one-line summary of what the licence asks').optional(),
      },
      '{ name, file?, meaning? }',
    ),
    parts: z.array(z.unknown(), { error: 'expected a list of parts' }).min(1, { error: 'expected at least one part' }),
    groupBy: z.array(groupColumn, { error: `expected a list of ${ITEM_GROUP_COLUMNS.join(', ')}` }).default([]),
    clusterBy: groupColumn.nullable().default(null),
  },
  'an object with name, version, description, licence and parts',
);

/** A helper file mapping subjects to a category and a display name (`kind: subject-map`). */
export const subjectMapSchema = strictObject(
  {
    kind: z.literal('subject-map', { error: 'expected subject-map' }),
    categories: z.array(text('a category name'), { error: 'expected a list of category names' }).optional(),
    subjects: z.record(
      z.string(),
      strictObject(
        { category: text('a category name'), name: text('a display name').optional() },
        '{ category, name? }',
      ),
      { error: 'expected an object: subject → { category, name? }' },
    ),
  },
  'an object with kind: subject-map and subjects',
);

export type SuiteFileValue = z.output<typeof suiteFileSchema>;
export type PartValue = z.output<typeof partSchema>;
export type IncludePartValue = z.output<typeof includePartSchema>;
export type SampleValue = z.output<typeof sampleSchema>;
export type SubjectMapValue = z.output<typeof subjectMapSchema>;

/** `parts[0].template.question`-style text for a zod issue path. */
export function formatKeyPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(top level)';
  return path
    .map((part, index) => {
      if (typeof part === 'number') return `[${part}]`;
      const name = String(part);
      if (/^[\w-]+$/.test(name)) return index === 0 ? name : `.${name}`;
      return `[${JSON.stringify(name)}]`;
    })
    .join('');
}

/** Issues of a failed parse as `key.path: message` lines, under `prefix` (e.g. `['parts', 0]`). */
export function issueLines(error: z.ZodError, prefix: readonly PropertyKey[] = []): string[] {
  return error.issues.map((issue) => `${formatKeyPath([...prefix, ...issue.path])}: ${issue.message}`);
}
