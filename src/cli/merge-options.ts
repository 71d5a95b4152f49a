import type { Options } from 'yargs';

/** Every flag of `merge`: the merged folder, missing shards, and the same gate as `eval`. */
export const MERGE_OPTIONS: Record<string, Options> = {
  out: { type: 'string', demandOption: true, describe: 'The merged run folder (new or empty)' },
  'allow-missing': {
    type: 'boolean',
    default: false,
    describe: 'Merge the shards there are when some are missing, and say which (exit 9 without it)',
  },
  baseline: {
    type: 'string',
    describe: 'Compare the merged run with this earlier run folder and gate on it (exit 1 on a credible drop)',
  },
  'min-score': { type: 'number', describe: "Fail (exit 1) when a model's mean score is below this fraction (0-1)" },
  'max-drop': {
    type: 'string',
    array: true,
    describe:
      'Fail (exit 1) when a score drops more than N percentage points against --baseline; GROUP=N for one group, *=N for every top-level group (repeatable)',
  },
  alpha: { type: 'number', default: 0.05, describe: 'Significance level of the paired tests' },
  'max-error-rate': {
    type: 'number',
    default: 0.1,
    describe: 'Exit 3 when more than this fraction of the merged rows are errors',
  },
};

/** Real examples shown by `merge --help`. */
export const MERGE_EXAMPLES: Array<[string, string]> = [
  [
    '$0 merge results/shard-0 results/shard-1 results/shard-2 results/shard-3 --out results/merged',
    "Check the four shards belong to one run, then write its results, scores, summary and reports from every shard's rows",
  ],
  [
    '$0 merge shards/* --out merged --baseline baseline-run --max-drop 2',
    'The same, gated on a baseline run like eval --baseline',
  ],
];
