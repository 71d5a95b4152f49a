import { effortForThinking } from '../openai-responses/reasoning-effort.js';
import type { Call, ThinkingOptions, Vendor } from '../types.js';

/** How one vendor's thinking switch is spelled on `/v1/chat/completions`. */
export interface ThinkingAdjustment {
  /** One line for the docs: what is sent, and on which source it rests. */
  summary: string;
  /** Top-level body fields for the given thinking options (merged before `extraBody`). */
  fields(thinking: ThinkingOptions): Record<string, unknown>;
}

type Effort = NonNullable<ThinkingOptions['effort']>;

/** Google's documented budgets behind each `reasoning_effort` level on Gemini 2.5 (upper bounds used to map a budget). */
const geminiBudgetByEffort: [Effort, number][] = [
  ['low', 1024],
  ['medium', 8192],
  ['high', 24_576],
];

/** The gateway's Claude thinking budgets for `reasoning_effort` low/medium/high. */
const claudeBudgetByEffort: [Effort, number][] = [
  ['low', 1280],
  ['medium', 2048],
  ['high', 4096],
];

/** The smallest effort level whose budget covers `budgetTokens`, else the highest one. */
function effortForBudget(options: { budgetTokens: number; table: [Effort, number][] }): Effort {
  const level = options.table.find(([, budget]) => options.budgetTokens <= budget);
  return (level ?? options.table[options.table.length - 1])[0];
}

function geminiEffort(thinking: ThinkingOptions): Effort | null {
  if (thinking.effort !== undefined) return thinking.effort;
  if (thinking.budgetTokens === undefined) return null;
  return effortForBudget({ budgetTokens: thinking.budgetTokens, table: geminiBudgetByEffort });
}

function claudeEffort(thinking: ThinkingOptions): Exclude<Effort, 'minimal'> {
  // The gateway maps only low/medium/high for Claude; minimal is the nearest to low.
  if (thinking.effort === 'minimal') return 'low';
  if (thinking.effort !== undefined) return thinking.effort;
  if (thinking.budgetTokens === undefined) return 'medium';
  const effort = effortForBudget({ budgetTokens: thinking.budgetTokens, table: claudeBudgetByEffort });
  return effort === 'minimal' ? 'low' : effort;
}

function claudeBudget(thinking: ThinkingOptions): number {
  if (thinking.budgetTokens !== undefined) return thinking.budgetTokens;
  const effort = claudeEffort(thinking);
  return claudeBudgetByEffort.find(([level]) => level === effort)?.[1] ?? 2048;
}

/**
 * The per-vendor thinking switches, exported so the docs can list them. Nothing is
 * sent when the call has no thinking options: every model then runs at its default.
 */
export const chatThinkingAdjustments: Record<Vendor, ThinkingAdjustment> = {
  openai: {
    summary:
      '`reasoning_effort` (o-series / gpt-5) [PROV, MR o3 page]: the effort given, else a budget mapped to the smallest level covering it (1024/8192/24576, as on the responses route), else medium; no switch to turn thinking off.',
    fields: (thinking) => (thinking.enabled ? { reasoning_effort: effortForThinking(thinking) } : {}),
  },
  deepseek: {
    summary: '`thinking: {type: "enabled"|"disabled"}` [MR, PROV]; deepseek-reasoner thinks regardless.',
    fields: (thinking) => ({ thinking: { type: thinking.enabled ? 'enabled' : 'disabled' } }),
  },
  qwen: {
    summary:
      'top-level `enable_thinking: true|false` [MR, PROV], plus `thinking_budget` when a budget is given [PROV].',
    fields: (thinking) =>
      thinking.enabled && thinking.budgetTokens !== undefined
        ? { enable_thinking: true, thinking_budget: thinking.budgetTokens }
        : { enable_thinking: thinking.enabled },
  },
  google: {
    summary:
      'on: `thinking: {type: "enabled"}` [MR] plus `reasoning_effort` from the effort, or from the budget by Google\'s 1024/8192/24576 levels [PROV]; off: `reasoning_effort: "none"` [PROV]. Never `extra_body.google.thinking_config`, which Google forbids combining with `reasoning_effort`.',
    fields: (thinking) => {
      if (!thinking.enabled) return { reasoning_effort: 'none' };
      const effort = geminiEffort(thinking);
      return effort === null
        ? { thinking: { type: 'enabled' } }
        : { thinking: { type: 'enabled' }, reasoning_effort: effort };
    },
  },
  anthropic: {
    summary:
      'on: both `thinking: {type: "enabled", budget_tokens}` [SIB] and `reasoning_effort` (low/medium/high ↔ 1280/2048/4096 tokens) [GW], as the reference advises for its Conflict; default medium/2048. Off: nothing (Claude does not think unless asked).',
    fields: (thinking) =>
      thinking.enabled
        ? {
            thinking: { type: 'enabled', budget_tokens: claudeBudget(thinking) },
            reasoning_effort: claudeEffort(thinking),
          }
        : {},
  },
  doubao: {
    summary:
      '`thinking: {type: "enabled"|"disabled"}` for hybrid Seed models [PROV]; `*-thinking-*` models always think.',
    fields: (thinking) => ({ thinking: { type: thinking.enabled ? 'enabled' : 'disabled' } }),
  },
  other: {
    summary: 'nothing: no documented switch; use `extraBody` for the model at hand.',
    fields: () => ({}),
  },
};

/** What the chat body cannot express of the call's thinking options, one sentence each. */
export function thinkingNotes(call: Call): string[] {
  const { thinking } = call;
  if (thinking === undefined) return [];
  if (call.vendor === 'openai') {
    if (!thinking.enabled) return ['thinking cannot be turned off for OpenAI models; nothing is sent for it'];
    if (thinking.effort === undefined) {
      const effort = effortForThinking(thinking);
      return [
        thinking.budgetTokens === undefined
          ? `thinking is sent as reasoning_effort: ${effort} (no level was given)`
          : `thinking budget ${thinking.budgetTokens} is sent as reasoning_effort: ${effort} (the chat route takes no budget for OpenAI models)`,
      ];
    }
  }
  if (call.vendor === 'other')
    return ['no documented thinking switch for this vendor: nothing is sent (use extraBody)'];
  return [];
}

/** The thinking fields to add to a chat body for this vendor; empty when the call sets no thinking options. */
export function thinkingFields(options: {
  vendor: Vendor;
  thinking: ThinkingOptions | undefined;
}): Record<string, unknown> {
  return options.thinking === undefined ? {} : chatThinkingAdjustments[options.vendor].fields(options.thinking);
}
