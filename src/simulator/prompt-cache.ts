import { KeySet } from '../util/key-set.js';

/** Share of a repeated prompt that is reported as read from the cache. */
const cachedShare = 0.75;
/** Distinct prompts remembered per model before the memory starts over. */
const promptsPerModel = 500_000;

/** Tokens of a prompt that a repeat reads from the cache (and a first sight may write to it). */
export function cacheablePrefixTokens(promptTokens: number): number {
  return Math.floor(promptTokens * cachedShare);
}

/**
 * Remembers which prompts each model has seen, so a repeated identical prompt
 * reports cached input tokens the way vendors with prompt caching do.
 */
export class PromptCache {
  private byModel = new Map<string, KeySet>();

  /** Cached tokens for this request (0 on first sight), and remembers the prompt. */
  cachedTokens(options: { model: string; promptHash: string; promptTokens: number }): number {
    let seen = this.byModel.get(options.model);
    if (!seen || seen.size >= promptsPerModel) {
      seen = new KeySet();
      this.byModel.set(options.model, seen);
    }
    const firstTime = seen.add(options.promptHash);
    return firstTime ? 0 : cacheablePrefixTokens(options.promptTokens);
  }

  /** Forgets every prompt. */
  clear(): void {
    this.byModel = new Map();
  }
}
