import type { ThinkingOptions } from '../types.js';

/** `generationConfig.thinkingConfig` as this codec sends it (gemini-native.md §1). */
export interface GeminiThinkingConfig {
  thinkingBudget?: number;
  thinkingLevel?: string;
  includeThoughts?: boolean;
}

/** Budget sent when thinking is on and the call gives none: -1 asks for dynamic thinking. */
export const dynamicThinkingBudget = -1;

/** Gemini 2.5 Flash and Flash-Lite: the models whose thinking a budget of 0 turns off. */
function acceptsZeroBudget(model: string): boolean {
  return /gemini-2\.5-flash/i.test(model);
}

/** Gemini 3 models, which take `thinkingLevel` and reject it combined with `thinkingBudget`. */
function usesThinkingLevel(model: string): boolean {
  return /gemini-3/i.test(model);
}

/**
 * The thinking config for a call, or null to send none (gemini-native.md §1 "Thinking rules"):
 * - no thinking options: none, so every model runs at its default;
 * - enabled: `includeThoughts: true` (thought text only comes back with it) plus
 *   `thinkingBudget` = `budgetTokens`, else -1 (dynamic); on Gemini 3 models given an
 *   effort and no budget, `thinkingLevel` = the effort instead of a budget, never both;
 * - disabled: `thinkingBudget: 0` on 2.5 Flash / Flash-Lite, where 0 turns thinking off;
 *   nothing elsewhere, since 2.5 Pro and Gemini 3 cannot stop thinking and answer a 0 with 400.
 */
export function geminiThinkingConfig(options: {
  model: string;
  thinking: ThinkingOptions | undefined;
}): GeminiThinkingConfig | null {
  const { model, thinking } = options;
  if (thinking === undefined) return null;
  if (!thinking.enabled) return acceptsZeroBudget(model) ? { thinkingBudget: 0 } : null;
  if (thinking.budgetTokens === undefined && thinking.effort !== undefined && usesThinkingLevel(model)) {
    return { thinkingLevel: thinking.effort, includeThoughts: true };
  }
  return { thinkingBudget: thinking.budgetTokens ?? dynamicThinkingBudget, includeThoughts: true };
}
