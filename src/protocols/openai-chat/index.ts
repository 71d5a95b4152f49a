import { classifyHttpFailureByResponseDate } from '../http-errors.js';
import type { Codec } from '../types.js';
import { buildChatRequest } from './build-request.js';
import { createChatStreamFolder } from './fold-stream.js';
import { parseChatResponse } from './parse-response.js';

/**
 * The OpenAI-compatible `/v1/chat/completions` codec, used for every vendor on the
 * gateway. Errors are classified by `http-errors.ts`, with absolute retry hints measured
 * from the response's `date` header because codecs do not read the clock.
 */
export const openaiChatCodec: Codec = {
  format: 'openai-chat',
  buildRequest: buildChatRequest,
  parseResponse: parseChatResponse,
  createStreamFolder: createChatStreamFolder,
  classifyError: classifyHttpFailureByResponseDate,
};

export { buildChatRequest, usesMaxCompletionTokens } from './build-request.js';
export { convertChatUsage } from './convert-usage.js';
export { createChatStreamFolder } from './fold-stream.js';
export { mapChatFinishReason } from './map-finish-reason.js';
export { parseChatResponse } from './parse-response.js';
export { splitReasoningWrapper } from './split-reasoning.js';
export { chatThinkingAdjustments, thinkingFields, type ThinkingAdjustment } from './vendor-adjustments.js';
