import { isFaultName, type ScriptStep, type SimulatorFaults } from './faults.js';
import type { SimulatorOptions } from './options.js';
import type { ProfileOverride } from './profiles.js';
import { isRateLimitScope, type RateLimit, type RateLimits, rateLimitsProblem } from './rate-limiter.js';

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
  /** `model-x:STEM=0.2,model-x=0.9`: accuracies by model, or by model and group; a list or one string. */
  accuracy?: string[] | string;
  /** `*=6000rpm,50burst` or `qwen3-max=600rpm,200ktpm`: the gateway's own limits by model; a list or one string. */
  rateLimit?: string[] | string;
  /** `model` (default) or `key`: one bucket per model, or per model and API key. */
  rateLimitPer?: string;
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

/**
 * Parses accuracy settings like `model-x=0.9,model-x:STEM=0.2,model-y:Social Science=0.5`
 * into profile overrides: `model=p` sets the model's overall accuracy, `model:group=p`
 * its accuracy on questions whose subject or category is `group` (exact match). The
 * group is what follows the last `:` before `=`, so model ids may contain `:` in the
 * second form. Each `p` must be in [0, 1]; a later setting of the same key wins.
 */
export function parseAccuracySpec(spec: string | readonly string[]): Record<string, ProfileOverride> {
  const profiles: Record<string, ProfileOverride> = {};
  const items = (typeof spec === 'string' ? [spec] : spec)
    .flatMap((part) => part.split(','))
    .map((part) => part.trim())
    .filter(Boolean);
  for (const item of items) {
    const equals = item.lastIndexOf('=');
    if (equals < 0)
      throw new SimulatorOptionError(`--accuracy: '${item}' should look like model=0.9 or model:group=0.2`);
    const target = item.slice(0, equals).trim();
    const text = item.slice(equals + 1).trim();
    const colon = target.lastIndexOf(':');
    const model = (colon < 0 ? target : target.slice(0, colon)).trim();
    const group = colon < 0 ? null : target.slice(colon + 1).trim();
    if (model.length === 0) throw new SimulatorOptionError(`--accuracy: '${item}' names no model`);
    if (group !== null && group.length === 0) throw new SimulatorOptionError(`--accuracy: '${item}' names no group`);
    const value = /^(\d+(\.\d*)?|\.\d+)$/.test(text) ? Number(text) : Number.NaN;
    if (!Number.isFinite(value) || value < 0 || value > 1)
      throw new SimulatorOptionError(`--accuracy: '${target}' needs a probability between 0 and 1, got '${text}'`);
    const profile = Object.hasOwn(profiles, model) ? profiles[model] : {};
    profiles[model] = profile;
    if (group === null) profile.accuracy = value;
    else profile.accuracyByGroup = { ...profile.accuracyByGroup, [group]: value };
  }
  return profiles;
}

const limitItem = /^(\d+(?:\.\d+)?)([km]?)(rpm|tpm|burst|tburst)$/i;
const limitFields = { rpm: 'rpm', tpm: 'tpm', burst: 'burst', tburst: 'tokenBurst' } as const;

/**
 * Parses the simulator's own rate limits: `MODEL=ITEM,ITEM…` where an item is `6000rpm`,
 * `200ktpm`, `50burst` (request bucket size) or `20ktburst` (token bucket size); `k` and `m`
 * multiply by a thousand and a million. `*` is every model not named. Several specs may be
 * given (a list, or `;`-separated); a later spec of the same model replaces it.
 */
export function parseRateLimitSpec(spec: string | readonly string[]): RateLimits {
  const limits: RateLimits = {};
  const specs = (typeof spec === 'string' ? [spec] : spec).flatMap((part) => part.split(';'));
  for (const text of specs.map((part) => part.trim()).filter(Boolean)) {
    const equals = text.indexOf('=');
    const model = equals < 0 ? '' : text.slice(0, equals).trim();
    if (model.length === 0)
      throw new SimulatorOptionError(`--rate-limit: '${text}' should look like MODEL=6000rpm,50burst (MODEL or *)`);
    const limit: RateLimit = {};
    for (const item of text
      .slice(equals + 1)
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean)) {
      const match = limitItem.exec(item);
      if (!match)
        throw new SimulatorOptionError(`--rate-limit: '${item}' is not a limit; use e.g. 6000rpm, 200ktpm, 50burst`);
      const scale = match[2] === '' ? 1 : match[2].toLowerCase() === 'k' ? 1_000 : 1_000_000;
      limit[limitFields[match[3].toLowerCase() as keyof typeof limitFields]] = Number(match[1]) * scale;
    }
    const problem = rateLimitsProblem({ [model]: limit });
    if (problem) throw new SimulatorOptionError(`--rate-limit: ${problem}`);
    limits[model] = limit;
  }
  return limits;
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
  if (plain.accuracy !== undefined) {
    const profiles = parseAccuracySpec(plain.accuracy);
    if (Object.keys(profiles).length > 0) options.profiles = profiles;
  }
  if (plain.rateLimit !== undefined) {
    const limits = parseRateLimitSpec(plain.rateLimit);
    if (Object.keys(limits).length > 0) options.rateLimits = limits;
  }
  if (plain.rateLimitPer !== undefined) {
    const scope = plain.rateLimitPer === 'key' ? 'model-and-key' : plain.rateLimitPer;
    if (!isRateLimitScope(scope))
      throw new SimulatorOptionError(`--rate-limit-per must be 'model' or 'key', got '${plain.rateLimitPer}'`);
    options.rateLimitScope = scope;
  }
  return options;
}
