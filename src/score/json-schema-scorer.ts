import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { ConfigError } from '../errors.js';
import { answerOf, makeScore } from './make-score.js';
import { parseJsonAnswer } from './json-answer.js';
import type { Scorer } from './types.js';

function createValidator(options: { schema: unknown; file: string }): ValidateFunction {
  if (typeof options.schema !== 'object' && typeof options.schema !== 'boolean') {
    throw new ConfigError(`JSON schema file ${options.file} must hold a JSON object (or true/false)`);
  }
  const declared =
    typeof options.schema === 'object' && options.schema !== null
      ? String((options.schema as { $schema?: unknown }).$schema ?? '')
      : '';
  // `strict: false` ignores unknown keywords and `format`s (ajv-formats is not installed) instead of refusing the schema.
  const settings = { allErrors: true, strict: false, logger: false } as const;
  const ajv = declared.includes('2020-12')
    ? new Ajv2020(settings)
    : declared.includes('2019-09')
      ? new Ajv2019(settings)
      : new Ajv(settings);
  try {
    return ajv.compile(options.schema as object);
  } catch (error) {
    throw new ConfigError(`JSON schema file ${options.file} is not a valid schema: ${(error as Error).message}`);
  }
}

/**
 * Loads and compiles a JSON Schema once (path relative to `cwd`; drafts
 * 07, 2019-09 and 2020-12 by `$schema`). A missing, unreadable or invalid
 * schema file is a ConfigError naming it. The scorer gives 1 when the answer
 * parses as JSON (also inside a ```json fence) and validates.
 */
export function loadJsonSchemaScorer(options: { file: string; cwd: string }): Scorer {
  const path = resolve(options.cwd, options.file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'does not exist'
        : `cannot be read (${(error as Error).message})`;
    throw new ConfigError(`JSON schema file ${options.file} ${reason}`);
  }
  let schema: unknown;
  try {
    schema = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`JSON schema file ${options.file} is not valid JSON: ${(error as Error).message}`);
  }
  const validate = createValidator({ schema, file: options.file });
  return ({ record }) => {
    const parsed = parseJsonAnswer(answerOf(record));
    if (!parsed.ok) return makeScore({ name: 'json-schema', value: 0, detail: parsed.message });
    if (validate(parsed.value))
      return makeScore({ name: 'json-schema', value: 1, detail: `valid against ${options.file}` });
    const problems = (validate.errors ?? [])
      .slice(0, 3)
      .map((problem) => `${problem.instancePath || '(root)'} ${problem.message ?? 'is invalid'}`);
    const more = (validate.errors?.length ?? 0) > 3 ? ` (+${(validate.errors?.length ?? 0) - 3} more)` : '';
    return makeScore({
      name: 'json-schema',
      value: 0,
      detail: `invalid against ${options.file}: ${problems.join('; ')}${more}`,
    });
  };
}
