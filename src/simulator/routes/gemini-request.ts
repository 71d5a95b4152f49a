import type { TokenizedContent } from '../tokens.js';

/** What the simulator reads from a Gemini `generateContent` body. */
export interface GeminiRequest {
  /** System instruction and user text, joined by newlines, for the answer engine. */
  prompt: string;
  /** The system instruction (when given) and every content's text and media parts, for prompt tokens. */
  contents: TokenizedContent[];
  /** JSON of the conversation (`contents`, or `{systemInstruction, contents}`), for the prompt hash. */
  conversationJson: string;
  maxOutputTokens: number | null;
  /** `thinkingConfig.includeThoughts`: thought summaries come back as `thought: true` parts. */
  includeThoughts: boolean;
  /** Some thinking was asked for (thoughts, a non-zero budget or a level). */
  thinkingRequested: boolean;
  /** `thinkingBudget: 0` on a model that may stop thinking. */
  thinkingDisabled: boolean;
}

/** A parsed request, or the message of Google's 400 `INVALID_ARGUMENT`. */
export type GeminiParseResult = { ok: true; value: GeminiRequest } | { ok: false; message: string };

function record(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** A field under its JSON name, or its proto (snake_case) name, which Google accepts too. */
function field(fields: Record<string, unknown> | undefined, camel: string, snake: string): unknown {
  if (!fields) return undefined;
  return fields[camel] !== undefined ? fields[camel] : fields[snake];
}

function contentOf(parts: unknown[]): TokenizedContent {
  const texts: string[] = [];
  let mediaParts = 0;
  for (const part of parts) {
    const fields = record(part);
    if (!fields) continue;
    if (typeof fields.text === 'string') texts.push(fields.text);
    else if (
      field(fields, 'inlineData', 'inline_data') !== undefined ||
      field(fields, 'fileData', 'file_data') !== undefined
    )
      mediaParts += 1;
  }
  return { text: texts.join('\n'), mediaParts };
}

function systemContent(value: unknown): TokenizedContent | null | 'invalid' {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return { text: value, mediaParts: 0 };
  const parts = record(value)?.parts;
  return Array.isArray(parts) ? contentOf(parts) : 'invalid';
}

/** Models whose thinking cannot be switched off with a zero budget (gemini-native.md §1). */
function alwaysThinking(model: string): boolean {
  return /gemini-2\.5-pro/i.test(model);
}

type Thinking = Pick<GeminiRequest, 'includeThoughts' | 'thinkingRequested' | 'thinkingDisabled'>;

function thinkingOf(model: string, config: Record<string, unknown> | undefined): Thinking | { error: string } {
  const budget = field(config, 'thinkingBudget', 'thinking_budget');
  const level = field(config, 'thinkingLevel', 'thinking_level');
  const includeThoughts = field(config, 'includeThoughts', 'include_thoughts') === true;
  if (budget !== undefined && level !== undefined)
    return { error: 'You can only set only one of thinking budget and thinking level.' };
  if (budget !== undefined && (typeof budget !== 'number' || !Number.isInteger(budget) || budget < -1)) {
    return { error: `Invalid value at 'generation_config.thinking_config.thinking_budget': ${JSON.stringify(budget)}` };
  }
  if (budget === 0 && alwaysThinking(model))
    return { error: 'Budget 0 is invalid. This model only works in thinking mode.' };
  return {
    includeThoughts,
    thinkingRequested: includeThoughts || (budget !== undefined && budget !== 0) || level !== undefined,
    thinkingDisabled: budget === 0,
  };
}

function positiveInteger(value: unknown): number | null {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : null;
}

/** Reads a `generateContent` body for `model` (from the path); unknown fields are ignored. */
export function parseGeminiRequest(options: { body: Record<string, unknown>; model: string }): GeminiParseResult {
  const { body, model } = options;
  const contents = body.contents;
  if (contents === undefined || contents === null)
    return { ok: false, message: '* GenerateContentRequest.contents: contents is not specified' };
  if (!Array.isArray(contents) || contents.length === 0)
    return { ok: false, message: '* GenerateContentRequest.contents: contents must be a non-empty list' };
  const systemValue = field(body, 'systemInstruction', 'system_instruction');
  const system = systemContent(systemValue);
  if (system === 'invalid')
    return { ok: false, message: '* GenerateContentRequest.system_instruction: parts is not specified' };
  const tokenized: TokenizedContent[] = system ? [system] : [];
  const promptParts: string[] = system?.text ? [system.text] : [];
  for (const [index, item] of contents.entries()) {
    const fields = record(item);
    const parts = fields?.parts;
    if (!fields || !Array.isArray(parts) || parts.length === 0) {
      return {
        ok: false,
        message: `* GenerateContentRequest.contents[${index}].parts: contents.parts must not be empty.`,
      };
    }
    const role = fields.role ?? 'user';
    if (role !== 'user' && role !== 'model') return { ok: false, message: 'Please use a valid role: user, model.' };
    const content = contentOf(parts);
    tokenized.push(content);
    if (role === 'user' && content.text) promptParts.push(content.text);
  }
  const config = record(field(body, 'generationConfig', 'generation_config'));
  const thinking = thinkingOf(model, record(field(config, 'thinkingConfig', 'thinking_config')));
  if ('error' in thinking) return { ok: false, message: thinking.error };
  return {
    ok: true,
    value: {
      prompt: promptParts.join('\n'),
      contents: tokenized,
      conversationJson: JSON.stringify(
        systemValue === undefined ? contents : { systemInstruction: systemValue, contents },
      ),
      maxOutputTokens: positiveInteger(field(config, 'maxOutputTokens', 'max_output_tokens')),
      ...thinking,
    },
  };
}
