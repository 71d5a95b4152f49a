import { SUMMARY_SCHEMA_VERSION } from './summary-json.js';

/** One field of `summary.json`: its type as the docs show it, what it means, and its members when it holds objects. */
export interface FieldDoc {
  type: string;
  meaning: string;
  /** The members of the object (or of each object of the array). Absent: a value, or a map with free keys. */
  fields?: Record<string, FieldDoc>;
}

const num = (meaning: string): FieldDoc => ({ type: 'number', meaning });
const nullableNum = (meaning: string): FieldDoc => ({ type: 'number | null', meaning });
const text = (meaning: string): FieldDoc => ({ type: 'string', meaning });

const SCORE: Record<string, FieldDoc> = {
  items: num('Items averaged; each item counts once, its repeats averaged first.'),
  mean: num('Mean score over those items, a fraction in [0, 1].'),
  low: num('Lower end of the 95% interval.'),
  high: num('Upper end of the 95% interval.'),
  se: num('Naive standard error of the mean.'),
  clustered_se: nullableNum('Clustered standard error; null when the run has no cluster column.'),
  clusters: nullableNum('Distinct clusters among the items; null without a cluster column.'),
  method: {
    type: '"wilson" | "bootstrap" | "normal" | "clustered"',
    meaning:
      'How the interval was made: Wilson for 0/1 items, seeded bootstrap or normal for other scores, clustered when items share clusters (Wilson on the effective sample size for 0/1 items).',
  },
};

const LATENCY: Record<string, FieldDoc> = {
  count: num('Rows the percentiles are over: ok, not answered from the cache.'),
  p50: nullableNum('Median final-attempt latency in ms; null without such rows.'),
  p90: nullableNum('90th percentile.'),
  p99: nullableNum('99th percentile.'),
};

const AVERAGE: Record<string, FieldDoc> = {
  mean: num('The average, a fraction.'),
  low: num('Lower end of its 95% interval.'),
  high: num('Upper end.'),
  count: num('Items (micro) or groups (macro) averaged.'),
};

const PAIR_BASE: Record<string, FieldDoc> = {
  a: text('Model A; differences are A − B.'),
  b: text('Model B.'),
  n: num('Items both models scored.'),
  difference: nullableNum('Mean of A − B over those items, a fraction; null when there are none.'),
  low: nullableNum('Lower end of its 95% interval.'),
  high: nullableNum('Upper end.'),
  p_value: nullableNum('Two-sided p-value of the test in `method`.'),
  p_adjusted: nullableNum('Holm-adjusted over the family the test belongs to (see `family`).'),
  correlation: nullableNum("Pearson correlation of the two models' item scores; null when either is constant."),
};

/** Every field of `summary.json`, in the order written. */
export const SUMMARY_DOC: Record<string, FieldDoc> = {
  schema_version: num(`Version of this layout; ${SUMMARY_SCHEMA_VERSION} for this version of the tool.`),
  tool: {
    type: 'object',
    meaning: 'The tool that wrote the file.',
    fields: { name: text('Always `mixrouter-eval`.'), version: text('Its version.') },
  },
  run: {
    type: 'object',
    meaning: 'The run the figures are of.',
    fields: {
      folder: text('The run folder.'),
      status: {
        type: 'string | null',
        meaning: "run.json's status (`completed`, `interrupted`, …); null without run.json.",
      },
      simulated: { type: 'boolean', meaning: 'True when the answers came from the simulated gateway.' },
      alpha: num('Significance level of every test.'),
      suites: {
        type: 'array',
        meaning: 'The built-in or user suites the run asked for.',
        fields: {
          name: text('As asked, e.g. `cmmlu:stem`.'),
          suite: text("The suite's own name."),
          version: text("The suite's version (part of every item key)."),
          shots: num('Few-shot exemplars per item.'),
          rows: num('Items.'),
          licence: text("The data's licence."),
        },
      },
      group_by: { type: 'string[]', meaning: 'Group columns of the breakdowns, the top level first.' },
      cluster_by: { type: 'string | null', meaning: 'Cluster column of the clustered errors.' },
    },
  },
  models: {
    type: 'array',
    meaning: 'One entry per model, in run order.',
    fields: {
      model: text('The model name as requested.'),
      rows: num('Final rows (items × repeats).'),
      ok: num('Rows answered.'),
      errors: num('Rows that ended in an error after their retries.'),
      errors_by_kind: { type: 'object', meaning: 'Error rows by failure kind, e.g. `{"timeout": 2}`.' },
      cached_rows: num('Rows answered from the response cache.'),
      reasoning_exhausted: num('Ok rows whose reasoning used the whole token cap and gave no answer (not scored).'),
      score: {
        type: 'object | null',
        meaning: 'The model\u2019s score; null when no row could be scored.',
        fields: {
          ...SCORE,
          scored_rows: num('Rows with a score (every repeat counts).'),
          passed_rows: num('Scored rows that passed.'),
        },
      },
      latency_ms: { type: 'object', meaning: 'Final-attempt latency percentiles.', fields: LATENCY },
      ttft_ms: { type: 'object', meaning: 'Time to first token percentiles over streamed rows.', fields: LATENCY },
      tokens: {
        type: 'object',
        meaning: 'Token sums over the rows that reported them; each null when none did.',
        fields: {
          input: nullableNum('Input tokens.'),
          output: nullableNum('Output tokens (reasoning included).'),
          reasoning: nullableNum('Reasoning tokens.'),
          cached: nullableNum('Cached input tokens.'),
        },
      },
      rows_without_usage: num('Ok rows whose usage did not report input or output tokens.'),
      cost_usd: nullableNum('Cost in US dollars over the rows with a price; null when none had one.'),
      repeats: {
        type: 'object | null',
        meaning: 'Repeat figures; null when each item was asked once.',
        fields: {
          k: num('Repeats asked per item.'),
          items: num('Items with at least one pass/fail outcome.'),
          pass_at_1: nullableNum('Mean over items of their pass rate.'),
          pass_at_k: nullableNum('Mean unbiased pass@k.'),
          pass_hat_k: nullableNum('Mean pass^k (all k pass).'),
          consistency: nullableNum('Mean agreement with the majority answer.'),
        },
      },
    },
  },
  pairs: {
    type: 'array',
    meaning: 'Every pair of models (A earlier in run order), over the items both scored; one Holm family.',
    fields: {
      ...PAIR_BASE,
      method: {
        type: '"mcnemar" | "bootstrap" | "clustered"',
        meaning: 'Exact McNemar for 0/1 items, paired bootstrap otherwise, clustered z test when items share clusters.',
      },
      family: num('Tests in the Holm family (the number of pairs).'),
      significant: { type: 'boolean', meaning: 'Significant at `run.alpha` after the Holm adjustment.' },
      se: nullableNum('Naive standard error of the difference.'),
      clustered_se: nullableNum('Clustered standard error of the difference; null without a cluster column.'),
      mde: nullableNum('Smallest difference this comparison detects at 80% power.'),
    },
  },
  breakdowns: {
    type: 'array',
    meaning: 'One breakdown per group column, the top level first; empty when the run has none.',
    fields: {
      column: text('The group column.'),
      cluster_by: {
        type: 'string | null',
        meaning: 'Cluster column used inside groups (null when it is this column).',
      },
      family: num('Tests in this breakdown\u2019s Holm family (every pair in every group).'),
      groups: {
        type: 'array',
        meaning: 'One entry per group, in name order (`(none)` last: rows without the column).',
        fields: {
          name: text('The group.'),
          items: num('Items of the group any model answered.'),
          models: {
            type: 'array',
            meaning: 'One entry per model, in run order.',
            fields: {
              model: text('The model.'),
              rows: num('Its rows in the group.'),
              errors: num('Those that ended in errors.'),
              score: { type: 'object | null', meaning: 'Its score over the group\u2019s items.', fields: SCORE },
              latency_ms: { type: 'object', meaning: 'Latency percentiles of its rows in the group.', fields: LATENCY },
              tokens: {
                type: 'object',
                meaning: 'Token sums of its rows in the group.',
                fields: { input: nullableNum('Input tokens.'), output: nullableNum('Output tokens.') },
              },
              cost_usd: nullableNum('Cost of its rows in the group.'),
            },
          },
          pairs: {
            type: 'array',
            meaning: 'Every pair of models over the group\u2019s items both scored.',
            fields: {
              ...PAIR_BASE,
              method: {
                type: '"mcnemar" | "z" | "clustered z"',
                meaning: 'Exact McNemar for 0/1 items, else a paired z test (clustered when items share clusters).',
              },
              credible: {
                type: 'boolean',
                meaning: '`p_adjusted` ≤ `run.alpha`: the difference survives the correction.',
              },
            },
          },
        },
      },
      averages: {
        type: 'array',
        meaning: 'Per model: micro (mean over items) and macro (mean over groups, each weighing the same) averages.',
        fields: {
          model: text('The model.'),
          micro: { type: 'object | null', meaning: 'Mean over items.', fields: AVERAGE },
          macro: { type: 'object | null', meaning: 'Mean over groups.', fields: AVERAGE },
        },
      },
    },
  },
};

function rows(fields: Record<string, FieldDoc>, prefix: string): string[] {
  return Object.entries(fields).flatMap(([name, doc]) => {
    const path = `${prefix}${name}`;
    const suffix = doc.type === 'array' && doc.fields ? '[]' : '';
    const cell = (value: string): string => value.replaceAll('|', '\\|');
    const line = `| \`${path}${suffix}\` | \`${cell(doc.type)}\` | ${cell(doc.meaning)} |`;
    return [line, ...(doc.fields ? rows(doc.fields, `${path}${suffix}.`) : [])];
  });
}

/** docs/summary-json.md, rendered from {@link SUMMARY_DOC} (`npm run docs`; a test fails when it differs). */
export function renderSummaryJsonDoc(): string {
  return [
    '# summary.json',
    '',
    '<!-- Generated from src/analysis/summary-json-doc.ts by `npm run docs`. Do not edit by hand. -->',
    '',
    'Every run folder gets a `summary.json` when the run ends (and again from `mixrouter-eval report` and',
    '`score`): the figures the terminal, report.md and report.html show, as JSON for CI jobs and dashboards.',
    'Read it instead of scraping text. Fractions stay fractions (0.83, not 83%), differences are A − B, and',
    '`null` means not reported or not computable, never a guessed zero.',
    '',
    `This version of the tool writes \`schema_version\` ${SUMMARY_SCHEMA_VERSION}. Fields may be added without a new`,
    'version; a change that could break a reader (a field renamed, removed or changing meaning) raises it.',
    '',
    'Scores average items, each item\u2019s repeats averaged first. Intervals are 95%. Pairwise tests form one',
    'Holm family; each breakdown\u2019s tests (every pair in every group) form another.',
    '`test/analysis/summary-json.test.ts` checks that every field written is listed here and every field',
    'listed is written.',
    '',
    '| field | type | meaning |',
    '| --- | --- | --- |',
    ...rows(SUMMARY_DOC, ''),
    '',
    'For example, the per-category scores of the first model: `breakdowns[0].groups[].models[0].score.mean`;',
    'the credible differences: the `breakdowns[].groups[].pairs[]` whose `credible` is true.',
    '',
  ].join('\n');
}
