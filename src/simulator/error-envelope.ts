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

/** Gateway-made errors, with the messages the gateway prints. */
export const gatewayErrors = {
  missingKey: (): GatewayError => ({ status: 401, message: '未提供令牌', type: 'new_api_error', code: '' }),
  invalidKey: (): GatewayError => ({ status: 401, message: '无效的令牌', type: 'new_api_error', code: '' }),
  badBody: (detail: string): GatewayError => ({ status: 400, message: detail, type: 'new_api_error', code: 'invalid_request' }),
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
  notFound: (method: string, path: string): GatewayError => ({
    status: 404,
    message: `Invalid URL (${method} ${path})`,
    type: 'invalid_request_error',
    code: '',
  }),
};
