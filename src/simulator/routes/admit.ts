import { gatewayErrors } from '../error-envelope.js';
import { replacesResponse, sendReplacingFault } from '../fault-replies.js';
import type { FaultName } from '../faults.js';
import { sendError } from '../http-reply.js';
import type { RouteContext } from '../route-context.js';

/** What every generation request is recorded with. */
export interface RequestFacts {
  model: string;
  stream: boolean;
  promptHash: string;
}

/**
 * The gateway's checks between a valid request and generating its answer:
 * the model must have a channel (503 otherwise), and a fault that replaces
 * the whole response (429, 5xx, reset, HTML page) is sent here. Returns the
 * fault left for the route to act out in the body (or null), or `'sent'`
 * when the response is already finished. `sendFault` lets a route render a
 * replacing fault in its own envelope.
 */
export function admitGeneration(
  context: RouteContext,
  facts: RequestFacts,
  sendFault: (context: RouteContext, fault: FaultName) => number = sendReplacingFault,
): { fault: FaultName | null } | 'sent' {
  const { state } = context;
  if (state.unavailableModels.has(facts.model)) {
    sendError(context, gatewayErrors.noChannel(facts.model));
    context.record({ ...facts, status: 503, fault: null, usage: null });
    return 'sent';
  }
  const fault = state.faults.decide({ seq: context.seq, model: facts.model });
  if (fault !== null && replacesResponse(fault)) {
    const status = sendFault(context, fault);
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
