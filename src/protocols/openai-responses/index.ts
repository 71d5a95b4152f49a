import { classifyHttpFailureByResponseDate } from '../http-errors.js';
import type { Codec } from '../types.js';
import { buildResponsesRequest } from './build-request.js';
import { createResponsesStreamFolder } from './fold-stream.js';
import { parseResponsesResponse } from './parse-response.js';

/**
 * The OpenAI Responses `/v1/responses` codec, for models the gateway serves only there
 * (`gpt-5.1-codex`, `gpt-5.2-pro`) and any other model routed to it. Errors before the
 * stream use the same envelope as chat completions, so `http-errors.ts` classifies them,
 * with absolute retry hints measured from the response's `date` header.
 */
export const openaiResponsesCodec: Codec = {
  format: 'openai-responses',
  buildRequest: buildResponsesRequest,
  parseResponse: parseResponsesResponse,
  createStreamFolder: createResponsesStreamFolder,
  classifyError: classifyHttpFailureByResponseDate,
};

export { buildResponsesRequest } from './build-request.js';
export { convertContentPart, convertInput, type InputMessage, type ResponsesInput } from './convert-input.js';
export { convertResponsesUsage } from './convert-usage.js';
export { createResponsesStreamFolder } from './fold-stream.js';
export { mapResponsesFinishReason } from './map-finish-reason.js';
export { parseResponsesResponse } from './parse-response.js';
export { budgetByEffort, effortForThinking, type ReasoningEffort } from './reasoning-effort.js';
