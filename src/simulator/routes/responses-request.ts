import type { TokenizedContent } from '../tokens.js';

/** What the simulator reads from a `/v1/responses` body. */
export interface ResponsesRequest {
  model: string;
  stream: boolean;
  /** `instructions` and the input as `{role, content}` messages, for the prompt hash. */
  messages: unknown[];
  /** Instructions plus system, developer and user text, joined by newlines. */
  prompt: string;
  /** Every message's text and media parts, for prompt tokens. */
  contents: TokenizedContent[];
  instructions: string | null;
  /** The `reasoning` object as sent (echoed in the response), or null. */
  reasoning: { effort: string | null; summary: string | null } | null;
  thinkingRequested: boolean;
  /** `reasoning.effort` is `none`: no reasoning even on a model that always reasons. */
  thinkingDisabled: boolean;
  /** A reasoning summary was asked for (`reasoning.summary`), so summary text is returned. */
  summaryRequested: boolean;
  maxOutputTokens: number | null;
  store: boolean;
}

/** OpenAI's lower bound on `max_output_tokens`. */
export const minimumOutputTokens = 16;

const promptRoles = new Set(['system', 'developer', 'user']);
const textParts = new Set(['input_text', 'output_text', 'text']);

function record(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function contentOf(content: unknown): TokenizedContent {
  if (typeof content === 'string') return { text: content, mediaParts: 0 };
  if (!Array.isArray(content)) return { text: '', mediaParts: 0 };
  const texts: string[] = [];
  let mediaParts = 0;
  for (const part of content) {
    const fields = record(part);
    if (fields && typeof fields.type === 'string' && textParts.has(fields.type)) texts.push(String(fields.text ?? ''));
    else if (part) mediaParts += 1;
  }
  return { text: texts.join('\n'), mediaParts };
}

function reasoningOf(value: unknown): ResponsesRequest['reasoning'] {
  const fields = record(value);
  if (!fields) return null;
  return {
    effort: typeof fields.effort === 'string' ? fields.effort : null,
    summary: typeof fields.summary === 'string' ? fields.summary : null,
  };
}

type Parsed = { ok: true; value: ResponsesRequest } | { ok: false; message: string; code: string };

function invalid(message: string, code: string): Parsed {
  return { ok: false, message, code };
}

/**
 * Reads a Responses body: `input` as a string or a list of items (messages and
 * earlier output items, which only count as prompt tokens). Unknown fields are ignored.
 */
export function parseResponsesRequest(body: Record<string, unknown>): Parsed {
  if (typeof body.model !== 'string' || body.model.length === 0)
    return invalid("Missing required parameter: 'model'.", 'missing_required_parameter');
  if (body.input === undefined || body.input === null)
    return invalid("Missing required parameter: 'input'.", 'missing_required_parameter');
  if (typeof body.input !== 'string' && !Array.isArray(body.input))
    return invalid("Invalid type for 'input': expected a string or an array.", 'invalid_type');
  const maxOutput = body.max_output_tokens;
  if (
    maxOutput !== undefined &&
    maxOutput !== null &&
    (typeof maxOutput !== 'number' || !Number.isInteger(maxOutput))
  ) {
    return invalid("Invalid type for 'max_output_tokens': expected an integer.", 'invalid_type');
  }
  if (typeof maxOutput === 'number' && maxOutput < minimumOutputTokens) {
    return invalid(
      `Invalid 'max_output_tokens': integer below minimum value. Expected a value >= ${minimumOutputTokens}, but got ${maxOutput} instead.`,
      'integer_below_min_value',
    );
  }
  const instructions = typeof body.instructions === 'string' ? body.instructions : null;
  const messages: unknown[] = instructions === null ? [] : [{ role: 'system', content: instructions }];
  const contents: TokenizedContent[] = instructions === null ? [] : [{ text: instructions, mediaParts: 0 }];
  const promptParts: string[] = instructions ? [instructions] : [];
  const items: unknown[] = typeof body.input === 'string' ? [{ role: 'user', content: body.input }] : body.input;
  for (const item of items) {
    const fields = record(item);
    if (!fields) return invalid("Invalid 'input': each item must be an object.", 'invalid_type');
    messages.push(item);
    if (typeof fields.role === 'string') {
      const content = contentOf(fields.content);
      contents.push(content);
      if (promptRoles.has(fields.role) && content.text) promptParts.push(content.text);
    } else {
      contents.push({ text: JSON.stringify(fields), mediaParts: 0 });
    }
  }
  const reasoning = reasoningOf(body.reasoning);
  return {
    ok: true,
    value: {
      model: body.model,
      stream: body.stream === true,
      messages,
      prompt: promptParts.join('\n'),
      contents,
      instructions,
      reasoning,
      // effort "none" (gpt-5.1) turns reasoning off; any other reasoning object asks for it.
      thinkingRequested: reasoning !== null && reasoning.effort !== 'none',
      thinkingDisabled: reasoning?.effort === 'none',
      summaryRequested: reasoning?.summary !== null && reasoning?.summary !== undefined,
      maxOutputTokens: typeof maxOutput === 'number' ? maxOutput : null,
      store: body.store !== false,
    },
  };
}
