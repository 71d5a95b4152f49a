import type { Usage } from '../types.js';
import { isRecord } from '../json-values.js';

/**
 * Converts Gemini `usageMetadata` into the common record (gemini-native.md §4):
 * - input = `promptTokenCount` + `toolUsePromptTokenCount` when present (as the gateway
 *   counts prompt tokens on its OpenAI route); null without `promptTokenCount`;
 * - output = `candidatesTokenCount` + `thoughtsTokenCount`, because Gemini's candidate
 *   count excludes thoughts; a missing one counts 0, both missing → null;
 * - reasoning = `thoughtsTokenCount`, cached = `cachedContentTokenCount` (part of the
 *   prompt count already), each null when absent; cacheWrite is never reported;
 * - total = `totalTokenCount` kept as given even when it differs from input + output,
 *   else input + output when both are known.
 * Non-numeric or negative values count as absent. The object is kept as `raw`.
 */
export function convertGeminiUsage(usageMetadata: unknown): Usage {
  if (!isRecord(usageMetadata)) {
    return { input: null, output: null, reasoning: null, cached: null, cacheWrite: null, total: null, raw: null };
  }
  const prompt = count(usageMetadata.promptTokenCount);
  const toolUsePrompt = count(usageMetadata.toolUsePromptTokenCount);
  const candidates = count(usageMetadata.candidatesTokenCount);
  const thoughts = count(usageMetadata.thoughtsTokenCount);
  const input = prompt === null ? null : prompt + (toolUsePrompt ?? 0);
  const output = candidates === null && thoughts === null ? null : (candidates ?? 0) + (thoughts ?? 0);
  return {
    input,
    output,
    reasoning: thoughts,
    cached: count(usageMetadata.cachedContentTokenCount),
    cacheWrite: null,
    total: count(usageMetadata.totalTokenCount) ?? (input !== null && output !== null ? input + output : null),
    raw: usageMetadata,
  };
}

function count(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : null;
}
