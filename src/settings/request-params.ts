import type { ThinkingOptions } from '../protocols/types.js';

/** Request parameters that shape the answer; they are part of every result key. */
export interface RequestParams {
  system?: string;
  temperature?: number;
  maxOutputTokens?: number;
  stream: boolean;
  thinking?: ThinkingOptions;
  extraBody?: Record<string, unknown>;
}
