/** An error the simulated gateway answers with, before route-specific rendering. */
export interface GatewayError {
  status: number;
  message: string;
  /** `new_api_error` for gateway-made errors, `upstream_error` or an upstream type otherwise. */
  type: string;
  code: string | null;
}

/** A rendered error body. */
export interface RenderedError {
  contentType: string;
  body: string;
}

/** Renders an error in one route's envelope; `message` already carries the request id. */
export type ErrorRenderer = (error: GatewayError) => RenderedError;

/** Appends the gateway's ` (request id: …)` suffix. */
export function withRequestId(message: string, requestId: string): string {
  return `${message} (request id: ${requestId})`;
}

/** The OpenAI-style envelope the gateway uses on /v1/chat/completions, /v1/models and most routes. */
export const renderOpenAiError: ErrorRenderer = (error) => ({
  contentType: 'application/json',
  body: JSON.stringify({ error: { message: error.message, type: error.type, param: '', code: error.code } }),
});

/** Anthropic's envelope, which the gateway keeps on /v1/messages (anthropic-messages.md §7). */
export const renderAnthropicError: ErrorRenderer = (error) => ({
  contentType: 'application/json',
  body: JSON.stringify({ type: 'error', error: { type: error.type, message: error.message } }),
});

/** Gateway-made errors, with the messages the gateway prints. */
export const gatewayErrors = {
  missingKey: (): GatewayError => ({ status: 401, message: '未提供令牌', type: 'new_api_error', code: '' }),
  invalidKey: (): GatewayError => ({ status: 401, message: '无效的令牌', type: 'new_api_error', code: '' }),
  badBody: (detail: string): GatewayError => ({
    status: 400,
    message: detail,
    type: 'new_api_error',
    code: 'invalid_request',
  }),
  noChannel: (model: string): GatewayError => ({
    status: 503,
    message: `No available channel for model ${model} under group default (distributor)`,
    type: 'new_api_error',
    code: 'model_not_found',
  }),
  rateLimited: (): GatewayError => ({
    status: 429,
    message: '您已达到请求数限制：1分钟内最多请求60次',
    type: 'new_api_error',
    code: 'rate_limit_exceeded',
  }),
  upstreamFailed: (): GatewayError => ({
    status: 500,
    message: 'upstream error: do request failed: read: connection reset by peer',
    type: 'new_api_error',
    code: 'do_request_failed',
  }),
  /** Anthropic's 529, passed through with the upstream's status and type. */
  overloaded: (): GatewayError => ({
    status: 529,
    message: 'Overloaded',
    type: 'overloaded_error',
    code: 'overloaded_error',
  }),
  notFound: (method: string, path: string): GatewayError => ({
    status: 404,
    message: `Invalid URL (${method} ${path})`,
    type: 'invalid_request_error',
    code: '',
  }),
};

/**
 * Google's envelope, which the gateway passes through from Gemini upstreams on
 * /v1beta/models/… (gemini-native.md §7). `type` carries Google's status word.
 */
export const renderGoogleError: ErrorRenderer = (error) => ({
  contentType: 'application/json',
  body: JSON.stringify({ error: { code: error.status, message: error.message, status: error.type } }),
});

/** Upstream errors of Gemini models, in the words Google uses (render with `renderGoogleError`). */
export const googleErrors = {
  invalidArgument: (message: string): GatewayError => ({ status: 400, message, type: 'INVALID_ARGUMENT', code: null }),
  resourceExhausted: (): GatewayError => ({
    status: 429,
    message: 'Resource has been exhausted (e.g. check quota).',
    type: 'RESOURCE_EXHAUSTED',
    code: null,
  }),
  internal: (): GatewayError => ({
    status: 500,
    message:
      'An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting',
    type: 'INTERNAL',
    code: null,
  }),
  unavailable: (): GatewayError => ({
    status: 503,
    message: 'The model is overloaded. Please try again later.',
    type: 'UNAVAILABLE',
    code: null,
  }),
};
