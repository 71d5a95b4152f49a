import { isFaultName, type ScriptStep, type SimulatorFaults } from './faults.js';
import type { SimulatorOptions } from './options.js';

/** A simulator option given on the command line is wrong; the message names it. */
export class SimulatorOptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SimulatorOptionError';
  }
}

/** Simulator options as a command line gives them. */
export interface PlainSimulatorOptions {
  port?: number;
  latencyScale?: number;
  /** `rateLimit=0.05,serverError=0.02,retryAfterSeconds=2,stallMs=5000,script=rateLimit|ok`. */
  faults?: string;
  knowledge?: string[];
  seed?: number;
  apiKey?: string;
  /** Model ids answering 503 `model_not_found`: a list, or one comma-separated string. */
  unavailableModels?: string[] | string;
  /** `gateway` or `openai`. */
  usageWhenNotAsked?: string;
}

const settingNames = new Set(['retryAfterSeconds', 'retryAfterMs', 'stallMs']);

/** Parses a fault spec like `rateLimit=0.05,serverError=0.02` (script steps separated by `|`). */
export function parseFaultSpec(spec: string): SimulatorFaults {
  const faults: SimulatorFaults = {};
  for (const item of spec
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const [name, value, ...rest] = item.split('=').map((part) => part.trim());
    if (value === undefined || rest.length > 0)
      throw new SimulatorOptionError(`--faults: '${item}' should look like name=value`);
    if (name === 'script') {
      const steps = value.split('|').map((step) => step.trim());
      const wrong = steps.find((step) => step !== 'ok' && !isFaultName(step));
      if (wrong !== undefined) throw new SimulatorOptionError(`--faults: unknown script step '${wrong}'`);
      faults.script = steps as ScriptStep[];
      continue;
    }
    const number = Number(value);
    if (!Number.isFinite(number) || number < 0)
      throw new SimulatorOptionError(`--faults: '${name}' needs a non-negative number, got '${value}'`);
    if (isFaultName(name)) {
      if (number > 1)
        throw new SimulatorOptionError(`--faults: '${name}' is a probability between 0 and 1, got ${value}`);
      faults[name] = number;
    } else if (settingNames.has(name)) {
      faults[name as 'retryAfterSeconds' | 'retryAfterMs' | 'stallMs'] = number;
    } else {
      throw new SimulatorOptionError(`--faults: unknown fault '${name}'`);
    }
  }
  return faults;
}

/** Turns command-line options into `startSimulator` options. */
export function toSimulatorOptions(plain: PlainSimulatorOptions): SimulatorOptions {
  const options: SimulatorOptions = {};
  if (plain.port !== undefined) {
    if (!Number.isInteger(plain.port) || plain.port < 0 || plain.port > 65535)
      throw new SimulatorOptionError(`--port must be 0-65535, got ${plain.port}`);
    options.port = plain.port;
  }
  if (plain.latencyScale !== undefined) {
    if (!Number.isFinite(plain.latencyScale) || plain.latencyScale < 0)
      throw new SimulatorOptionError(`--latency-scale must be 0 or more, got ${plain.latencyScale}`);
    options.latencyScale = plain.latencyScale;
  }
  if (plain.faults) options.faults = parseFaultSpec(plain.faults);
  if (plain.knowledge && plain.knowledge.length > 0) options.knowledge = [...plain.knowledge];
  if (plain.seed !== undefined) options.seed = plain.seed;
  if (plain.apiKey) options.apiKey = plain.apiKey;
  if (plain.unavailableModels !== undefined) {
    const list =
      typeof plain.unavailableModels === 'string' ? plain.unavailableModels.split(',') : plain.unavailableModels;
    options.unavailableModels = list.map((model) => model.trim()).filter(Boolean);
  }
  if (plain.usageWhenNotAsked !== undefined) {
    if (plain.usageWhenNotAsked !== 'gateway' && plain.usageWhenNotAsked !== 'openai') {
      throw new SimulatorOptionError(
        `--usage-when-not-asked must be 'gateway' or 'openai', got '${plain.usageWhenNotAsked}'`,
      );
    }
    options.usageWhenNotAsked = plain.usageWhenNotAsked;
  }
  return options;
}
