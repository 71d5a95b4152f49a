import type { Codec } from '../types.js';
import { buildMessagesRequest } from './build-request.js';
import { classifyMessagesError } from './classify-error.js';
import { createMessagesStreamFolder } from './fold-stream.js';
import { parseMessagesResponse } from './parse-response.js';

/**
 * The Anthropic-native `/v1/messages` codec (anthropic-messages.md). Error bodies are read by
 * `http-errors.ts`; Anthropic error types take precedence over remapped statuses.
 */
export const anthropicMessagesCodec: Codec = {
  format: 'anthropic-messages',
  buildRequest: buildMessagesRequest,
  parseResponse: parseMessagesResponse,
  createStreamFolder: createMessagesStreamFolder,
  classifyError: classifyMessagesError,
};

export { assembleMessagesCompletion, type MessagesPieces } from './assemble-completion.js';
export {
  anthropicVersion,
  buildMessagesRequest,
  defaultMaxTokens,
  defaultThinkingBudget,
  maxTokens,
  minimumThinkingBudget,
  thinkingAnswerRoom,
  thinkingBudget,
} from './build-request.js';
export { classifyMessagesError } from './classify-error.js';
export {
  convertContentPart,
  convertMessages,
  type MessagesBlock,
  type MessagesPrompt,
  type MessagesTurn,
} from './convert-messages.js';
export { convertMessagesUsage, convertStreamUsage, mergeDeltaUsage } from './convert-usage.js';
export { createMessagesStreamFolder } from './fold-stream.js';
export { mapMessagesStopReason } from './map-finish-reason.js';
export { parseMessagesResponse, readContentBlocks, type ContentText } from './parse-response.js';
