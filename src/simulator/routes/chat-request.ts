import type { TokenizedContent } from '../tokens.js';

/** What the simulator reads from a chat completions body. */
export interface ChatRequest {
  model: string;
  messages: unknown[];
  stream: boolean;
  /** `stream_options.include_usage`, or undefined when not sent. */
  includeUsage: boolean | undefined;
  /** User, system and developer text, joined by newlines. */
  prompt: string;
  /** Every message's text and media parts, for prompt tokens. */
  contents: TokenizedContent[];
  thinkingRequested: boolean;
  maxOutputTokens: number | null;
}

const promptRoles = new Set(['system', 'developer', 'user']);

function contentOf(content: unknown): TokenizedContent {
  if (typeof content === 'string') return { text: content, mediaParts: 0 };
  if (!Array.isArray(content)) return { text: '', mediaParts: 0 };
  const texts: string[] = [];
  let mediaParts = 0;
  for (const part of content) {
    if (part && typeof part === 'object' && (part as { type?: unknown }).type === 'text') {
      texts.push(String((part as { text?: unknown }).text ?? ''));
    } else if (part) {
      mediaParts += 1;
    }
  }
  return { text: texts.join('\n'), mediaParts };
}

function record(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** Every documented way of asking for thinking on this endpoint (openai-chat.md §1.2). */
function asksForThinking(body: Record<string, unknown>): boolean {
  const thinking = record(body.thinking);
  if (thinking && (thinking.type === 'enabled' || thinking.type === 'auto')) return true;
  if (body.enable_thinking === true) return true;
  if (typeof body.reasoning_effort === 'string' && !['none', 'minimal'].includes(body.reasoning_effort)) return true;
  const reasoning = record(body.reasoning);
  if (reasoning && typeof reasoning.max_tokens === 'number' && reasoning.max_tokens > 0) return true;
  const config = record(record(record(body.extra_body)?.google)?.thinking_config);
  return (
    config !== undefined &&
    (config.include_thoughts === true || (typeof config.thinking_budget === 'number' && config.thinking_budget > 0))
  );
}

function positiveInteger(value: unknown): number | null {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : null;
}

/** Reads a chat completions body; unknown fields are ignored, as the gateway does. */
export function parseChatRequest(
  body: Record<string, unknown>,
): { ok: true; value: ChatRequest } | { ok: false; message: string } {
  if (typeof body.model !== 'string' || body.model.length === 0)
    return { ok: false, message: 'field model is required' };
  if (body.messages === undefined || body.messages === null)
    return { ok: false, message: 'field messages is required' };
  if (!Array.isArray(body.messages)) return { ok: false, message: 'field messages must be an array' };
  if (body.messages.length === 0) return { ok: false, message: 'field messages must not be empty' };
  const contents: TokenizedContent[] = [];
  const promptParts: string[] = [];
  for (const message of body.messages) {
    const fields = record(message);
    if (!fields || typeof fields.role !== 'string') return { ok: false, message: 'each message needs a role' };
    const content = contentOf(fields.content);
    contents.push(content);
    if (promptRoles.has(fields.role) && content.text) promptParts.push(content.text);
  }
  const includeUsage = record(body.stream_options)?.include_usage;
  return {
    ok: true,
    value: {
      model: body.model,
      messages: body.messages,
      stream: body.stream === true,
      includeUsage: typeof includeUsage === 'boolean' ? includeUsage : undefined,
      prompt: promptParts.join('\n'),
      contents,
      thinkingRequested: asksForThinking(body),
      maxOutputTokens: positiveInteger(body.max_completion_tokens) ?? positiveInteger(body.max_tokens),
    },
  };
}
