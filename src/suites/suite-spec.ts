import { readdirSync, readFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ConfigError } from '../errors.js';
import { packageRoot } from '../package-root.js';
import { isSubjectMapValue } from './subject-map.js';
import { fileRef, type SuiteFileRef } from './suite-files.js';
import type { SuiteDefinition } from './suite-types.js';

const suiteExtensions = ['.yaml', '.yml', '.json'];

/** The folder of built-in suite files (`suites/` at the package root). */
export function builtInSuitesFolder(): string {
  return join(packageRoot(), 'suites');
}

/** Built-in suites by name (file stem), sorted; helper files (`kind: subject-map`) are left out. */
export function builtInSuiteFiles(): Array<{ name: string; path: string }> {
  const folder = builtInSuitesFolder();
  return readdirSync(folder)
    .filter((name) => suiteExtensions.includes(extname(name).toLowerCase()))
    .sort()
    .filter((name) => {
      try {
        return !isSubjectMapValue(parseYaml(readFileSync(join(folder, name), 'utf8')));
      } catch {
        return true; // a broken built-in file is reported when it is loaded, not hidden
      }
    })
    .map((name) => ({ name: basename(name, extname(name)), path: join(folder, name) }));
}

/** A `--suite` value split into the suite file and the optional subset after the colon. */
export interface SuiteSpec {
  file: SuiteFileRef;
  subset: string | null;
  builtIn: boolean;
}

/** Edit distance, for "did you mean" hints. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1)
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length];
}

/** The closest of `names` to `word`, when it is close enough to be a likely typo. */
export function closest(word: string, names: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const name of names) {
    const found =
      word.length >= 3 && name.startsWith(word) ? Math.min(1, name.length - word.length) : distance(word, name);
    if (found < bestDistance) [best, bestDistance] = [name, found];
  }
  return best !== null && bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : null;
}

/**
 * Splits a `--suite` value. A value containing '/' or '\' or ending in .yaml/.yml/.json (before an
 * optional `:subset`) is a path, resolved against `cwd`; anything else is a built-in suite name.
 */
export function parseSuiteSpec(spec: string, cwd: string): SuiteSpec {
  const text = spec.trim();
  if (text === '')
    throw new ConfigError(
      '--suite is empty; give a built-in suite name (see `mixrouter-eval suites`) or a suite file.',
    );
  const separator = Math.max(text.lastIndexOf('/'), text.lastIndexOf('\\'));
  const colon = text.lastIndexOf(':');
  const withoutSubset = colon > separator && colon > 1 ? text.slice(0, colon) : text;
  const isPath = separator >= 0 || suiteExtensions.includes(extname(withoutSubset).toLowerCase());
  if (isPath) {
    const subset = withoutSubset === text ? null : text.slice(colon + 1);
    return { file: fileRef(withoutSubset, cwd), subset, builtIn: false };
  }
  const first = text.indexOf(':');
  const name = first < 0 ? text : text.slice(0, first);
  const subset = first < 0 ? null : text.slice(first + 1);
  const builtIns = builtInSuiteFiles();
  const found = builtIns.find((entry) => entry.name === name.toLowerCase());
  if (found === undefined) {
    const names = builtIns.map((entry) => entry.name);
    const hint = closest(name.toLowerCase(), names);
    throw new ConfigError(
      `--suite: unknown suite '${name}'${hint ? ` (did you mean ${hint}?)` : ''}; built-in suites: ${names.join(', ')}. ` +
        'For your own suite file give its path (with a / or ending in .yaml).',
    );
  }
  return { file: fileRef(found.path, cwd), subset, builtIn: true };
}

/** Subject and category words compare case-insensitively, with '-', '_' and spaces alike. */
export function normalizeName(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '-');
}

/**
 * The subjects a subset keeps, in suite order. The subset is a comma-separated list of subject and
 * category names (`agronomy,anatomy`, `stem`, `china-specific`); an unknown word is a ConfigError
 * that lists the valid ones.
 */
export function selectSubjects(options: { suite: SuiteDefinition; subset: string; spec: string }): string[] {
  const { suite, spec } = options;
  const subjects = suite.parts.flatMap((part) => part.subjects);
  const used = subjects.flatMap((source) => (source.category === null ? [] : [source.category]));
  const categories = [...new Set([...suite.parts.flatMap((part) => part.categoryOrder), ...used])].filter((name) =>
    used.includes(name),
  );
  const words = options.subset.split(',').map((word) => word.trim());
  if (words.some((word) => word === ''))
    throw new ConfigError(
      `--suite ${spec}: the subset after ':' has an empty name; write subjects or categories separated by commas.`,
    );
  const kept = new Set<string>();
  for (const word of words) {
    const wanted = normalizeName(word);
    const subject = subjects.find((source) => normalizeName(source.subject) === wanted);
    if (subject !== undefined) {
      kept.add(subject.subject);
      continue;
    }
    const category = categories.find((name) => normalizeName(name) === wanted);
    if (category !== undefined) {
      for (const source of subjects) if (source.category === category) kept.add(source.subject);
      continue;
    }
    const hint = closest(wanted, [
      ...subjects.map((source) => normalizeName(source.subject)),
      ...categories.map(normalizeName),
    ]);
    const hinted =
      hint === null ? null : (subjects.find((source) => normalizeName(source.subject) === hint)?.subject ?? hint);
    throw new ConfigError(
      `--suite ${spec}: unknown subject '${word}'${hinted ? ` (did you mean ${hinted}?)` : ''}. ` +
        `Suite ${suite.name} has ${subjects.length} subject${subjects.length === 1 ? '' : 's'}: ${subjects.map((source) => source.subject).join(', ')}` +
        (categories.length > 0 ? `; categories: ${categories.map(normalizeName).join(', ')}.` : '.'),
    );
  }
  return subjects.map((source) => source.subject).filter((subject) => kept.has(subject));
}
