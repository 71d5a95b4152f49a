import { readFileSync, statSync } from 'node:fs';
import { extname, isAbsolute, relative, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ConfigError } from '../errors.js';

/** A suite or helper file: where it is, and how to name it in messages. */
export interface SuiteFileRef {
  /** Absolute path. */
  path: string;
  /** The path as messages show it: relative to the working folder when inside it, else absolute. */
  shown: string;
}

/** A file reference for `path` (resolved against `cwd`). */
export function fileRef(path: string, cwd: string): SuiteFileRef {
  const absolute = resolve(cwd, path);
  const fromCwd = relative(cwd, absolute);
  const shown = fromCwd !== '' && !fromCwd.startsWith('..') && !isAbsolute(fromCwd) ? fromCwd : absolute;
  return { path: absolute, shown };
}

/** A ConfigError listing `file: key: problem` lines (at most 10) and what to do. */
export function suiteFileError(file: SuiteFileRef, lines: string[]): ConfigError {
  const shown = lines.slice(0, 10).map((line) => `${file.shown}: ${line}`);
  const more = lines.length > 10 ? [`… and ${lines.length - 10} more problems`] : [];
  return new ConfigError(
    [...shown, ...more, `Fix the keys above in ${file.shown} (docs/suites.md describes every key).`].join('\n'),
  );
}

/** What is at `path`: a file, a folder, or nothing. */
export function pathKind(path: string): 'file' | 'folder' | 'missing' {
  try {
    const stats = statSync(path);
    return stats.isDirectory() ? 'folder' : stats.isFile() ? 'file' : 'missing';
  } catch {
    return 'missing';
  }
}

/**
 * Reads a YAML or JSON file (JSON for `.json`, YAML otherwise) into a plain value.
 * A missing file or a syntax error is a ConfigError naming the file and, for syntax, the line.
 */
export function readStructuredFile(file: SuiteFileRef, role: string): unknown {
  let text: string;
  try {
    text = readFileSync(file.path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a folder, not a file' : String(code);
    throw new ConfigError(`${file.shown}: cannot read the ${role} (${reason}).`);
  }
  const json = extname(file.path).toLowerCase() === '.json';
  try {
    return json ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0].replace(/:$/, '') : String(error);
    throw new ConfigError(`${file.shown}: the ${role} is not valid ${json ? 'JSON' : 'YAML'}: ${detail}`);
  }
}
