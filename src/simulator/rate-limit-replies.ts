import { googleErrors, renderGoogleError, type GatewayError } from './error-envelope.js';
import { sendError } from './http-reply.js';
import type { RateDecision } from './rate-limiter.js';
import type { RouteContext } from './route-context.js';

/**
 * Whose words a limiter 429 is in: an upstream limit passed through by the
 * gateway keeps the vendor's error (models-and-errors.md §3-4).
 * - `openai`: `{error:{message,type:'requests'|'tokens',code:'rate_limit_exceeded'}}` in the route's envelope
 *   (the video task envelope turns it into `{code:'rate_limit_exceeded',…}`);
 * - `anthropic`: `{type:'error',error:{type:'rate_limit_error',…}}`;
 * - `google`: `{error:{code:429,status:'RESOURCE_EXHAUSTED',…}}`.
 */
export type LimitFlavour = 'openai' | 'anthropic' | 'google';

function why(decision: RateDecision): string {
  const { model, refusal } = decision;
  if (refusal === 'too-large')
    return `Request for ${model} needs ${decision.tokens} tokens, more than its limit of ${decision.tpm} tokens per minute allows at once.`;
  const wait = `Retry in ${decision.retryAfterSeconds ?? 1}s.`;
  if (refusal === 'requests') return `Too many requests for ${model}: its limit is ${decision.rpm} per minute. ${wait}`;
  return `Too many tokens for ${model}: its limit is ${decision.tpm} per minute and this request needs ${decision.tokens}. ${wait}`;
}

/** The error a limiter refusal is answered with, in one flavour. */
export function rateLimitedError(decision: RateDecision, flavour: LimitFlavour): GatewayError {
  switch (flavour) {
    case 'google':
      return { ...googleErrors.resourceExhausted(), message: why(decision) };
    case 'anthropic':
      return { status: 429, message: why(decision), type: 'rate_limit_error', code: null };
    default:
      return {
        status: 429,
        message: why(decision),
        type: decision.refusal === 'requests' ? 'requests' : 'tokens',
        code: 'rate_limit_exceeded',
      };
  }
}

/** Puts the `x-ratelimit-*` headers of an admitted request on its response, whatever is sent later. */
export function setRateLimitHeaders(context: RouteContext, decision: RateDecision): void {
  const { response } = context;
  for (const name in decision.headers) response.setHeader(name, decision.headers[name]);
}

/** Answers a refused request: 429 in the flavour's envelope, `Retry-After` (unless waiting cannot help) and `x-ratelimit-*`. */
export function sendRateLimited(context: RouteContext, decision: RateDecision, flavour: LimitFlavour): void {
  const headers: Record<string, string> = { ...decision.headers };
  if (decision.retryAfterSeconds !== null) headers['Retry-After'] = String(decision.retryAfterSeconds);
  const error = rateLimitedError(decision, flavour);
  const target = flavour === 'google' ? { ...context, renderError: renderGoogleError } : context;
  sendError(target, error, headers);
}
