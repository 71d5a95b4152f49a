/** The vendor whose wire style a simulated model imitates. */
export type SimulatedVendor = 'openai' | 'deepseek' | 'qwen' | 'doubao' | 'claude' | 'gemini';

/** How a simulated model behaves: quality, speed and thinking. */
export interface ModelProfile {
  vendor: SimulatedVendor;
  /** Probability of answering a known question correctly, in [0, 1]. */
  accuracy: number;
  /**
   * Accuracy on known questions of a group, in [0, 1], keyed by a group value of
   * the question's knowledge row (its `subject` or `category`, matched exactly).
   * When both match, the subject's wins; questions in no listed group use `accuracy`.
   */
  accuracyByGroup?: Record<string, number>;
  /** Time to first token in milliseconds, before `latencyScale`. */
  ttftMs: number;
  /** Generation speed after the first token. */
  tokensPerSecond: number;
  /** Always thinks (reasoning tokens on every answer). */
  reasoning: boolean;
  /** Thinks when the request asks for it. */
  thinkingSwitch: boolean;
  /** Repeated identical prompts report cached input tokens. */
  promptCaching: boolean;
}

/** A partial profile, used for built-ins and for caller overrides. */
export type ProfileOverride = Partial<ModelProfile>;

const vendorDefaults: Record<SimulatedVendor, ModelProfile> = {
  openai: {
    vendor: 'openai',
    accuracy: 0.78,
    ttftMs: 450,
    tokensPerSecond: 80,
    reasoning: false,
    thinkingSwitch: false,
    promptCaching: true,
  },
  deepseek: {
    vendor: 'deepseek',
    accuracy: 0.8,
    ttftMs: 600,
    tokensPerSecond: 45,
    reasoning: false,
    thinkingSwitch: true,
    promptCaching: true,
  },
  qwen: {
    vendor: 'qwen',
    accuracy: 0.8,
    ttftMs: 500,
    tokensPerSecond: 60,
    reasoning: false,
    thinkingSwitch: true,
    promptCaching: false,
  },
  doubao: {
    vendor: 'doubao',
    accuracy: 0.76,
    ttftMs: 550,
    tokensPerSecond: 70,
    reasoning: false,
    thinkingSwitch: true,
    promptCaching: false,
  },
  claude: {
    vendor: 'claude',
    accuracy: 0.85,
    ttftMs: 900,
    tokensPerSecond: 60,
    reasoning: false,
    thinkingSwitch: true,
    promptCaching: false,
  },
  gemini: {
    vendor: 'gemini',
    accuracy: 0.82,
    ttftMs: 700,
    tokensPerSecond: 120,
    reasoning: false,
    thinkingSwitch: true,
    promptCaching: false,
  },
};

/** Built-in per-model settings on top of the vendor defaults. */
export const builtinProfiles: Readonly<Record<string, ProfileOverride>> = {
  'sim-fast': { vendor: 'openai', accuracy: 0.55, ttftMs: 60, tokensPerSecond: 300 },
  'sim-balanced': { vendor: 'qwen', accuracy: 0.75, ttftMs: 250, tokensPerSecond: 120 },
  'sim-reasoner': { vendor: 'deepseek', accuracy: 0.92, ttftMs: 800, tokensPerSecond: 90, reasoning: true },
  'gpt-4o-mini': { accuracy: 0.72, ttftMs: 350, tokensPerSecond: 95 },
  'gpt-4o': { accuracy: 0.8, ttftMs: 450, tokensPerSecond: 80 },
  'gpt-4.1': { accuracy: 0.82, ttftMs: 450, tokensPerSecond: 85 },
  'gpt-5': { accuracy: 0.9, ttftMs: 2500, tokensPerSecond: 70 },
  'gpt-5-mini': { accuracy: 0.86, ttftMs: 1500, tokensPerSecond: 90 },
  o3: { accuracy: 0.91, ttftMs: 3000, tokensPerSecond: 60 },
  'o4-mini': { accuracy: 0.87, ttftMs: 1800, tokensPerSecond: 90 },
  'deepseek-chat': { accuracy: 0.8, ttftMs: 500, tokensPerSecond: 50 },
  'deepseek-reasoner': { accuracy: 0.88, ttftMs: 1200, tokensPerSecond: 40, reasoning: true },
  'deepseek-v4-pro': { accuracy: 0.86, ttftMs: 700, tokensPerSecond: 45 },
  'qwen3-max': { accuracy: 0.85, ttftMs: 600, tokensPerSecond: 55 },
  'qwen-max': { accuracy: 0.8, ttftMs: 550, tokensPerSecond: 50 },
  'claude-sonnet-4-5': { accuracy: 0.88, ttftMs: 1000, tokensPerSecond: 65 },
  'claude-sonnet-4-5-20250929': { accuracy: 0.88, ttftMs: 1000, tokensPerSecond: 65 },
  'claude-opus-4-5-20251101': { accuracy: 0.9, ttftMs: 1400, tokensPerSecond: 45 },
  'gemini-2.5-flash': { accuracy: 0.83, ttftMs: 500, tokensPerSecond: 180, reasoning: true },
  'gemini-2.5-pro': { accuracy: 0.9, ttftMs: 1500, tokensPerSecond: 90, reasoning: true },
  'gemini-2.0-flash': { accuracy: 0.75, ttftMs: 350, tokensPerSecond: 200 },
  'doubao-seed-1-6': { accuracy: 0.8, ttftMs: 500, tokensPerSecond: 75 },
  'doubao-seed-1-6-250615': { accuracy: 0.8, ttftMs: 500, tokensPerSecond: 75 },
  'doubao-seed-1-6-thinking-250715': { accuracy: 0.86, ttftMs: 1100, tokensPerSecond: 60, reasoning: true },
};

/** The vendor style a model id implies; unknown ids speak plain OpenAI. */
export function vendorOf(model: string): SimulatedVendor {
  const id = model.toLowerCase();
  if (id.startsWith('claude')) return 'claude';
  if (id.startsWith('gemini')) return 'gemini';
  if (id.startsWith('deepseek')) return 'deepseek';
  if (id.startsWith('qwen') || id.startsWith('qwq')) return 'qwen';
  if (id.startsWith('doubao')) return 'doubao';
  return 'openai';
}

function alwaysThinks(model: string): boolean {
  const id = model.toLowerCase();
  // OpenAI o-series and gpt-5 (except the -chat variants) are reasoning models.
  if (/^o\d/.test(id) || (/^gpt-5/.test(id) && !id.includes('chat'))) return true;
  return /thinking|reasoner|-r1\b/.test(id) && !id.includes('nothinking') && !id.includes('non-reasoning');
}

/** Resolves profiles by model id: caller override over built-in over vendor default. Memoised. */
export class ProfileBook {
  private readonly cache = new Map<string, ModelProfile>();

  constructor(private readonly overrides: Readonly<Record<string, ProfileOverride>> = {}) {}

  get(model: string): ModelProfile {
    const known = this.cache.get(model);
    if (known) return known;
    const builtin = builtinProfiles[model] ?? {};
    const override = this.overrides[model] ?? {};
    const vendor = override.vendor ?? builtin.vendor ?? vendorOf(model);
    const profile: ModelProfile = {
      ...vendorDefaults[vendor],
      reasoning: alwaysThinks(model),
      ...builtin,
      ...override,
      vendor,
    };
    if (this.cache.size < 10_000) this.cache.set(model, profile);
    return profile;
  }

  /** Model ids that have a profile of their own (built-in or override). */
  names(): string[] {
    return [...new Set([...Object.keys(builtinProfiles), ...Object.keys(this.overrides)])];
  }
}
