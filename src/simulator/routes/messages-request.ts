import type { TokenizedContent } from '../tokens.js';

/** What the simulator reads from a `/v1/messages` body. */
export interface MessagesRequest {
  model: string;
  stream: boolean;
  maxTokens: number;
  /** `system` as a leading `{role: 'system'}` message, then `messages`, for the prompt hash. */
  messages: unknown[];
  /** System and user text, joined by newlines. */
  prompt: string;
  /** System prompt and every message's text and media blocks, for prompt tokens. */
  contents: TokenizedContent[];
  /** `thinking.type` is `enabled` (or `adaptive`). */
  thinkingRequested: boolean;
  /** `thinking.type` is `disabled`: no thinking even on a model that always thinks. */
  thinkingDisabled: boolean;
  /** Some block (or the body) carries `cache_control`, asking Anthropic to cache the prefix. */
  cacheControl: boolean;
}

/** Anthropic's smallest thinking budget. */
export const minimumThinkingBudget = 1024;

const textBlocks = new Set(['text', 'thinking']);

function record(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function blocksOf(content: unknown): Array<Record<string, unknown>> {
  return Array.isArray(content) ? content.map(record).filter((block) => block !== undefined) : [];
}

function contentOf(content: unknown): TokenizedContent {
  if (typeof content === 'string') return { text: content, mediaParts: 0 };
  const texts: string[] = [];
  let mediaParts = 0;
  for (const block of blocksOf(content)) {
    if (typeof block.type === 'string' && textBlocks.has(block.type))
      texts.push(String(block.text ?? block.thinking ?? ''));
    else mediaParts += 1;
  }
  return { text: texts.join('\n'), mediaParts };
}

function marksCache(content: unknown): boolean {
  return blocksOf(content).some((block) => record(block.cache_control) !== undefined);
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value);
}

type Parsed = { ok: true; value: MessagesRequest } | { ok: false; message: string };

function thinkingProblem(thinking: Record<string, unknown>, maxTokens: number): string | null {
  if (thinking.type === 'disabled' || thinking.type === 'adaptive') return null;
  if (thinking.type !== 'enabled') return "thinking.type: Input should be 'enabled', 'disabled' or 'adaptive'";
  const budget = thinking.budget_tokens;
  if (budget === undefined) return 'thinking.enabled.budget_tokens: Field required';
  if (!isCount(budget)) return 'thinking.enabled.budget_tokens: Input should be a valid integer';
  if (budget < minimumThinkingBudget)
    return `thinking.enabled.budget_tokens: Input should be greater than or equal to ${minimumThinkingBudget}`;
  if (budget >= maxTokens) return '`max_tokens` must be greater than `thinking.budget_tokens`';
  return null;
}

/**
 * Reads and validates a Messages body the way Anthropic does (anthropic-messages.md
 * §1.2, §8): `max_tokens` is required and a thinking budget must be at least 1024
 * and below `max_tokens`. Unknown fields are ignored.
 */
export function parseMessagesRequest(body: Record<string, unknown>): Parsed {
  if (typeof body.model !== 'string' || body.model.length === 0) return { ok: false, message: 'model: Field required' };
  if (body.max_tokens === undefined || body.max_tokens === null)
    return { ok: false, message: 'max_tokens: Field required' };
  if (!isCount(body.max_tokens)) return { ok: false, message: 'max_tokens: Input should be a valid integer' };
  if (body.max_tokens < 1) return { ok: false, message: 'max_tokens: Input should be greater than or equal to 1' };
  if (body.messages === undefined || body.messages === null) return { ok: false, message: 'messages: Field required' };
  if (!Array.isArray(body.messages)) return { ok: false, message: 'messages: Input should be a valid list' };
  if (body.messages.length === 0) return { ok: false, message: 'messages: at least one message is required' };
  const thinking = record(body.thinking);
  const problem = thinking ? thinkingProblem(thinking, body.max_tokens) : null;
  if (problem) return { ok: false, message: problem };
  const messages: unknown[] = [];
  const contents: TokenizedContent[] = [];
  const promptParts: string[] = [];
  let cacheControl = record(body.cache_control) !== undefined;
  if (body.system !== undefined && body.system !== null) {
    if (typeof body.system !== 'string' && !Array.isArray(body.system))
      return { ok: false, message: 'system: Input should be a valid string or list' };
    const system = contentOf(body.system);
    messages.push({ role: 'system', content: body.system });
    contents.push(system);
    if (system.text) promptParts.push(system.text);
    cacheControl ||= marksCache(body.system);
  }
  for (const [index, message] of body.messages.entries()) {
    const fields = record(message);
    if (!fields || (fields.role !== 'user' && fields.role !== 'assistant')) {
      return { ok: false, message: `messages.${index}.role: Input should be 'user' or 'assistant'` };
    }
    const content = contentOf(fields.content);
    messages.push(message);
    contents.push(content);
    if (fields.role === 'user' && content.text) promptParts.push(content.text);
    cacheControl ||= marksCache(fields.content);
  }
  return {
    ok: true,
    value: {
      model: body.model,
      stream: body.stream === true,
      maxTokens: body.max_tokens,
      messages,
      prompt: promptParts.join('\n'),
      contents,
      thinkingRequested: thinking?.type === 'enabled' || thinking?.type === 'adaptive',
      thinkingDisabled: thinking?.type === 'disabled',
      cacheControl,
    },
  };
}
