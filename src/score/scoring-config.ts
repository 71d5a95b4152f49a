import { z } from 'zod';
import { ConfigError } from '../errors.js';
import { checkPassThreshold } from './scorer-spec.js';
import type { ScoringSettings } from './scoring-settings.js';

export { mergeScoringSettings, type ScoringSettings } from './scoring-settings.js';

const specList = z.preprocess(
  (value) => (typeof value === 'string' ? [value] : value),
  z.array(z.string({ error: 'expected a scorer spec such as numeric or judge:gpt-4o-mini' }), {
    error: 'expected a list of scorer specs',
  }),
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
        {
          error: (issue) =>
            issue.code === 'unrecognized_keys'
              ? `unknown key(s) ${issue.keys.join(', ')}; allowed: model, rubric`
              : 'expected { model?, rubric? }',
        },
      )
      .optional(),
  },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown key(s) ${issue.keys.join(', ')}; allowed: scorers, threshold, judge`
        : 'expected { scorers, threshold?, judge? }',
  },
);

/**
 * Validates a config file's `scoring` section:
 * `{ scorers: string[] | string, threshold?: number, judge?: { model?, rubric? } }`.
 * A problem is a ConfigError naming the file and the key.
 */
export function parseScoringConfig(options: { value: unknown; file: string }): ScoringSettings {
  const parsed = scoringSchema.safeParse(options.value ?? {});
  if (!parsed.success) {
    const lines = parsed.error.issues.map(
      (issue) => `${options.file}: scoring${issue.path.map((part) => `.${String(part)}`).join('')}: ${issue.message}`,
    );
    throw new ConfigError(lines.join('\n'));
  }
  const settings: ScoringSettings = { scorers: parsed.data.scorers };
  if (parsed.data.threshold !== undefined)
    settings.threshold = checkPassThreshold(parsed.data.threshold, `${options.file}: scoring.threshold`);
  if (parsed.data.judge) settings.judge = parsed.data.judge;
  return settings;
}
