import type { Vendor } from '../protocols/types.js';

const PREFIXES: Array<[RegExp, Vendor]> = [
  [/^(gpt-|o\d|chatgpt-|text-|davinci)/, 'openai'],
  [/^claude-/, 'anthropic'],
  [/^(gemini-|gemma-)/, 'google'],
  [/^deepseek/, 'deepseek'],
  [/^(qwen|qwq|qvq)/, 'qwen'],
  [/^(doubao-|seed-)/, 'doubao'],
];

/** The vendor behind a model id, from its well-known prefix; `other` when unknown. */
export function guessVendor(modelId: string): Vendor {
  const lower = modelId.toLowerCase();
  for (const [pattern, vendor] of PREFIXES) if (pattern.test(lower)) return vendor;
  return 'other';
}
