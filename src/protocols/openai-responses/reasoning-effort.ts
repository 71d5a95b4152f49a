import type { ThinkingOptions } from '../types.js';

/** The `reasoning.effort` levels the Responses API takes (openai-responses.md §1). */
export type ReasoningEffort = NonNullable<ThinkingOptions['effort']>;

/**
 * Upper token bounds used to turn a budget into an effort level. OpenAI documents no
 * budget for its levels, so these are Google's documented budgets behind Gemini's
 * `reasoning_effort` low/medium/high, the only published budget↔effort table in the reference.
 */
export const budgetByEffort: readonly (readonly [ReasoningEffort, number])[] = [
  ['low', 1024],
  ['medium', 8192],
  ['high', 24_576],
];

/**
 * The effort to send for enabled thinking: the explicit effort, else the smallest level
 * whose budget covers `budgetTokens` (above the last bound: `high`), else `medium`.
 * A budget never yields `minimal`, which some models reject together with summaries.
 */
export function effortForThinking(thinking: ThinkingOptions): ReasoningEffort {
  if (thinking.effort !== undefined) return thinking.effort;
  const budgetTokens = thinking.budgetTokens;
  if (budgetTokens === undefined) return 'medium';
  const level = budgetByEffort.find(([, budget]) => budgetTokens <= budget);
  return (level ?? budgetByEffort[budgetByEffort.length - 1])[0];
}
