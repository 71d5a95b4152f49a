import { ConfigError } from '../errors.js';
import { gatewayBaseUrl } from './base-url.js';
import { codecFor } from '../protocols/index.js';
import type { FormatName, ThinkingOptions } from '../protocols/types.js';
import type { ModelLimits } from '../settings/limits.js';
import type { ModelTarget, VideoTargetSettings } from '../settings/model-target.js';
import type { RequestParams } from '../settings/request-params.js';
import { canonicalJson } from '../util/hash.js';
import { defaultFormatOf, resolveModelName, type CatalogEntry } from './catalog.js';
import type { ConfigFile, ConfigModelEntry } from './config-file.js';
import { assertFormatSupported, parseModelSpec, type ModelSpec } from './model-spec.js';
import type { ModelPrice } from '../settings/price.js';
import { priceFor, type PriceSource } from './prices.js';
import { guessVendor } from './vendor.js';

/** Per-model limits, plus the request and token rates and the shared budget group. */
export interface ResolvedLimits extends ModelLimits {
  /** Requests per minute for this model. */
  rpm?: number;
  /** Tokens (input + output) per minute for this model. */
  tpm?: number;
  /** Name of a config `groups:` budget this model shares with others (see `budgetGroups`). */
  group?: string;
}

/** A budget several models share (config `groups:`). */
export interface BudgetGroup {
  name: string;
  concurrency?: number;
  rpm?: number;
  tpm?: number;
}

/** What resolution learned about a model beyond its `ModelTarget`. */
export interface Resolution {
  limits: ResolvedLimits;
  /** USD per 1M tokens, or null when unknown (cost is then null, never 0). */
  price: ModelPrice | null;
  priceSource: PriceSource | null;
  /** The catalog entry of the wire id, or null for a model the catalog does not know. */
  catalog: CatalogEntry | null;
  /** True when the model reasons whatever the request says. */
  alwaysThinks: boolean;
  /** One line each for what resolution decided on the user's behalf (alias, forced stream, …). */
  notes: string[];
}

/** A model target with what resolution learned. */
export type ResolvedTarget = ModelTarget & Resolution;

/** A resolved target before its codec (or its video settings) is attached. */
export type TargetPlan = Omit<ModelTarget, 'format'> & Resolution & { format: FormatName };

/** Inputs of `planTargets` / `resolveTargets`. */
export interface ResolveOptions {
  /** `--models` entries as written, split on commas, not de-duplicated (see `splitModelEntries`); empty = every config model. */
  entries: string[];
  config: ConfigFile | null;
  /** The run's gateway: --base-url, else MIXROUTER_BASE_URL, else the config's baseUrl, else the default; or the simulator's. */
  baseUrl: string;
  /** Request params from the command-line flags, only those the user gave; they override the config's `defaults`. */
  defaults: Partial<RequestParams>;
  /** True under --simulate: every target goes to `baseUrl`, whatever a config model's own baseUrl says. */
  simulated?: boolean;
}

/** Splits `--models a,b --models c` into trimmed entries, keeping repeats so they can be reported. */
export function splitModelEntries(value: string | string[] | undefined): string[] {
  return [value ?? []]
    .flat()
    .flatMap((entry) => entry.split(','))
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
}

/** The config's budget groups, for the scheduler. */
export function budgetGroups(config: ConfigFile | null): BudgetGroup[] {
  return Object.entries(config?.groups ?? {}).map(([name, limits]) => ({ name, ...limits }));
}

function thinkingFrom(value: ThinkingOptions | undefined): ThinkingOptions | undefined {
  if (value === undefined) return undefined;
  return {
    enabled: value.enabled,
    ...(value.budgetTokens !== undefined ? { budgetTokens: value.budgetTokens } : {}),
    ...(value.effort !== undefined ? { effort: value.effort } : {}),
  };
}

function withoutUndefined(params: RequestParams): RequestParams {
  return Object.fromEntries(
    Object.entries(params).filter(([, value]) => value !== undefined),
  ) as unknown as RequestParams;
}

interface EntrySource {
  spec: ModelSpec;
  /** The config entry that applies, or null. */
  configEntry: ConfigModelEntry | null;
  /** True when the config entry is the bare model's (`qwen3-max` for `qwen3-max+thinking`): inline settings then win over it. */
  inherited: boolean;
  origin: string;
}

function findSource(options: { entry: string; config: ConfigFile | null; fromConfig: boolean }): EntrySource {
  const { entry, config } = options;
  const origin = options.fromConfig && config ? `${config.file}: models.${entry}` : `--models entry '${entry}'`;
  const spec = parseModelSpec({ entry, origin });
  const exact = config?.models[spec.entry];
  if (exact) return { spec, configEntry: exact, inherited: false, origin };
  const bare = spec.name !== spec.entry ? config?.models[spec.name] : undefined;
  return { spec, configEntry: bare ?? null, inherited: bare !== undefined, origin };
}

function planOne(options: { source: EntrySource; resolve: ResolveOptions }): TargetPlan {
  const { spec, configEntry, inherited, origin } = options.source;
  const { config, defaults } = options.resolve;
  const notes: string[] = [];
  const resolved = resolveModelName(configEntry?.model ?? spec.name);
  if (resolved.alias) notes.push(`${resolved.alias} is an alias of ${resolved.id}`);
  const model = resolved.entry;
  const configFormat = configEntry?.format;
  if (configFormat === undefined || inherited) assertFormatSupported({ spec, model, origin });
  const format: FormatName =
    (inherited ? (spec.format ?? configFormat) : (configFormat ?? spec.format)) ?? defaultFormatOf(resolved.id);
  const vendor = configEntry?.vendor ?? model?.vendor ?? guessVendor(resolved.id);
  if (!model) notes.push(`${resolved.id} is not in the built-in catalog: sent as ${format}, vendor ${vendor}`);

  const entryThinking = inherited
    ? (spec.thinking ?? configEntry?.thinking)
    : (configEntry?.thinking ?? spec.thinking ?? undefined);
  const alwaysThinks = model?.alwaysThinks ?? false;
  if (alwaysThinks && entryThinking?.enabled === false) {
    throw new ConfigError(
      `${origin}: ${resolved.id} always thinks; its thinking cannot be turned off. Remove +nothinking / thinking: false for it.`,
    );
  }
  let thinking = thinkingFrom(entryThinking ?? defaults.thinking ?? config?.defaults?.thinking);
  if (alwaysThinks && thinking?.enabled === false) {
    notes.push(`${resolved.id} always thinks, so the default thinking: false is not sent`);
    thinking = undefined;
  }
  const modelParams = configEntry?.params;
  let stream = modelParams?.stream ?? defaults.stream ?? config?.defaults?.stream ?? false;
  // Sources disagree on whether Qwen thinks in non-streamed calls (openai-chat.md §3.6), so thinking Qwen calls stream.
  if (vendor === 'qwen' && format === 'openai-chat' && thinking?.enabled === true && !stream) {
    stream = true;
    notes.push('stream forced on: Qwen thinking is only reliable when streamed');
  }
  const extraBody =
    defaults.extraBody || configEntry?.extraBody ? { ...defaults.extraBody, ...configEntry?.extraBody } : undefined;
  const params = withoutUndefined({
    system: modelParams?.system ?? defaults.system ?? config?.defaults?.system,
    temperature: modelParams?.temperature ?? defaults.temperature ?? config?.defaults?.temperature,
    maxOutputTokens: modelParams?.maxTokens ?? defaults.maxOutputTokens ?? config?.defaults?.maxTokens,
    stream,
    thinking,
    extraBody,
  });

  const limits = configEntry?.limits;
  const found = priceFor({ modelId: resolved.id, modelPrice: configEntry?.price, configPrices: config?.prices });
  let baseUrl = options.resolve.baseUrl;
  if (!options.resolve.simulated && configEntry?.baseUrl !== undefined) {
    const checked = gatewayBaseUrl(`${origin}: baseUrl`, configEntry.baseUrl);
    if (checked.note) notes.push(checked.note);
    baseUrl = checked.url;
  }
  return {
    name: spec.entry,
    modelId: resolved.id,
    format,
    vendor,
    endpoint: { baseUrl, auth: configEntry?.auth ?? 'bearer' },
    params,
    limits: withoutUndefinedLimits({
      concurrency: limits?.concurrency,
      rpm: limits?.rpm,
      tpm: limits?.tpm,
      group: limits?.shareWith,
    }),
    price: found?.price ?? null,
    priceSource: found?.source ?? null,
    catalog: model,
    alwaysThinks,
    notes,
  };
}

function withoutUndefinedLimits(limits: ResolvedLimits): ResolvedLimits {
  return Object.fromEntries(Object.entries(limits).filter(([, value]) => value !== undefined)) as ResolvedLimits;
}

/**
 * Resolves every entry, without codecs. Precedence, lowest first: the catalog (wire id
 * from aliases, default format, vendor), then the inline syntax (`@format`, `+thinking…`),
 * then the config entry whose key is exactly the entry (config wins). An entry with a
 * format or modifiers that is not itself a config key inherits the bare model's entry
 * (`qwen3-max` for `qwen3-max+thinking`): its endpoint, limits, price and params apply,
 * and the inline format and thinking win over it because they were written for this entry.
 * Request params, lowest first: `stream: false`, config `defaults`, the CLI flags, the
 * config entry's `params` / `thinking` / `extraBody`. Throws ConfigError for duplicate
 * entries, entries that would send the same request (their result keys would collide),
 * a format the catalog rules out, and turning off thinking on an always-thinking model.
 */
export function planTargets(options: ResolveOptions): TargetPlan[] {
  const { config } = options;
  const fromConfig = options.entries.length === 0;
  const entries = fromConfig ? Object.keys(config?.models ?? {}) : options.entries.map((entry) => entry.trim());
  if (entries.length === 0) {
    throw new ConfigError(
      config
        ? `${config.file} lists no models and --models was not given. Add entries under models: or pass --models, e.g. --models qwen3-max,deepseek-chat.`
        : '--models is required: a comma-separated list, e.g. --models qwen3-max,deepseek-chat (or a --config file with models:).',
    );
  }
  const seen = new Set<string>();
  for (const entry of entries) {
    if (seen.has(entry))
      throw new ConfigError(`--models lists '${entry}' more than once. Each entry labels its rows, so keep one.`);
    seen.add(entry);
  }
  const plans = entries.map((entry) =>
    planOne({ source: findSource({ entry, config, fromConfig }), resolve: options }),
  );
  const byRequest = new Map<string, string>();
  for (const plan of plans) {
    const request = canonicalJson({ model: plan.modelId, format: plan.format, params: plan.params });
    const earlier = byRequest.get(request);
    if (earlier !== undefined) {
      throw new ConfigError(
        `Models '${earlier}' and '${plan.name}' would send the same request (${plan.modelId} as ${plan.format} with the same parameters). Keep one of them.`,
      );
    }
    byRequest.set(request, plan.name);
  }
  return plans;
}

/**
 * `planTargets` plus each generation format's codec. A `video-task` target gets the
 * video settings `video` returns (called once, and only when there is one); without
 * them a video model is refused.
 */
export function resolveTargets(options: ResolveOptions & { video?: () => VideoTargetSettings }): ResolvedTarget[] {
  let video: VideoTargetSettings | undefined;
  return planTargets(options).map((plan): ResolvedTarget => {
    const { format } = plan;
    if (format !== 'video-task') return { ...plan, format, codec: codecFor(format) };
    if (!options.video) {
      throw new ConfigError(
        `--models entry '${plan.name}': ${plan.modelId} is a video model (format video-task), which this command cannot run. Remove it.`,
      );
    }
    video ??= options.video();
    return { ...plan, format, video };
  });
}
