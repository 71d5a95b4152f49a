import { existsSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigError } from '../errors.js';
import type { ResultRecord } from '../results/result-record.js';
import { DEFAULT_PASS_THRESHOLD, scoreError, unscored } from './make-score.js';
import type { Score, Scorer } from './types.js';

/**
 * What a custom scorer function receives: the result row, plus its answer,
 * expected answer and prompt at the top level for convenience.
 */
export interface CustomScorerInput {
  record: ResultRecord;
  answer: string;
  expected: string | null;
  input: ResultRecord['input'];
}

/** The function a custom scorer module exports (as `score` or as its default export). */
export type CustomScoreFunction = (input: CustomScorerInput) => unknown;

const LOADABLE = new Set(['.js', '.mjs', '.cjs']);
const TYPESCRIPT = new Set(['.ts', '.mts', '.cts', '.tsx']);

function findFunction(module: Record<string, unknown>): CustomScoreFunction | null {
  if (typeof module.score === 'function') return module.score as CustomScoreFunction;
  if (typeof module.default === 'function') return module.default as CustomScoreFunction;
  // A CommonJS `module.exports = { score }` arrives as the default export.
  const fallback = module.default as Record<string, unknown> | undefined;
  if (fallback && typeof fallback === 'object' && typeof fallback.score === 'function')
    return fallback.score as CustomScoreFunction;
  return null;
}

/** Turns what a custom function returned into a Score (number → value, boolean → 1/0, Score-like object kept). */
export function normalizeCustomResult(options: { name: string; result: unknown; threshold: number }): Score {
  const { name, result, threshold } = options;
  const invalid = (what: string): Score =>
    scoreError({
      name,
      kind: 'custom-invalid-result',
      message: `custom scorer returned ${what}; expected a number in [0, 1], a boolean or { value, detail? }`,
    });
  const fromValue = (value: unknown, detail?: unknown): Score => {
    const text = typeof detail === 'string' ? detail : undefined;
    if (value === null) return unscored({ name, detail: text ?? 'custom scorer gave no score' });
    const number = typeof value === 'boolean' ? (value ? 1 : 0) : value;
    if (typeof number !== 'number' || !Number.isFinite(number) || number < 0 || number > 1)
      return invalid(JSON.stringify(value) ?? String(value));
    const score: Score = { name, value: number, passed: number >= threshold };
    if (text !== undefined) score.detail = text;
    return score;
  };
  if (typeof result === 'number' || typeof result === 'boolean' || result === null) return fromValue(result);
  if (result && typeof result === 'object' && !Array.isArray(result)) {
    const object = result as Record<string, unknown>;
    const error = object.error as { kind?: unknown; message?: unknown } | undefined;
    if ((object.value === null || object.value === undefined) && error && typeof error === 'object') {
      return scoreError({
        name,
        kind: typeof error.kind === 'string' ? error.kind : 'custom-error',
        message: String(error.message ?? 'custom scorer error'),
      });
    }
    if ('value' in object) return fromValue(object.value, object.detail);
    if ('score' in object) return fromValue(object.score, object.detail);
  }
  return invalid(result === undefined ? 'nothing' : (JSON.stringify(result) ?? String(result)));
}

/**
 * Loads a custom scorer module once, with dynamic `import()` (path relative
 * to `cwd`; .js, .mjs or .cjs: Node 20 cannot import TypeScript). It must
 * export a function named `score` or a default function, taking
 * `CustomScorerInput` and returning a number in [0, 1], a boolean, a
 * Score-like `{ value, detail? }`, or a promise of one. A missing file, a load
 * error or no function is a ConfigError naming the file; a throw while
 * scoring becomes a Score with error `custom-scorer-threw`.
 */
export async function loadCustomScorer(options: { path: string; cwd: string; threshold?: number }): Promise<Scorer> {
  const file = options.path;
  const extension = extname(file).toLowerCase();
  if (TYPESCRIPT.has(extension)) {
    throw new ConfigError(
      `custom scorer ${file} is TypeScript, which Node 20 cannot import: compile it to .js or .mjs (e.g. with tsc) and pass that file to --scorer custom:<file>`,
    );
  }
  if (!LOADABLE.has(extension)) throw new ConfigError(`custom scorer ${file} must be a .js, .mjs or .cjs module`);
  const absolute = resolve(options.cwd, file);
  if (!existsSync(absolute))
    throw new ConfigError(`custom scorer ${file} does not exist (looked for it relative to ${options.cwd})`);
  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(absolute).href)) as Record<string, unknown>;
  } catch (error) {
    throw new ConfigError(
      `custom scorer ${file} could not be loaded: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const score = findFunction(module);
  if (!score) {
    const exported = Object.keys(module).join(', ') || 'nothing';
    throw new ConfigError(
      `custom scorer ${file} must export a function named score or a default function (it exports: ${exported})`,
    );
  }
  const threshold = options.threshold ?? DEFAULT_PASS_THRESHOLD;
  const name = 'custom';
  return async ({ record }) => {
    try {
      const result = await score({
        record,
        answer: record.answer ?? '',
        expected: record.expected,
        input: record.input,
      });
      return normalizeCustomResult({ name, result, threshold });
    } catch (error) {
      return scoreError({
        name,
        kind: 'custom-scorer-threw',
        message: error instanceof Error ? error.message : String(error),
      });
    }
  };
}
