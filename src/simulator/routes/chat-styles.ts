import { randomUUID } from 'node:crypto';
import type { BilledUsage } from '../ledger.js';
import type { SimulatedVendor } from '../profiles.js';
import { hash32, randomAlphanumeric, randomHex } from '../random.js';

/**
 * How one vendor's chat completions look through the gateway: ids, extra
 * top-level fields, the usage block and where stream usage rides.
 */
export interface ChatStyle {
  vendor: SimulatedVendor;
  newId(requestId: string): string;
  responseModel(model: string): string;
  /** Vendor top-level fields (system_fingerprint, service_tier) for bodies and chunks. */
  extras(model: string): Record<string, unknown>;
  usage(usage: BilledUsage, thinks: boolean): Record<string, unknown>;
  /** Top-level key order of non-streamed bodies, as the upstream serialises them. */
  bodyOrder: readonly string[];
  /** Choices carry `logprobs: null`. */
  logprobs: boolean;
  /** Whether reasoning text is returned (the token count is reported either way). */
  showsReasoning(thinkingRequested: boolean): boolean;
}

const openAiOrder = ['id', 'object', 'created', 'model', 'choices', 'usage', 'service_tier', 'system_fingerprint'];

function fingerprint(model: string): string {
  return `fp_${hash32(model).toString(16).padStart(8, '0')}${(hash32(model, 7) & 0xff).toString(16).padStart(2, '0')}`;
}

// OpenAI answers with a dated snapshot name; mixrouter's deepseek-v4-pro page shows the upstream alias.
const snapshots: Record<string, string> = {
  'gpt-4o-mini': 'gpt-4o-mini-2024-07-18',
  'gpt-4o': 'gpt-4o-2024-08-06',
  'gpt-4.1': 'gpt-4.1-2025-04-14',
  'deepseek-v4-pro': 'deepseek-chat',
};

const sameModel = (model: string): string => snapshots[model] ?? model;

/** new-api's own usage block on gateway-converted answers, zero-filled extras included. */
function gatewayUsage(usage: BilledUsage, withClaudeKeys: boolean): Record<string, unknown> {
  const block: Record<string, unknown> = {
    prompt_tokens: usage.input,
    completion_tokens: usage.output,
    total_tokens: usage.input + usage.output,
    prompt_tokens_details: { cached_tokens: usage.cached, text_tokens: 0, audio_tokens: 0, image_tokens: 0 },
    completion_tokens_details: { text_tokens: 0, audio_tokens: 0, reasoning_tokens: usage.reasoning },
    output_tokens_details: { text_tokens: 0, audio_tokens: 0, reasoning_tokens: 0 },
    input_tokens: 0,
    output_tokens: 0,
    input_tokens_details: null,
  };
  if (withClaudeKeys) {
    block.claude_cache_creation_5_m_tokens = 0;
    block.claude_cache_creation_1_h_tokens = 0;
  }
  return block;
}

function basicUsage(usage: BilledUsage): Record<string, unknown> {
  return { prompt_tokens: usage.input, completion_tokens: usage.output, total_tokens: usage.input + usage.output };
}

const styles: Record<SimulatedVendor, ChatStyle> = {
  openai: {
    vendor: 'openai',
    newId: () => `chatcmpl-${randomAlphanumeric(29)}`,
    responseModel: sameModel,
    extras: (model) => ({ service_tier: 'default', system_fingerprint: fingerprint(model) }),
    usage: (usage) => ({
      ...basicUsage(usage),
      prompt_tokens_details: { cached_tokens: usage.cached, audio_tokens: 0 },
      completion_tokens_details: {
        reasoning_tokens: usage.reasoning,
        audio_tokens: 0,
        accepted_prediction_tokens: 0,
        rejected_prediction_tokens: 0,
      },
    }),
    bodyOrder: openAiOrder,
    logprobs: true,
    // OpenAI models never return reasoning text on chat completions, only the count.
    showsReasoning: () => false,
  },
  deepseek: {
    vendor: 'deepseek',
    newId: () => randomUUID(),
    responseModel: sameModel,
    extras: (model) => ({
      system_fingerprint: `fp_${hash32(model).toString(16).padStart(8, '0')}_prod0820_fp8_kvcache`,
    }),
    usage: (usage, thinks) => ({
      ...basicUsage(usage),
      prompt_tokens_details: { cached_tokens: usage.cached },
      ...(thinks ? { completion_tokens_details: { reasoning_tokens: usage.reasoning } } : {}),
      // DeepSeek reports its context cache as hit/miss counts that add up to prompt_tokens.
      prompt_cache_hit_tokens: usage.cached,
      prompt_cache_miss_tokens: usage.input - usage.cached,
    }),
    bodyOrder: openAiOrder,
    logprobs: true,
    showsReasoning: () => true,
  },
  qwen: {
    vendor: 'qwen',
    newId: () => `chatcmpl-${randomUUID()}`,
    responseModel: sameModel,
    // DashScope sends system_fingerprint: null.
    extras: () => ({ system_fingerprint: null }),
    usage: (usage, thinks) => ({
      ...basicUsage(usage),
      prompt_tokens_details: { cached_tokens: usage.cached },
      ...(thinks ? { completion_tokens_details: { reasoning_tokens: usage.reasoning } } : {}),
    }),
    // DashScope serialises choices first.
    bodyOrder: ['choices', 'object', 'usage', 'created', 'system_fingerprint', 'model', 'id'],
    logprobs: true,
    showsReasoning: () => true,
  },
  doubao: {
    vendor: 'doubao',
    // Ark ids: "02", the epoch milliseconds, then hex.
    newId: () => `02${Date.now()}${randomHex(38)}`,
    responseModel: sameModel,
    extras: () => ({ service_tier: 'default' }),
    usage: (usage) => ({
      ...basicUsage(usage),
      prompt_tokens_details: { cached_tokens: usage.cached },
      completion_tokens_details: { reasoning_tokens: usage.reasoning },
    }),
    bodyOrder: ['choices', 'created', 'id', 'model', 'service_tier', 'object', 'usage'],
    logprobs: true,
    showsReasoning: () => true,
  },
  claude: {
    vendor: 'claude',
    // The gateway keeps Anthropic's message id.
    newId: () => `msg_01${randomAlphanumeric(22)}`,
    responseModel: sameModel,
    extras: () => ({}),
    usage: (usage) => gatewayUsage(usage, true),
    bodyOrder: ['id', 'object', 'created', 'model', 'choices', 'usage'],
    logprobs: false,
    showsReasoning: () => true,
  },
  gemini: {
    vendor: 'gemini',
    newId: (requestId) => `chatcmpl-toio${requestId.slice(0, 23)}${randomAlphanumeric(7)}`,
    responseModel: sameModel,
    extras: () => ({}),
    usage: (usage) => gatewayUsage(usage, false),
    bodyOrder: ['id', 'object', 'created', 'model', 'choices', 'usage'],
    logprobs: false,
    // Gemini 2.5 always thinks, but thought text only comes back when asked for.
    showsReasoning: (thinkingRequested) => thinkingRequested,
  },
};

/** The chat style of a vendor. */
export function chatStyleOf(vendor: SimulatedVendor): ChatStyle {
  return styles[vendor];
}
