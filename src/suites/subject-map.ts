import { type SuiteFileRef, readStructuredFile, suiteFileError } from './suite-files.js';
import { issueLines, subjectMapSchema } from './suite-schema.js';

/** A validated subject map: each subject's category and display name. */
export interface SubjectMap {
  file: SuiteFileRef;
  /** Category names in the order the map lists them (then any others in order of first use). */
  categories: string[];
  subjects: Map<string, { category: string; name: string | null }>;
}

/** True when a parsed YAML value is a helper file (`kind: subject-map`) rather than a suite. */
export function isSubjectMapValue(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'subject-map';
}

/**
 * Reads and checks a subject map file: `kind: subject-map`, an optional `categories` list, and
 * `subjects: { <subject>: { category, name? } }`. When `categories` is given, every subject's
 * category must be one of them.
 */
export function loadSubjectMap(file: SuiteFileRef): SubjectMap {
  const value = readStructuredFile(file, 'subject map');
  const parsed = subjectMapSchema.safeParse(value);
  if (!parsed.success) throw suiteFileError(file, issueLines(parsed.error));
  const listed = parsed.data.categories ?? null;
  const categories = [...(listed ?? [])];
  const problems: string[] = [];
  const subjects = new Map<string, { category: string; name: string | null }>();
  for (const [subject, entry] of Object.entries(parsed.data.subjects)) {
    if (listed !== null && !listed.includes(entry.category)) {
      problems.push(
        `subjects.${subject}.category: '${entry.category}' is not in categories (${listed.join(', ')}); add it there or fix the name.`,
      );
    }
    if (!categories.includes(entry.category)) categories.push(entry.category);
    subjects.set(subject, { category: entry.category, name: entry.name ?? null });
  }
  if (subjects.size === 0) problems.push('subjects: the map lists no subjects.');
  if (problems.length > 0) throw suiteFileError(file, problems);
  return { file, categories, subjects };
}
