import { checkPassThreshold } from './scorer-spec.js';

/** The scoring settings, from the config file's `scoring` section and the flags. */
export interface ScoringSettings {
  /** Scorer specs; empty means each row's `scorer` column, else `auto`. */
  scorers: string[];
  /** Pass mark for continuous scores; absent means the default (0.5). */
  threshold?: number;
  judge?: { model?: string; rubric?: string };
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
  if (model !== undefined || rubric !== undefined)
    settings.judge = { ...(model !== undefined && { model }), ...(rubric !== undefined && { rubric }) };
  return settings;
}
