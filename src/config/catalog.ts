import type { FormatName, Vendor } from '../protocols/types.js';

/**
 * What the tool knows about one model mixrouter publishes (protocols/models-and-errors.md §2).
 * The live `GET /v1/models` answer stays authoritative; this only gives defaults.
 */
export interface CatalogEntry {
  /** The id sent in `model`. */
  id: string;
  /** The vendor whose documented quirks apply (thinking switches, usage fields). */
  vendor: Vendor;
  /** The vendor as the mixrouter navigation names it, for grouping listings (`Moonshot`, `xAI`, …). */
  provider: string;
  /** The format used when the entry names none. */
  defaultFormat: FormatName;
  /** Every format the gateway serves this model on; the default comes first. */
  formats: readonly FormatName[];
  /** True when the model reasons whatever the request says (thinking cannot be turned off). */
  alwaysThinks: boolean;
}

interface ProviderGroup {
  provider: string;
  vendor: Vendor;
  formats: readonly FormatName[];
  ids: readonly string[];
  /** Ids whose formats differ from the group's. */
  formatOverrides?: Readonly<Record<string, readonly FormatName[]>>;
}

const chatOnly: readonly FormatName[] = ['openai-chat'];

/** The §2 table, provider by provider, in publication order. */
const groups: readonly ProviderGroup[] = [
  {
    provider: 'OpenAI',
    vendor: 'openai',
    formats: ['openai-chat', 'openai-responses'],
    ids: [
      'gpt-4',
      'gpt-4.1',
      'gpt-4o',
      'gpt-4o-mini',
      'gpt-5',
      'gpt-5-chat',
      'gpt-5-mini',
      'gpt-5-nano',
      'gpt-5.1',
      'gpt-5.1-chat-latest',
      'gpt-5.1-codex',
      'gpt-5.2',
      'gpt-5.2-chat',
      'gpt-5.2-pro',
      'gpt-oss-120b',
      'o1',
      'o3',
      'o3-mini',
      'o3-deep-research',
      'o3-pro',
      'o4-mini',
      'o4-mini-deep-research',
    ],
    // The §2 table and openai-chat.md §3.6 mark these as served on /v1/responses only.
    formatOverrides: { 'gpt-5.1-codex': ['openai-responses'], 'gpt-5.2-pro': ['openai-responses'] },
  },
  {
    provider: 'Google',
    vendor: 'google',
    formats: ['openai-chat', 'gemini'],
    ids: [
      'gemini-2.0-flash',
      'gemini-2.5-computer-use-preview-10-2025',
      'gemini-2.5-flash',
      'gemini-2.5-flash-lite',
      'gemini-2.5-flash-lite-preview',
      'gemini-2.5-pro',
      'gemini-3-flash-preview',
      'gemini-3-pro-preview',
      'gemini-robotics-er-1.5-preview',
      'gemini-2.5-flash-image',
      'gemini-2.5-flash-image-preview',
    ],
  },
  {
    provider: 'Anthropic',
    vendor: 'anthropic',
    formats: ['openai-chat', 'anthropic-messages'],
    ids: [
      'claude-opus-4-5-20251101',
      'claude-opus-4-20250514',
      'claude-sonnet-4-20250514',
      'claude-sonnet-4-5-20250929',
    ],
  },
  {
    provider: 'DeepSeek',
    vendor: 'deepseek',
    formats: chatOnly,
    ids: ['deepseek-chat', 'deepseek-reasoner', 'deepseek-v4-pro'],
  },
  { provider: 'MiniMax', vendor: 'other', formats: chatOnly, ids: ['abab6.5s-chat', 'minimax-m2', 'minimax-m2.5'] },
  {
    provider: 'Moonshot',
    vendor: 'other',
    formats: chatOnly,
    ids: [
      'kimi-k2',
      'kimi-k2-0711-preview',
      'kimi-k2-0905',
      'kimi-k2-instruct',
      'kimi-k2-thinking',
      'moonshot-v1-128k',
      'moonshot-v1-32k',
      'moonshot-v1-8k',
      'moonshot-v1-128k-vision-preview',
      'moonshot-v1-32k-vision-preview',
      'moonshot-v1-8k-vision-preview',
    ],
  },
  {
    provider: 'xAI',
    vendor: 'other',
    formats: chatOnly,
    ids: ['grok-4', 'grok-4-1-fast-non-reasoning', 'grok-4-1-fast-reasoning'],
  },
  {
    provider: 'ByteDance',
    vendor: 'doubao',
    formats: chatOnly,
    ids: ['doubao-seed-1-6-thinking-250715', 'doubao-seedance-1-0-lite-i2v-250428'],
    // Seedance ids are video models, served as submit/poll tasks on /v1/videos (video-tasks.md).
    formatOverrides: { 'doubao-seedance-1-0-lite-i2v-250428': ['video-task'] },
  },
  { provider: 'Zhipu', vendor: 'other', formats: chatOnly, ids: ['glm-4-plus', 'glm-4.5', 'glm-4.6v'] },
  {
    provider: 'Alibaba',
    vendor: 'qwen',
    formats: chatOnly,
    ids: ['qwen-max', 'qwen3-max', 'qwen3-vl-235b-a22b-instruct', 'qwen2.5-vl-72b-instruct', 'qwen3.5-122b-a10b'],
  },
  { provider: 'Tencent', vendor: 'other', formats: chatOnly, ids: ['hunyuan-t1-latest'] },
  { provider: 'SenseTime', vendor: 'other', formats: chatOnly, ids: ['SenseNova-V6-Pro'] },
];

/**
 * Models that reason on every request. Sources: DeepSeek documents deepseek-reasoner as always
 * thinking, `*-thinking*` ids (Kimi, Doubao) are the thinking-only variants, o-series models are
 * reasoning models without an off switch (openai-chat.md §3.6), and Google documents that 2.5 Pro
 * and Gemini 3 cannot turn thinking off (gemini-native.md §1).
 */
function alwaysThinks(id: string): boolean {
  return (
    id === 'deepseek-reasoner' ||
    /-thinking/.test(id) ||
    /^o\d/.test(id) ||
    id === 'gemini-2.5-pro' ||
    /^gemini-3-/.test(id) ||
    id === 'grok-4-1-fast-reasoning'
  );
}

/** Every published model, in publication order. */
export const MODEL_CATALOG: readonly CatalogEntry[] = groups.flatMap((group) =>
  group.ids.map((id) => {
    const formats = group.formatOverrides?.[id] ?? group.formats;
    return {
      id,
      vendor: group.vendor,
      provider: group.provider,
      defaultFormat: formats[0],
      formats,
      alwaysThinks: alwaysThinks(id),
    };
  }),
);

/**
 * Short names accepted in `--models`, each mapped to one published id. Only unambiguous
 * mappings: Anthropic's own documented aliases for the dated Claude snapshots, and a few
 * vendor shorthands whose target is the vendor's flagship chat id on mixrouter. Anything
 * else (for example `doubao-seed-1-6`) is sent as written.
 */
export const MODEL_ALIASES: Readonly<Record<string, string>> = {
  deepseek: 'deepseek-chat',
  qwen: 'qwen3-max',
  'claude-sonnet-4-5': 'claude-sonnet-4-5-20250929',
  'claude-opus-4-5': 'claude-opus-4-5-20251101',
  'claude-sonnet-4': 'claude-sonnet-4-20250514',
  'claude-sonnet-4-0': 'claude-sonnet-4-20250514',
  'claude-opus-4': 'claude-opus-4-20250514',
  'claude-opus-4-0': 'claude-opus-4-20250514',
  'gemini-flash': 'gemini-2.5-flash',
  'gemini-pro': 'gemini-2.5-pro',
};

const byId = new Map(MODEL_CATALOG.map((entry) => [entry.id, entry]));
const byLowerId = new Map(MODEL_CATALOG.map((entry) => [entry.id.toLowerCase(), entry]));

/** The catalog entry of a wire id (exact match first, then case-insensitive), or null. */
export function catalogEntry(modelId: string): CatalogEntry | null {
  return byId.get(modelId) ?? byLowerId.get(modelId.toLowerCase()) ?? null;
}

/**
 * The format for a wire id: the catalog's default, else `video-task` for any `doubao-seedance-*`
 * id (the Seedance family is video only, video-tasks.md), else `openai-chat`, which the gateway
 * serves for every vendor.
 */
export function defaultFormatOf(modelId: string): FormatName {
  const entry = catalogEntry(modelId);
  if (entry) return entry.defaultFormat;
  return /^doubao-seedance-/i.test(modelId) ? 'video-task' : 'openai-chat';
}

/** A model name after alias resolution. */
export interface ResolvedModelName {
  /** The id to send on the wire: the alias target, the catalog's spelling, or the name as written. */
  id: string;
  /** The catalog entry, or null for a model the catalog does not know (it still runs). */
  entry: CatalogEntry | null;
  /** The alias that was expanded, or null. */
  alias: string | null;
}

/** Resolves an alias or a catalog id; unknown names pass through unchanged with `entry: null`. */
export function resolveModelName(name: string): ResolvedModelName {
  const aliasTarget = MODEL_ALIASES[name] ?? MODEL_ALIASES[name.toLowerCase()];
  if (aliasTarget !== undefined) return { id: aliasTarget, entry: catalogEntry(aliasTarget), alias: name };
  const entry = catalogEntry(name);
  return { id: entry?.id ?? name, entry, alias: null };
}

/** The aliases that point at a wire id, for listings. */
export function aliasesOf(modelId: string): string[] {
  return Object.entries(MODEL_ALIASES)
    .filter(([, target]) => target === modelId)
    .map(([alias]) => alias);
}
