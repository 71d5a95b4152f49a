/**
 * The most frequent answer among repeats of one item (majority vote, as in
 * self-consistency decoding: Wang et al., "Self-Consistency Improves Chain of
 * Thought Reasoning in Language Models", ICLR 2023). Answers are compared as
 * exact strings, so normalise them first. A tie goes to the answer that sorts
 * first by UTF-16 code units (JavaScript's default string order), so the result
 * does not depend on the order the repeats finished in. Null for no answers.
 */
export function majorityAnswer(answers: readonly string[]): string | null {
  const counts = new Map<string, number>();
  for (const answer of answers) counts.set(answer, (counts.get(answer) ?? 0) + 1);
  let best: string | null = null;
  let bestCount = 0;
  for (const [answer, count] of counts) {
    if (count > bestCount || (count === bestCount && best !== null && answer < best)) {
      best = answer;
      bestCount = count;
    }
  }
  return best;
}

/**
 * Consistency of repeats: the fraction of answers equal to the majority answer
 * ({@link majorityAnswer}), from 1/m (all m answers differ) to 1 (all agree).
 * Null for no answers.
 */
export function consistency(answers: readonly string[]): number | null {
  const majority = majorityAnswer(answers);
  if (majority === null) return null;
  let agreeing = 0;
  for (const answer of answers) if (answer === majority) agreeing += 1;
  return agreeing / answers.length;
}
