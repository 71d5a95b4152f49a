import { classifyHttpFailureByResponseDate } from '../http-errors.js';
import type { Codec } from '../types.js';
import { buildGeminiRequest } from './build-request.js';
import { createGeminiStreamFolder } from './fold-stream.js';
import { parseGeminiResponse } from './parse-response.js';

/**
 * The Gemini native codec: `POST /v1beta/models/{model}:generateContent` and
 * `:streamGenerateContent?alt=sse` on the gateway's origin. Errors in Google's envelope
 * (`{error:{code,message,status}}`, the status name becoming the code) and in the gateway's
 * OpenAI envelope are both classified by `http-errors.ts`, with absolute retry hints measured
 * from the response's `date` header because codecs do not read the clock.
 */
export const geminiCodec: Codec = {
  format: 'gemini',
  buildRequest: buildGeminiRequest,
  parseResponse: parseGeminiResponse,
  createStreamFolder: createGeminiStreamFolder,
  classifyError: classifyHttpFailureByResponseDate,
};

export { assembleGeminiCompletion, type GeminiPieces } from './assemble-completion.js';
export { buildGeminiRequest } from './build-request.js';
export {
  convertConversation,
  convertMessageParts,
  convertPart,
  mimeTypeFromUrl,
  parseDataUrl,
  type GeminiContent,
  type GeminiPart,
} from './convert-contents.js';
export { convertGeminiUsage } from './convert-usage.js';
export { geminiUrl } from './endpoint-url.js';
export { classifyGeminiErrorPayload } from './error-payload.js';
export { createGeminiStreamFolder } from './fold-stream.js';
export { mapGeminiFinishReason } from './map-finish-reason.js';
export { parseGeminiResponse } from './parse-response.js';
export { readGeminiChunk, type GeminiChunk } from './read-chunk.js';
export { dynamicThinkingBudget, geminiThinkingConfig, type GeminiThinkingConfig } from './thinking-config.js';
