import { isFaultName, type SimulatorFaults } from '../faults.js';
import { readJsonObject, sendJson } from '../http-reply.js';
import { isRateLimitScope, type RateLimitScope, rateLimitsProblem, type RateLimits } from '../rate-limiter.js';
import type { Route, RouteContext } from '../route-context.js';

const numericSettings = ['retryAfterSeconds', 'retryAfterMs', 'stallMs'];

/** Checks a faults object from JSON: known fault names with numbers, scripts of known steps. */
export function validateFaults(value: Record<string, unknown>): string | null {
  for (const [key, setting] of Object.entries(value)) {
    if (key === 'script' || key === 'models') continue;
    if (!isFaultName(key) && !numericSettings.includes(key)) return `unknown fault setting '${key}'`;
    if (typeof setting !== 'number' || !Number.isFinite(setting) || setting < 0)
      return `'${key}' must be a non-negative number`;
  }
  const scripts = [
    value.script,
    ...Object.values((value.models ?? {}) as Record<string, { script?: unknown }>).map((model) => model?.script),
  ];
  for (const script of scripts) {
    if (script === undefined) continue;
    if (!Array.isArray(script) || !script.every((step) => step === 'ok' || isFaultName(step)))
      return 'a script must list fault names or "ok"';
  }
  return null;
}

function sendBadSettings(context: RouteContext, message: string, code: string): void {
  sendJson(context, { status: 400, value: { error: { message, type: 'invalid_request_error', param: '', code } } });
}

/**
 * Control endpoints for a simulator in another process (no key needed, not in the ledger):
 * `GET /__sim/ledger/summary`, `POST /__sim/faults` (body replaces the faults), `POST /__sim/rate-limits`
 * (body `{ limits, per? }` replaces the rate limits), `POST /__sim/reset`.
 */
export function controlRoutes(options: { reset: () => void; summaryExtras?: () => Record<string, unknown> }): Route[] {
  return [
    {
      method: 'GET',
      path: '/__sim/ledger/summary',
      auth: false,
      ledger: false,
      handle: (context) =>
        sendJson(context, { status: 200, value: { ...context.state.ledger.summary(), ...options.summaryExtras?.() } }),
    },
    {
      method: 'POST',
      path: '/__sim/faults',
      auth: false,
      ledger: false,
      handle: async (context) => {
        const body = await readJsonObject(context.request);
        const problem = body ? validateFaults(body) : 'body must be a JSON object';
        if (problem || !body) {
          sendBadSettings(context, problem ?? 'body must be a JSON object', 'invalid_faults');
          return;
        }
        context.state.faults.replace(body as SimulatorFaults);
        sendJson(context, { status: 200, value: { ok: true, faults: context.state.faults.current } });
      },
    },
    {
      method: 'POST',
      path: '/__sim/rate-limits',
      auth: false,
      ledger: false,
      handle: async (context) => {
        const body = await readJsonObject(context.request);
        const problem = !body
          ? 'body must be a JSON object'
          : body.per !== undefined && !isRateLimitScope(body.per)
            ? "'per' must be 'model' or 'model-and-key'"
            : rateLimitsProblem(body.limits ?? {});
        if (problem || !body) {
          sendBadSettings(context, problem ?? 'body must be a JSON object', 'invalid_rate_limits');
          return;
        }
        context.state.rateLimiter.replace((body.limits ?? {}) as RateLimits, body.per as RateLimitScope | undefined);
        sendJson(context, { status: 200, value: { ok: true } });
      },
    },
    {
      method: 'POST',
      path: '/__sim/reset',
      auth: false,
      ledger: false,
      handle: (context) => {
        context.request.resume();
        options.reset();
        sendJson(context, { status: 200, value: { ok: true } });
      },
    },
  ];
}
