import { dirname, resolve } from 'node:path';
import type { z } from 'zod';
import { ConfigError } from '../errors.js';
import { resolvePart } from './resolve-part.js';
import { isSubjectMapValue } from './subject-map.js';
import { fileRef, pathKind, readStructuredFile, type SuiteFileRef, suiteFileError } from './suite-files.js';
import { formatKeyPath, includePartSchema, partSchema, suiteFileSchema } from './suite-schema.js';
import type { SuiteDefinition, SuitePart } from './suite-types.js';

/** Includes nested deeper than this are refused (a chain this long is a mistake). */
const MAX_INCLUDE_DEPTH = 8;

/** Parses a value against a schema, with a missing key reported as such. */
function check<Schema extends z.ZodType>(
  schema: Schema,
  value: unknown,
  prefix: Array<string | number>,
): { data: z.output<Schema> } | { lines: string[] } {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return { data: result.data };
  return {
    lines: result.error.issues.map((issue) => {
      const missing = issue.code === 'invalid_type' && 'input' in issue && issue.input === undefined;
      return `${formatKeyPath([...prefix, ...issue.path])}: ${missing ? `missing (${issue.message})` : issue.message}`;
    }),
  };
}

/**
 * Reads, validates and resolves a suite file. Every problem names the file and the key path
 * (`my.yaml: parts[0].template: …`) in one ConfigError; a part may `include` the parts of another
 * suite file (paths are relative to the including file).
 */
export function loadSuite(options: { file: SuiteFileRef; cwd: string; stack?: string[] }): SuiteDefinition {
  const { file, cwd } = options;
  const stack = options.stack ?? [];
  const value = readStructuredFile(file, 'suite file');
  if (value === null || value === undefined)
    throw suiteFileError(file, ['the file is empty; a suite needs name, version, description, licence and parts.']);
  if (isSubjectMapValue(value))
    throw new ConfigError(
      `${file.shown}: this is a subject map (kind: subject-map), not a suite file; a suite names it in a part's subjectMap key.`,
    );
  const top = check(suiteFileSchema, value, []);
  if ('lines' in top) throw suiteFileError(file, top.lines);
  const suite = top.data;
  const problems: string[] = [];
  const parts: SuitePart[] = [];
  suite.parts.forEach((entry, index) => {
    const loaded = loadPart({ entry, index, file, cwd, stack });
    if ('lines' in loaded) problems.push(...loaded.lines);
    else parts.push(...loaded.parts);
  });
  if (suite.licence.file !== undefined && pathKind(resolve(dirname(file.path), suite.licence.file)) !== 'file')
    problems.push(`licence.file: '${suite.licence.file}' is not a file.`);
  if (problems.length > 0) throw suiteFileError(file, problems);
  problems.push(...duplicates(parts, file));
  if (problems.length > 0) throw suiteFileError(file, problems);
  return {
    file,
    name: suite.name,
    version: suite.version,
    description: suite.description.trim(),
    licence: {
      name: suite.licence.name.trim(),
      file: suite.licence.file === undefined ? null : resolve(dirname(file.path), suite.licence.file),
      meaning: suite.licence.meaning?.trim() ?? null,
    },
    parts,
    groupBy: suite.groupBy,
    clusterBy: suite.clusterBy,
  };
}

/** One entry of `parts`: a part of its own, or every part of an included suite file. */
function loadPart(options: {
  entry: unknown;
  index: number;
  file: SuiteFileRef;
  cwd: string;
  stack: string[];
}): { parts: SuitePart[] } | { lines: string[] } {
  const { entry, index, file, cwd } = options;
  const key = `parts[${index}]`;
  if (typeof entry !== 'object' || entry === null || !('include' in entry)) {
    const checked = check(partSchema, entry, ['parts', index]);
    if ('lines' in checked) return checked;
    const resolved = resolvePart({ value: checked.data, index, file, cwd });
    return 'problems' in resolved ? { lines: resolved.problems } : { parts: [resolved.part] };
  }
  const checked = check(includePartSchema, entry, ['parts', index]);
  if ('lines' in checked) return checked;
  const included = fileRef(resolve(dirname(file.path), checked.data.include), cwd);
  if (pathKind(included.path) !== 'file')
    return { lines: [`${key}.include: '${checked.data.include}' is not a file (looked for ${included.path}).`] };
  const chain = [...options.stack, file.path];
  if (chain.includes(included.path))
    return { lines: [`${key}.include: ${included.shown} is already being read (the includes go round in a circle).`] };
  if (chain.length >= MAX_INCLUDE_DEPTH)
    return { lines: [`${key}.include: includes nest more than ${MAX_INCLUDE_DEPTH} deep.`] };
  const inner = loadSuite({ file: included, cwd, stack: chain });
  return { parts: inner.parts.map((part) => ({ ...part, sample: checked.data.sample ?? part.sample })) };
}

/** Part names and subjects must be unique across the suite: subsets and item ids rely on it. */
function duplicates(parts: SuitePart[], file: SuiteFileRef): string[] {
  const lines: string[] = [];
  const names = new Map<string, string>();
  const subjects = new Map<string, string>();
  for (const part of parts) {
    const where = `${part.where.key}${part.where.file.path === file.path ? '' : ` of ${part.where.file.shown}`}`;
    const sameName = names.get(part.name);
    if (sameName !== undefined)
      lines.push(`${where}.name: '${part.name}' is also the name of ${sameName}; part names must differ.`);
    names.set(part.name, where);
    for (const { subject } of part.subjects) {
      const other = subjects.get(subject);
      if (other !== undefined)
        lines.push(
          `${where}: subject '${subject}' is also a subject of ${other}; subjects must differ across parts (set subject: on a single-file part).`,
        );
      subjects.set(subject, where);
    }
  }
  return lines;
}
