import type { KnowledgeBase } from './answer/knowledge.js';
import { composeAnswer } from './answer/engine.js';
import { planTiming, type Timing } from './latency.js';
import type { BilledUsage } from './ledger.js';
import type { ModelProfile, ProfileBook } from './profiles.js';
import type { PromptCache } from './prompt-cache.js';
import { countTokens, truncateToTokens } from './tokens.js';

/** A format-neutral request for one simulated answer. */
export interface GenerationRequest {
  seq: number;
  model: string;
  /** Text the answer engine reads (user, system and developer parts). */
  prompt: string;
  promptTokens: number;
  promptHash: string;
  thinkingRequested: boolean;
  /** Output cap including reasoning, or null for none. */
  maxOutputTokens: number | null;
  /** The request switched thinking off (Gemini `thinkingBudget: 0`); wins over the profile. */
  thinkingDisabled?: boolean;
  /** Overrides the profile's prompt caching for this request (Anthropic caches when asked by `cache_control`). */
  promptCaching?: boolean;
}

/** A simulated answer with its usage and timing, before any wire format. */
export interface Generation {
  profile: ModelProfile;
  content: string;
  /** Reasoning the model produced; whether it is shown is the route's choice. */
  reasoning: string | null;
  finish: 'stop' | 'length';
  usage: BilledUsage;
  contentTokens: number;
  timing: Timing;
}

/** Shared pieces a generator needs. */
export interface GeneratorParts {
  profiles: ProfileBook;
  knowledge: KnowledgeBase;
  promptCache: PromptCache;
  latencyScale: number;
  seed: number;
}

/** True when the model thinks on this request: always, or on request when it has a switch. */
export function thinksOn(profile: ModelProfile, thinkingRequested: boolean): boolean {
  return profile.reasoning || (thinkingRequested && profile.thinkingSwitch);
}

/** Produces the answer, usage and timing of one request. */
export function generate(parts: GeneratorParts, request: GenerationRequest): Generation {
  const profile = parts.profiles.get(request.model);
  const answer = composeAnswer({
    prompt: request.prompt,
    model: request.model,
    accuracy: profile.accuracy,
    accuracyByGroup: profile.accuracyByGroup,
    thinks: request.thinkingDisabled !== true && thinksOn(profile, request.thinkingRequested),
    knowledge: parts.knowledge,
  });
  let content = answer.content;
  let reasoning = answer.reasoning;
  let contentTokens = countTokens(content);
  let reasoningTokens = reasoning === null ? 0 : countTokens(reasoning);
  let finish: Generation['finish'] = 'stop';
  const cap = request.maxOutputTokens;
  if (cap !== null && cap >= 0 && contentTokens + reasoningTokens > cap) {
    finish = 'length';
    if (reasoning !== null && reasoningTokens > cap) {
      reasoning = truncateToTokens(reasoning, cap);
      reasoningTokens = countTokens(reasoning);
    }
    content = truncateToTokens(content, cap - reasoningTokens);
    contentTokens = countTokens(content);
  }
  const cached =
    (request.promptCaching ?? profile.promptCaching)
      ? parts.promptCache.cachedTokens({
          model: request.model,
          promptHash: request.promptHash,
          promptTokens: request.promptTokens,
        })
      : 0;
  return {
    profile,
    content,
    reasoning,
    finish,
    usage: { input: request.promptTokens, output: contentTokens + reasoningTokens, reasoning: reasoningTokens, cached },
    contentTokens,
    timing: planTiming({ profile, latencyScale: parts.latencyScale, seq: request.seq, seed: parts.seed }),
  };
}
