import type { Call, Endpoint, ThinkingOptions, WireRequest } from '../types.js';
import { convertMessages } from './convert-messages.js';

/** The `anthropic-version` header value (anthropic-messages.md §1.1; the gateway accepts it). */
export const anthropicVersion = '2023-06-01';

/** `max_tokens` when the call sets no cap and thinking is off: the API requires the field. */
export const defaultMaxTokens = 4096;

/** Thinking budget when the call gives neither a budget nor an effort (the reference's §1.3 example). */
export const defaultThinkingBudget = 2048;

/** The smallest `budget_tokens` the API accepts (§1.2: `1024 <= N`). */
export const minimumThinkingBudget = 1024;

/** Tokens left for the visible answer on top of the thinking budget when the cap is derived. */
export const thinkingAnswerRoom = 2048;

/** Budgets for effort levels: the gateway's chat-route levels, so both routes think alike for the same options. */
const budgetByEffort: Record<NonNullable<ThinkingOptions['effort']>, number> = {
  // The gateway has no minimal level for Claude; it is treated as low.
  minimal: 1280,
  low: 1280,
  medium: 2048,
  high: 4096,
};

/**
 * The `budget_tokens` to send: the call's budget, else its effort's budget, else 2048;
 * raised to the API minimum of 1024 because a smaller one is rejected.
 */
export function thinkingBudget(thinking: ThinkingOptions): number {
  const wanted =
    thinking.budgetTokens ?? (thinking.effort === undefined ? defaultThinkingBudget : budgetByEffort[thinking.effort]);
  return Math.max(minimumThinkingBudget, wanted);
}

/**
 * The `max_tokens` to send. Without thinking: the call's cap, else 4096. With thinking the
 * cap must exceed the budget (§1.2, it counts thinking too): the call's cap when it does,
 * else budget + 2048, and at least 4096 when the call set no cap.
 */
export function maxTokens(options: { maxOutputTokens: number | undefined; budget: number | null }): number {
  const { maxOutputTokens, budget } = options;
  if (budget === null) return maxOutputTokens ?? defaultMaxTokens;
  if (maxOutputTokens !== undefined) return maxOutputTokens > budget ? maxOutputTokens : budget + thinkingAnswerRoom;
  return Math.max(defaultMaxTokens, budget + thinkingAnswerRoom);
}

/**
 * Builds a `POST {baseUrl}/messages` request (anthropic-messages.md §1). Body, lowest
 * precedence first: `model`, `max_tokens` (always, see `maxTokens`), `system` when there
 * is one, `messages` (see `convertMessages`), `temperature` when set and thinking is off
 * (thinking requires the default temperature, so it is never sent then), `stream`,
 * `thinking: {type: 'enabled', budget_tokens}` when thinking is on (nothing when off:
 * Claude does not think unless asked), then `extraBody` (shallow, overrides anything).
 * Headers carry `anthropic-version` but no credential; the transport adds that.
 */
export function buildMessagesRequest(options: { call: Call; endpoint: Endpoint }): WireRequest {
  const { call, endpoint } = options;
  const thinking = call.thinking?.enabled === true ? call.thinking : null;
  const budget = thinking === null ? null : thinkingBudget(thinking);
  const prompt = convertMessages({ system: call.system, messages: call.messages });
  const body: Record<string, unknown> = {
    model: call.model,
    max_tokens: maxTokens({ maxOutputTokens: call.maxOutputTokens, budget }),
  };
  if (prompt.system !== null) body.system = prompt.system;
  body.messages = prompt.messages;
  if (call.temperature !== undefined && budget === null) body.temperature = call.temperature;
  body.stream = call.stream;
  if (budget !== null) body.thinking = { type: 'enabled', budget_tokens: budget };
  const notes: string[] = [];
  if (call.temperature !== undefined && budget !== null) {
    notes.push(`temperature ${call.temperature} is not sent: thinking requires the default temperature`);
  }
  if (thinking?.budgetTokens !== undefined && budget !== null && budget > thinking.budgetTokens) {
    notes.push(`thinking budget ${thinking.budgetTokens} is raised to ${budget}, the API's minimum`);
  }
  if (call.maxOutputTokens !== undefined && body.max_tokens !== call.maxOutputTokens) {
    notes.push(
      `max tokens ${call.maxOutputTokens} is raised to ${String(body.max_tokens)}: it must exceed the thinking budget`,
    );
  }
  return {
    method: 'POST',
    url: `${endpoint.baseUrl.replace(/\/+$/, '')}/messages`,
    headers: {
      'content-type': 'application/json',
      'anthropic-version': anthropicVersion,
      accept: call.stream ? 'text/event-stream' : 'application/json',
    },
    body: { ...body, ...call.extraBody },
    stream: call.stream,
    ...(notes.length > 0 ? { notes } : {}),
  };
}
