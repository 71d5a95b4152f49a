import type { FormatName } from '../types.js';

/**
 * The `supported_endpoint_types` value the gateway uses for each format
 * (models-and-errors.md §1: `openai`, `openai-response`, `anthropic`, `gemini`, `openai-video`).
 */
export const ENDPOINT_TYPE_BY_FORMAT: Readonly<Record<FormatName, string>> = {
  'openai-chat': 'openai',
  'openai-responses': 'openai-response',
  'anthropic-messages': 'anthropic',
  gemini: 'gemini',
  'video-task': 'openai-video',
};

/** The format an endpoint type stands for, or null for types eval does not speak (image-generation, jina-rerank, …). */
export function formatForEndpointType(endpointType: string): FormatName | null {
  const lower = endpointType.toLowerCase();
  // Gateway builds differ on the plural; both spellings mean the Responses API.
  if (lower === 'openai-responses') return 'openai-responses';
  const found = Object.entries(ENDPOINT_TYPE_BY_FORMAT).find(([, type]) => type === lower);
  return found ? (found[0] as FormatName) : null;
}

/** True when the listed endpoint types include the format. */
export function servesFormat(options: { endpointTypes: readonly string[]; format: FormatName }): boolean {
  return options.endpointTypes.some((type) => formatForEndpointType(type) === options.format);
}
