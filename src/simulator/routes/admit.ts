import { gatewayErrors } from '../error-envelope.js';
import { replacesResponse, sendReplacingFault } from '../fault-replies.js';
import type { FaultName } from '../faults.js';
import { sendError } from '../http-reply.js';
import { type LimitFlavour, sendRateLimited, setRateLimitHeaders } from '../rate-limit-replies.js';
import type { RouteContext } from '../route-context.js';
import { bearerKey } from '../router.js';

/** What every generation request is recorded with. */
export interface RequestFacts {
  model: string;
  stream: boolean;
  promptHash: string | null;
}

/** How a route answers what admission refuses; one constant object per route. */
export interface Admission {
  /** Renders a response-replacing fault in the route's own way. Default `sendReplacingFault`. */
  sendFault?: (context: RouteContext, fault: FaultName) => number;
  /** Envelope of a rate limiter 429. Default `'openai'` (the route's own envelope). */
  limitFlavour?: LimitFlavour;
}

const defaultAdmission: Admission = {};

/**
 * The gateway's checks between a valid request and generating its answer:
 * the model must have a channel (503 otherwise), the rate limiter must have
 * room for the request (429 otherwise; `tokens` is what a tpm limit charges),
 * and a fault that replaces the whole response (429, 5xx, reset, HTML page)
 * is sent here. Returns the fault left for the route to act out in the body
 * (or null), or `'sent'` when the response is already finished.
 */
export function admitGeneration(
  context: RouteContext,
  facts: RequestFacts,
  tokens: number,
  admission: Admission = defaultAdmission,
): { fault: FaultName | null } | 'sent' {
  const { state } = context;
  if (state.unavailableModels.has(facts.model)) {
    sendError(context, gatewayErrors.noChannel(facts.model));
    context.record({ ...facts, status: 503, fault: null, usage: null });
    return 'sent';
  }
  const limiter = state.rateLimiter;
  if (limiter.active) {
    const key = limiter.perKey ? (bearerKey(context.request) ?? '') : '';
    const decision = limiter.decide(facts.model, key, tokens);
    if (decision !== null) {
      if (!state.rateLimitHeaders) decision.headers = {};
      if (decision.refusal !== null) {
        sendRateLimited(context, decision, admission.limitFlavour ?? 'openai');
        context.record({ ...facts, status: 429, fault: 'rateLimiter', usage: null });
        return 'sent';
      }
      setRateLimitHeaders(context, decision);
    }
  }
  const fault = state.faults.decide({ seq: context.seq, model: facts.model });
  if (fault !== null && replacesResponse(fault)) {
    const status = (admission.sendFault ?? sendReplacingFault)(context, fault);
    context.record({ ...facts, status, fault, usage: null });
    return 'sent';
  }
  return { fault };
}

/** Records a request the route rejected as invalid (400), with what could be read of it. */
export function recordRejected(context: RouteContext, body: Record<string, unknown>): void {
  context.record({
    model: typeof body.model === 'string' ? body.model : null,
    stream: body.stream === true,
    promptHash: null,
    status: 400,
    fault: null,
    usage: null,
  });
}
