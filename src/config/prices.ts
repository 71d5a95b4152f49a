import type { ModelPrice } from '../settings/price.js';

/**
 * Built-in prices by wire id: **indicative vendor list prices as published in late 2025**
 * (OpenAI, Anthropic, Google and DeepSeek pricing pages; Alibaba Cloud international for
 * qwen3-max), standard tier, USD per 1M tokens. They are not mixrouter's prices, which may
 * differ (gateway markup, discounts, CNY billing): put the prices you pay in the config
 * file (`prices:` or a model's `price:`), which override this table. Tiered models carry
 * their lowest tier (Gemini 2.5 Pro ≤200K-token prompts, qwen3-max ≤32K). Models whose
 * price could not be confirmed are left out, so their cost is null rather than made up.
 */
export const BUILT_IN_PRICES: Readonly<Record<string, ModelPrice>> = {
  'gpt-4o': { input: 2.5, cachedInput: 1.25, output: 10 },
  'gpt-4o-mini': { input: 0.15, cachedInput: 0.075, output: 0.6 },
  'gpt-4.1': { input: 2, cachedInput: 0.5, output: 8 },
  'gpt-5': { input: 1.25, cachedInput: 0.125, output: 10 },
  'gpt-5-chat': { input: 1.25, cachedInput: 0.125, output: 10 },
  'gpt-5-mini': { input: 0.25, cachedInput: 0.025, output: 2 },
  'gpt-5-nano': { input: 0.05, cachedInput: 0.005, output: 0.4 },
  'gpt-5.1': { input: 1.25, cachedInput: 0.125, output: 10 },
  o1: { input: 15, cachedInput: 7.5, output: 60 },
  o3: { input: 2, cachedInput: 0.5, output: 8 },
  'o3-mini': { input: 1.1, cachedInput: 0.55, output: 4.4 },
  'o4-mini': { input: 1.1, cachedInput: 0.275, output: 4.4 },
  'claude-opus-4-5-20251101': { input: 5, cachedInput: 0.5, cacheWrite: 6.25, output: 25 },
  'claude-opus-4-20250514': { input: 15, cachedInput: 1.5, cacheWrite: 18.75, output: 75 },
  'claude-sonnet-4-5-20250929': { input: 3, cachedInput: 0.3, cacheWrite: 3.75, output: 15 },
  'claude-sonnet-4-20250514': { input: 3, cachedInput: 0.3, cacheWrite: 3.75, output: 15 },
  'gemini-2.0-flash': { input: 0.1, cachedInput: 0.025, output: 0.4 },
  'gemini-2.5-flash': { input: 0.3, cachedInput: 0.03, output: 2.5 },
  'gemini-2.5-flash-lite': { input: 0.1, cachedInput: 0.01, output: 0.4 },
  'gemini-2.5-pro': { input: 1.25, cachedInput: 0.125, output: 10 },
  'gemini-3-pro-preview': { input: 2, cachedInput: 0.2, output: 12 },
  'deepseek-chat': { input: 0.28, cachedInput: 0.028, output: 0.42 },
  'deepseek-reasoner': { input: 0.28, cachedInput: 0.028, output: 0.42 },
  'qwen3-max': { input: 1.2, output: 6 },
};

/** Where a target's price came from, for the report. */
export type PriceSource = 'config-model' | 'config-prices' | 'built-in';

/**
 * The price of a wire id: the model entry's own `price`, else the config's `prices` table,
 * else the built-in table; null when none has it.
 */
export function priceFor(options: {
  modelId: string;
  modelPrice?: ModelPrice;
  configPrices?: Readonly<Record<string, ModelPrice>>;
}): { price: ModelPrice; source: PriceSource } | null {
  if (options.modelPrice) return { price: options.modelPrice, source: 'config-model' };
  const configured = options.configPrices?.[options.modelId];
  if (configured) return { price: configured, source: 'config-prices' };
  const builtIn = BUILT_IN_PRICES[options.modelId];
  return builtIn ? { price: builtIn, source: 'built-in' } : null;
}
