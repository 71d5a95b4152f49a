/** Scoring: scorers, the `--scorer` spec parser, and the scores file of a run. */
export { autoScore, autoScorer, pickScorer } from './auto-score.js';
export type { AutoScorer } from './auto-score.js';
export { choiceScorer, createChoiceScorer } from './choice-scorer.js';
export { choiceMatch, expectedChoice, extractChoice, readChoice } from './choice.js';
export type { ChoiceOptions, ChoiceReading, ChoiceSource } from './choice.js';
export { containsScorer } from './contains-scorer.js';
export { loadCustomScorer, normalizeCustomResult } from './custom-scorer.js';
export type { CustomScoreFunction, CustomScorerInput } from './custom-scorer.js';
export { exactScorer } from './exact-scorer.js';
export { parseJsonAnswer } from './json-answer.js';
export type { JsonAnswer } from './json-answer.js';
export { jsonScorer } from './json-scorer.js';
export { loadJsonSchemaScorer } from './json-schema-scorer.js';
export { DEFAULT_RUBRIC, buildJudgePrompt, promptAsText } from './judge-prompt.js';
export { createJudgeScorer } from './judge-scorer.js';
export type { JudgeComplete, JudgeCompletion, JudgeScorerOptions } from './judge-scorer.js';
export { parseVerdict, toUnitScore } from './judge-verdict.js';
export type { Verdict } from './judge-verdict.js';
export { DEFAULT_PASS_THRESHOLD } from './make-score.js';
export { normalizeText } from './normalize.js';
export { createNumericScorer, numericScorer } from './numeric-scorer.js';
export {
  FLOAT_NOISE,
  extractFinalNumber,
  findFinalNumber,
  numbersAgree,
  numericMatch,
  prepareNumberText,
} from './numeric.js';
export type { ExtractedNumber, NumberSource, NumericTolerance } from './numeric.js';
export { SCORES_FILE, hasScores, readScores, streamScores } from './read-scores.js';
export { compileScorerPattern, createRegexScorer } from './regex-scorer.js';
export { rowScorerSpec, scoreLine, scoreLineNow } from './score-line.js';
export { autoNamedScorer, scoreRun } from './score-run.js';
export type { ScoreRunOptions, ScoreRunResult } from './score-run.js';
export { ScoreTally, combinePassed } from './score-summary.js';
export type { ModelScoring } from './score-summary.js';
export {
  SCORER_SPECS,
  checkPassThreshold,
  createSpecResolver,
  nameScorer,
  parseScorerSpec,
  parseScorerSpecs,
} from './scorer-spec.js';
export type { JudgeSettings, ScorerSpecOptions } from './scorer-spec.js';
export { mergeScoringSettings, parseScoringConfig } from './scoring-config.js';
export type { ScoringSettings } from './scoring-config.js';
export { SCORES_SCHEMA_VERSION } from './types.js';
export type { JudgeUsage, NamedScorer, Score, ScoreLine, Scorer, ScorerInput } from './types.js';
