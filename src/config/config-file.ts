import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { ConfigError } from '../errors.js';
import { describeFormats, parseFormatName, parseModelSpec } from './model-spec.js';

const positiveInteger = 'expected a positive integer';

function integerAbove(minimum: 0 | 1): z.ZodNumber {
  const message = minimum === 1 ? positiveInteger : 'expected a whole number of at least 0';
  return z.number({ error: message }).int({ error: message }).min(minimum, { error: message });
}

const price = (label: string) =>
  z
    .number({ error: `expected ${label} in USD per 1M tokens (a number of at least 0)` })
    .min(0, { error: `expected ${label} in USD per 1M tokens (a number of at least 0)` });

/** A strict object (unknown keys are errors naming the allowed ones) with a readable type error. */
function strictObject<Shape extends z.ZodRawShape>(options: { shape: Shape; expected: string }) {
  const allowed = Object.keys(options.shape).join(', ');
  return z.strictObject(options.shape, {
    error: (issue) => {
      if (issue.code === 'unrecognized_keys')
        return `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((key) => `'${key}'`).join(', ')}. Allowed keys here: ${allowed}.`;
      if (issue.code === 'invalid_type') return `expected ${options.expected}`;
      return undefined;
    },
  });
}

const httpUrl = z
  .string({ error: 'expected an http(s) URL such as https://api.mixrouter.com/v1' })
  .refine(
    (value) => {
      try {
        return ['http:', 'https:'].includes(new URL(value).protocol);
      } catch {
        return false;
      }
    },
    { error: 'expected an http(s) URL such as https://api.mixrouter.com/v1' },
  )
  .refine(
    (value) => {
      try {
        const url = new URL(value);
        return url.username === '' && url.password === '';
      } catch {
        return true;
      }
    },
    { error: 'a user name or password in the URL would be written to run.json; the key goes in MIXROUTER_API_KEY' },
  );

const temperature = z
  .number({ error: 'expected a number between 0 and 2' })
  .min(0, { error: 'expected a number between 0 and 2' })
  .max(2, { error: 'expected a number between 0 and 2' });

const paramsShape = {
  temperature: temperature.optional(),
  maxTokens: integerAbove(1).optional(),
  system: z.string({ error: 'expected a string' }).optional(),
  stream: z.boolean({ error: 'expected true or false' }).optional(),
};

const thinkingObject = strictObject({
  shape: {
    enabled: z.boolean({ error: 'expected true or false' }).default(true),
    budgetTokens: integerAbove(1).optional(),
    effort: z
      .enum(['minimal', 'low', 'medium', 'high'], { error: 'expected one of minimal, low, medium, high' })
      .optional(),
  },
  expected: 'true, false or { enabled, budgetTokens?, effort? }',
});

// `thinking: true` is shorthand for `{ enabled: true }`.
const thinking = z.preprocess((value) => (typeof value === 'boolean' ? { enabled: value } : value), thinkingObject);

const priceSchema = strictObject({
  shape: {
    input: price('the input price'),
    output: price('the output price'),
    cachedInput: price('the cached-input price').optional(),
    cacheWrite: price('the cache-write price').optional(),
    reasoning: price('the reasoning-token price').optional(),
  },
  expected: '{ input, output, cachedInput?, cacheWrite?, reasoning? } in USD per 1M tokens',
});

const limitsShape = {
  concurrency: integerAbove(1).optional(),
  rpm: integerAbove(1).optional(),
  tpm: integerAbove(1).optional(),
};

const format = z.string({ error: 'expected a format name' }).transform((value, context) => {
  const parsed = parseFormatName(value);
  if (parsed === null) {
    context.addIssue({ code: 'custom', message: `unknown format '${value}'. Valid formats: ${describeFormats()}.` });
    return z.NEVER;
  }
  return parsed;
});

const modelEntry = strictObject({
  shape: {
    model: z
      .string({ error: 'expected the model id to send, as a string' })
      .min(1, { error: 'expected a non-empty model id' })
      .optional(),
    format: format.optional(),
    vendor: z
      .enum(['openai', 'anthropic', 'google', 'deepseek', 'qwen', 'doubao', 'other'], {
        error: 'expected one of openai, anthropic, google, deepseek, qwen, doubao, other',
      })
      .optional(),
    baseUrl: httpUrl.optional(),
    auth: z
      .enum(['bearer', 'x-api-key', 'x-goog-api-key'], { error: 'expected one of bearer, x-api-key, x-goog-api-key' })
      .optional(),
    params: strictObject({ shape: paramsShape, expected: '{ temperature?, maxTokens?, system?, stream? }' }).optional(),
    thinking: thinking.optional(),
    extraBody: z.record(z.string(), z.unknown(), { error: 'expected an object of extra body fields' }).optional(),
    limits: strictObject({
      shape: { ...limitsShape, shareWith: z.string({ error: 'expected a group name' }).optional() },
      expected: '{ concurrency?, rpm?, tpm?, shareWith? }',
    }).optional(),
    price: priceSchema.optional(),
  },
  expected: 'an object of settings for this model (or nothing)',
});

// An empty section in YAML (`groups:` with nothing under it) reads as null: treat it as absent.
const emptyAsAbsent = (value: unknown): unknown => value ?? undefined;

const configSchema = strictObject({
  shape: {
    baseUrl: httpUrl.optional(),
    defaults: z.preprocess(
      emptyAsAbsent,
      strictObject({
        shape: { ...paramsShape, thinking: thinking.optional() },
        expected: '{ temperature?, maxTokens?, system?, stream?, thinking? }',
      }).optional(),
    ),
    // A bare `qwen3-max:` line in YAML is an entry with no settings.
    models: z.preprocess(
      emptyAsAbsent,
      z
        .record(
          z.string(),
          z.preprocess((value) => value ?? {}, modelEntry),
          { error: 'expected an object: model entry → settings' },
        )
        .default({}),
    ),
    groups: z.preprocess(
      emptyAsAbsent,
      z
        .record(z.string(), strictObject({ shape: limitsShape, expected: '{ concurrency?, rpm?, tpm? }' }), {
          error: 'expected an object: group name → limits',
        })
        .default({}),
    ),
    prices: z.preprocess(
      emptyAsAbsent,
      z.record(z.string(), priceSchema, { error: 'expected an object: model id → price' }).default({}),
    ),
    scoring: z.preprocess(emptyAsAbsent, z.record(z.string(), z.unknown(), { error: 'expected an object' }).optional()),
  },
  expected: 'an object with a models: key',
});

/** One `models:` entry of a config file (see `ConfigFile`). */
export type ConfigModelEntry = z.output<typeof modelEntry>;

/**
 * A validated `--config` file (JSON, or YAML for any other extension). Shape:
 *
 * ```yaml
 * baseUrl: https://api.mixrouter.com/v1     # optional; --base-url and MIXROUTER_BASE_URL win
 * defaults: { temperature, maxTokens, system, stream, thinking }   # every model, below the CLI flags
 * models:                                   # key = the --models entry (inline syntax allowed)
 *   qwen3-max:                              # nothing else: catalog defaults
 *   claude-sonnet-4-5@anthropic+thinking=4096:
 *     auth: bearer                          # bearer | x-api-key | x-goog-api-key
 *     limits: { concurrency: 4, rpm: 60, tpm: 200000, shareWith: claude }
 *   fast-gemini:                            # any label; `model` is the wire id
 *     model: gemini-2.5-flash
 *     format: gemini                        # trusted as written (no catalog check)
 *     vendor: google
 *     baseUrl: https://other-gateway.example/v1
 *     params: { temperature: 0, maxTokens: 512, system: "…", stream: true }
 *     thinking: false                       # or { enabled, budgetTokens?, effort? }
 *     extraBody: { top_p: 0.9 }
 *     price: { input: 0.3, output: 2.5, cachedInput: 0.03 }   # USD per 1M tokens
 * groups: { claude: { concurrency: 6, rpm: 120 } }   # budgets shared through limits.shareWith
 * prices: { gemini-2.5-pro: { input: 1.25, output: 10 } }  # by wire id, over the built-in table
 * scoring: { … }                            # kept as is for the scoring step
 * ```
 *
 * `file` is the path as given, used to prefix later error messages.
 */
export type ConfigFile = z.output<typeof configSchema> & { file: string };

function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(top level)';
  return path
    .map((part, index) => {
      const text = String(part);
      if (/^[\w-]+$/.test(text)) return index === 0 ? text : `.${text}`;
      return `[${JSON.stringify(text)}]`;
    })
    .join('');
}

function configError(options: { file: string; lines: string[] }): ConfigError {
  const shown = options.lines.slice(0, 10).map((line) => `${options.file}: ${line}`);
  const more = options.lines.length > 10 ? [`… and ${options.lines.length - 10} more problems`] : [];
  return new ConfigError(
    [...shown, ...more, `Fix the keys above in ${options.file} (examples/eval.config.yaml shows every key).`].join(
      '\n',
    ),
  );
}

/** Validates a parsed config value; every problem names the file and the key path. */
export function validateConfig(options: { value: unknown; file: string }): ConfigFile {
  const { file } = options;
  if (options.value === null || options.value === undefined)
    throw configError({ file, lines: ['the file is empty; it needs at least a models: key'] });
  const result = configSchema.safeParse(options.value);
  if (!result.success)
    throw configError({
      file,
      lines: result.error.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`),
    });
  const config = result.data;
  const problems: string[] = [];
  for (const [key, entry] of Object.entries(config.models)) {
    const where = formatPath(['models', key]);
    try {
      parseModelSpec({ entry: key, origin: where });
    } catch (error) {
      problems.push(error instanceof Error ? error.message : String(error));
    }
    const group = entry.limits?.shareWith;
    if (group !== undefined && !(group in config.groups)) {
      const known = Object.keys(config.groups);
      problems.push(
        `${where}.limits.shareWith: unknown group '${group}'. Define it under groups: (${known.length > 0 ? `defined: ${known.join(', ')}` : 'none defined yet'}).`,
      );
    }
  }
  if (problems.length > 0) throw configError({ file, lines: problems });
  return { ...config, file };
}

/** Parses config text: JSON for `.json` files, YAML otherwise (YAML also reads JSON). */
export function parseConfigText(options: { text: string; file: string }): ConfigFile {
  const { text, file } = options;
  let value: unknown;
  try {
    value = extname(file).toLowerCase() === '.json' ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    const kind = extname(file).toLowerCase() === '.json' ? 'JSON' : 'YAML';
    const detail = error instanceof Error ? error.message.split('\n')[0].replace(/:$/, '') : String(error);
    throw new ConfigError(`${file}: not valid ${kind}: ${detail}`);
  }
  return validateConfig({ value, file });
}

/** Reads and validates `--config <file>`. */
export function loadConfigFile(file: string): ConfigFile {
  if (!existsSync(file))
    throw new ConfigError(`--config ${file}: no such file. Check the path (it is relative to ${process.cwd()}).`);
  if (!statSync(file).isFile()) throw new ConfigError(`--config ${file}: not a file.`);
  return parseConfigText({ text: readFileSync(file, 'utf8'), file });
}
