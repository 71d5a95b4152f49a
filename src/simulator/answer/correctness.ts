import { hashUnit } from '../random.js';

/** Share of (question, model) pairs whose outcome follows the question's common difficulty. */
export const sharedDifficultyWeight = 0.8;

/**
 * Whether `model` answers `question` correctly, deterministically.
 *
 * Each question has a difficulty `u_q` every model sees; with probability 0.8
 * (decided by a hash of question and model) a model uses it, otherwise its own
 * draw `u_{q,model}`. Correct iff the draw is below the accuracy. Each draw is
 * uniform, so P(correct) equals the accuracy, and models tend to fail the same
 * hard questions as real ones do.
 */
export function answersCorrectly(options: { question: string; model: string; accuracy: number }): boolean {
  const { question, model, accuracy } = options;
  const shared = hashUnit(`mix\u0000${question}\u0000${model}`) < sharedDifficultyWeight;
  const draw = shared ? hashUnit(`difficulty\u0000${question}`) : hashUnit(`own\u0000${question}\u0000${model}`);
  return draw < accuracy;
}

/**
 * The accuracy a model has on a question of the given groups: the value of the
 * first group (most specific first, as the knowledge row lists them) that
 * `accuracyByGroup` names as an own key with a number, else the overall accuracy.
 */
export function accuracyFor(options: {
  accuracy: number;
  accuracyByGroup?: Readonly<Record<string, number>>;
  groups: readonly string[];
}): number {
  const byGroup = options.accuracyByGroup;
  if (byGroup) {
    for (const group of options.groups) {
      if (Object.hasOwn(byGroup, group) && typeof byGroup[group] === 'number') return byGroup[group];
    }
  }
  return options.accuracy;
}
