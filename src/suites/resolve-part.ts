import { readdirSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { type CompiledTemplate, compileTemplate } from '../dataset/template.js';
import { fileRef, pathKind, type SuiteFileRef } from './suite-files.js';
import type { PartValue } from './suite-schema.js';
import { loadSubjectMap, type SubjectMap } from './subject-map.js';
import type { SubjectSource, SuitePart } from './suite-types.js';

/**
 * The scorers a suite may name: the built-in deterministic ones a dataset's `scorer` column may
 * choose (score/scorer-spec.ts DATASET_SAFE_SCORERS; a test keeps the two lists equal).
 */
export const SUITE_SCORERS = ['auto', 'exact', 'contains', 'regex', 'numeric', 'choice', 'json'] as const;

/** Placeholders a preamble may use: it is rendered once per subject, not per row. */
export const PREAMBLE_FIELDS = ['subject', 'subject_name', 'category'] as const;

const extensions: Record<'csv' | 'jsonl', string[]> = { csv: ['.csv'], jsonl: ['.jsonl', '.ndjson'] };

/** Collects problems as `key: message` lines for one part. */
class Problems {
  readonly lines: string[] = [];
  constructor(readonly key: string) {}
  add(key: string, message: string): void {
    this.lines.push(`${this.key}.${key}: ${message}`);
  }
}

function compile(problems: Problems, key: string, source: string | undefined): CompiledTemplate | null {
  if (source === undefined) return null;
  const empty = /\{\{\s*\}\}/.exec(source.replaceAll('\\n', '\n'));
  if (empty) {
    problems.add(key, `has an empty placeholder '${empty[0]}'; write {{ColumnName}}.`);
    return null;
  }
  return compileTemplate(source);
}

function checkScorer(problems: Problems, spec: string): void {
  const trimmed = spec.trim();
  const colon = trimmed.indexOf(':');
  const name = (colon < 0 ? trimmed : trimmed.slice(0, colon)).trim().toLowerCase();
  if (!(SUITE_SCORERS as readonly string[]).includes(name)) {
    problems.add(
      'scorer',
      `unknown scorer '${name}'; a suite may name the built-in scorers ${SUITE_SCORERS.join(', ')} (with an argument where they take one, e.g. numeric:1% or choice:A-E). Other scorers are given with --scorer.`,
    );
  } else if (name === 'regex' && (colon < 0 || trimmed.slice(colon + 1).trim() === '')) {
    problems.add('scorer', 'regex needs a pattern: regex:<pattern>.');
  }
}

function compilePattern(problems: Problems, pattern: string | undefined): RegExp | null {
  if (pattern === undefined) return null;
  try {
    return new RegExp(pattern);
  } catch (error) {
    problems.add('expected.pattern', `not a valid regular expression: ${(error as Error).message}`);
    return null;
  }
}

/** The data files of a part, each with its subject: one file, or every matching file of a folder. */
function dataFiles(problems: Problems, part: PartValue, path: string): Array<{ subject: string; file: string }> {
  const kind = pathKind(path);
  const allowed = extensions[part.format];
  if (kind === 'missing') {
    problems.add('data', `'${part.data}' is neither a file nor a folder (looked for ${path}).`);
    return [];
  }
  if (kind === 'file') {
    if (!allowed.includes(extname(path).toLowerCase())) {
      problems.add(
        'data',
        `'${part.data}' does not end in ${allowed.join(' or ')}, which format: ${part.format} reads.`,
      );
      return [];
    }
    return [{ subject: part.subject ?? basename(path, extname(path)), file: path }];
  }
  if (part.subject !== undefined) {
    problems.add('subject', `only for a single data file: the subjects of a folder are its file names.`);
  }
  const files = readdirSync(path)
    .filter((name) => allowed.includes(extname(name).toLowerCase()))
    .sort();
  if (files.length === 0) problems.add('data', `the folder '${part.data}' holds no ${allowed.join(' or ')} files.`);
  const subjects = files.map((name) => ({ subject: basename(name, extname(name)), file: join(path, name) }));
  const seen = new Set<string>();
  for (const { subject } of subjects) {
    if (seen.has(subject)) problems.add('data', `two files in '${part.data}' are named ${subject}: keep one.`);
    seen.add(subject);
  }
  return subjects;
}

/** Each subject's exemplar file: the same file for all, or `<subject>.<ext>` in a folder. */
function fewShotFiles(
  problems: Problems,
  part: PartValue,
  folder: string,
  subjects: Array<{ subject: string; file: string }>,
): Map<string, string> {
  const found = new Map<string, string>();
  if (part.fewShot === undefined) return found;
  const path = resolve(folder, part.fewShot.source);
  const kind = pathKind(path);
  if (kind === 'missing') {
    problems.add('fewShot.source', `'${part.fewShot.source}' is neither a file nor a folder (looked for ${path}).`);
    return found;
  }
  const missing: string[] = [];
  for (const { subject, file } of subjects) {
    const candidate = kind === 'file' ? path : join(path, `${subject}${extname(file)}`);
    if (pathKind(candidate) === 'file') found.set(subject, candidate);
    else missing.push(subject);
  }
  if (missing.length > 0) {
    const shown = missing.slice(0, 5).join(', ') + (missing.length > 5 ? ` and ${missing.length - 5} more` : '');
    problems.add(
      'fewShot.source',
      `no exemplar file in '${part.fewShot.source}' for ${shown} (one file per subject, named like its data file).`,
    );
  }
  return found;
}

function loadMap(problems: Problems, part: PartValue, folder: string, cwd: string): SubjectMap | null {
  if (part.subjectMap === undefined) return null;
  const path = resolve(folder, part.subjectMap);
  if (pathKind(path) !== 'file') {
    problems.add('subjectMap', `'${part.subjectMap}' is not a file (looked for ${path}).`);
    return null;
  }
  return loadSubjectMap(fileRef(path, cwd));
}

/**
 * Checks one part of a suite file beyond its shape (paths exist, templates compile, the scorer is
 * one a suite may name, every subject has exemplars and a category) and resolves it.
 * Returns the part, or the problems as `parts[i].key: message` lines.
 */
export function resolvePart(options: {
  value: PartValue;
  index: number;
  file: SuiteFileRef;
  cwd: string;
}): { part: SuitePart } | { problems: string[] } {
  const { value, file, cwd } = options;
  const key = `parts[${options.index}]`;
  const problems = new Problems(key);
  const folder = dirname(file.path);
  const preamble = compile(problems, 'template.preamble', value.template.preamble);
  const question = compile(problems, 'template.question', value.template.question);
  const answer = compile(problems, 'template.answer', value.template.answer);
  const unknown = preamble?.columns.filter((name) => !(PREAMBLE_FIELDS as readonly string[]).includes(name)) ?? [];
  if (unknown.length > 0) {
    problems.add(
      'template.preamble',
      `unknown placeholder {{${unknown[0]}}}: a preamble is written once per subject and may use ${PREAMBLE_FIELDS.map((name) => `{{${name}}}`).join(', ')}.`,
    );
  }
  if (value.fewShot !== undefined && answer === null && value.template.answer === undefined) {
    problems.add('template.answer', 'required with fewShot: it shows each exemplar\'s answer, e.g. "{{Answer}}".');
  }
  checkScorer(problems, value.scorer);
  const pattern = compilePattern(problems, value.expected.pattern);
  const files = dataFiles(problems, value, resolve(folder, value.data));
  const exemplars = fewShotFiles(problems, value, folder, files);
  const map = loadMap(problems, value, folder, cwd);
  const subjects: SubjectSource[] = [];
  for (const { subject, file: dataFile } of files) {
    const entry = map?.subjects.get(subject);
    if (map !== null && entry === undefined) {
      problems.add('subjectMap', `no entry for subject '${subject}' in ${map.file.shown}.`);
    }
    subjects.push({
      subject,
      file: dataFile,
      fewShotFile: exemplars.get(subject) ?? null,
      category: value.category ?? entry?.category ?? null,
      displayName: entry?.name ?? subject,
    });
  }
  if (problems.lines.length > 0 || question === null) return { problems: problems.lines };
  return {
    part: {
      name: value.name,
      where: { file, key },
      cwd,
      format: value.format,
      singleFile: pathKind(resolve(folder, value.data)) === 'file',
      subjects,
      idColumn: value.idColumn ?? null,
      template: { preamble, question, answer, separator: value.template.separator.replaceAll('\\n', '\n') },
      defaultShots: value.fewShot?.shots ?? 0,
      hasFewShot: value.fewShot !== undefined,
      expected: { column: value.expected.column, pattern, stripCommas: value.expected.stripCommas },
      scorer: value.scorer.trim(),
      categoryOrder: value.category !== undefined ? [value.category] : (map?.categories ?? []),
      sample: value.sample ?? null,
    },
  };
}
