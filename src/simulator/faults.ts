import { unitFromInteger } from './random.js';

/** Every failure the simulator can inject. */
export const faultNames = [
  'rateLimit',
  'rateLimitRetryAfter',
  'serverError',
  'connectionReset',
  'truncatedStream',
  'malformedJson',
  'html502',
  'stall',
  'inStreamError',
  'overloaded',
] as const;

/** One injectable failure. */
export type FaultName = (typeof faultNames)[number];

/** A scripted outcome: a fault, or a normal answer. */
export type ScriptStep = FaultName | 'ok';

/** Probability (0..1) of each fault per request. The sum should stay at most 1. */
export type FaultRates = Partial<Record<FaultName, number>>;

/** Fault settings for one model, replacing the global rates and script for it. */
export interface ModelFaults extends FaultRates {
  script?: ScriptStep[];
}

/** What can go wrong, and how. */
export interface SimulatorFaults extends FaultRates {
  /** Outcomes consumed one per request, in order, before the rates apply. */
  script?: ScriptStep[];
  /** Per-model rates and scripts; a listed model ignores the global ones. */
  models?: Record<string, ModelFaults>;
  /** `Retry-After` value for `rateLimitRetryAfter`. Default 1. */
  retryAfterSeconds?: number;
  /** When set, `rateLimitRetryAfter` also sends `retry-after-ms` with this value. */
  retryAfterMs?: number;
  /** How long `stall` stays silent before ending the response. Default 30,000. */
  stallMs?: number;
}

/** Type guard for fault names coming from JSON or the command line. */
export function isFaultName(value: unknown): value is FaultName {
  return typeof value === 'string' && (faultNames as readonly string[]).includes(value);
}

function pickByRate(rates: FaultRates, unit: number): FaultName | null {
  let cumulative = 0;
  for (const name of faultNames) {
    const rate = rates[name];
    if (!rate || rate <= 0) continue;
    cumulative += rate;
    if (unit < cumulative) return name;
  }
  return null;
}

/**
 * Decides each request's fault. Deterministic: scripts are consumed in order
 * and rates are drawn from a seeded generator over the request sequence number.
 */
export class FaultPlan {
  private faults: SimulatorFaults = {};
  private script: ScriptStep[] = [];
  private modelScripts = new Map<string, ScriptStep[]>();

  constructor(
    faults: SimulatorFaults | undefined,
    private readonly seed: number,
  ) {
    this.replace(faults ?? {});
  }

  /** The settings in force. */
  get current(): SimulatorFaults {
    return this.faults;
  }

  /** Replaces every fault setting and restarts the scripts. */
  replace(faults: SimulatorFaults): void {
    this.faults = { ...faults };
    this.script = [...(faults.script ?? [])];
    this.modelScripts = new Map(
      Object.entries(faults.models ?? {}).map(([model, settings]) => [model, [...(settings.script ?? [])]]),
    );
  }

  /** The fault for request number `seq` to `model` (null for a normal answer). */
  decide(options: { seq: number; model: string }): FaultName | null {
    const modelSettings = this.faults.models?.[options.model];
    const script = modelSettings ? this.modelScripts.get(options.model) : this.script;
    if (script && script.length > 0) {
      const step = script.shift() as ScriptStep;
      return step === 'ok' ? null : step;
    }
    return pickByRate(modelSettings ?? this.faults, unitFromInteger(options.seq, this.seed));
  }
}
