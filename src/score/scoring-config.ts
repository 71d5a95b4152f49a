import { z } from 'zod';
import { ConfigError } from '../errors.js';
import { checkPassThreshold } from './scorer-spec.js';

/** The scoring settings, from the config file's `scoring` section and the flags. */
export interface ScoringSettings {
  /** Scorer specs; empty means each row's `scorer` column, else `auto`. */
  scorers: string[];
  /** Pass mark for continuous scores; absent means the default (0.5). */
  threshold?: number;
  judge?: { model?: string; rubric?: string };
}

const specList = z.preprocess(
  (value) => (typeof value === 'string' ? [value] : value),
  z.array(z.string({ error: 'expected a scorer spec such as numeric or judge:gpt-4o-mini' }), { error: 'expected a list of scorer specs' }),
);

const scoringSchema = z.strictObject(
  {
    scorers: specList.default([]),
    threshold: z.number({ error: 'expected a number greater than 0 and at most 1' }).optional(),
    judge: z
      .strictObject(
        {
          model: z.string({ error: 'expected a model name' }).optional(),
          rubric: z.string({ error: 'expected the rubric text' }).optional(),
        },
        { error: (issue) => (issue.code === 'unrecognized_keys' ? `unknown key(s) ${issue.keys.join(', ')}; allowed: model, rubric` : 'expected { model?, rubric? }') },
      )
      .optional(),
  },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? `unknown key(s) ${issue.keys.join(', ')}; allowed: scorers, threshold, judge` : 'expected { scorers, threshold?, judge? }') },
);

/**
 * Validates a config file's `scoring` section:
 * `{ scorers: string[] | string, threshold?: number, judge?: { model?, rubric? } }`.
 * A problem is a ConfigError naming the file and the key.
 */
export function parseScoringConfig(options: { value: unknown; file: string }): ScoringSettings {
  const parsed = scoringSchema.safeParse(options.value ?? {});
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `${options.file}: scoring${issue.path.map((part) => `.${String(part)}`).join('')}: ${issue.message}`);
    throw new ConfigError(lines.join('\n'));
  }
  const settings: ScoringSettings = { scorers: parsed.data.scorers };
  if (parsed.data.threshold !== undefined) settings.threshold = checkPassThreshold(parsed.data.threshold, `${options.file}: scoring.threshold`);
  if (parsed.data.judge) settings.judge = parsed.data.judge;
  return settings;
}

/**
 * Merges the flags over the config file's settings: `--scorer` replaces the
 * config's scorers when given; `--pass-threshold`, `--judge-model` and
 * `--rubric` win over their config keys.
 */
export function mergeScoringSettings(options: {
  flags: { scorer?: string[]; passThreshold?: number; judgeModel?: string; rubric?: string };
  config?: ScoringSettings;
}): ScoringSettings {
  const { flags, config } = options;
  const scorers = flags.scorer && flags.scorer.length > 0 ? flags.scorer : (config?.scorers ?? []);
  const threshold = flags.passThreshold ?? config?.threshold;
  const model = flags.judgeModel ?? config?.judge?.model;
  const rubric = flags.rubric ?? config?.judge?.rubric;
  const settings: ScoringSettings = { scorers };
  if (threshold !== undefined) settings.threshold = checkPassThreshold(threshold);
  if (model !== undefined || rubric !== undefined) settings.judge = { ...(model !== undefined && { model }), ...(rubric !== undefined && { rubric }) };
  return settings;
}
