import type { Options } from 'yargs';
import { DEFAULT_SHOWN_FLIPS } from '../report/render-compare.js';

/** Flags of `compare`, grouped for `--help` (the positionals are declared in the command string). */
export const COMPARE_OPTIONS: Record<string, Options> = {
  models: { type: 'string', group: 'Select:', describe: 'Only these models (comma-separated), same name in both runs' },
  'baseline-model': {
    type: 'string',
    group: 'Select:',
    describe: 'Model of the baseline run to compare (with --candidate-model: two different models)',
  },
  'candidate-model': { type: 'string', group: 'Select:', describe: 'Model of the candidate run to compare' },
  out: { type: 'string', group: 'Output:', describe: 'Write compare.json here (a .json path, or a folder)' },
  'show-flips': {
    type: 'number',
    default: DEFAULT_SHOWN_FLIPS,
    group: 'Output:',
    describe: 'Flipped items listed per kind and model',
  },
  gate: {
    type: 'boolean',
    default: false,
    group: 'Gate:',
    describe: 'Exit 1 on a credible drop (or a threshold below), 3 on too many errors',
  },
  'min-score': {
    type: 'number',
    group: 'Gate:',
    describe: 'Fail when a candidate mean score is below this fraction (0-1)',
  },
  'max-drop': {
    type: 'string',
    array: true,
    group: 'Gate:',
    describe:
      'Fail when a score drops by more than N percentage points; GROUP=N for one group, *=N for every top-level group (repeatable)',
  },
  alpha: { type: 'number', default: 0.05, group: 'Gate:', describe: 'Significance level of the paired tests' },
  'max-error-rate': {
    type: 'number',
    default: 0.1,
    group: 'Gate:',
    describe: 'Exit 3 when more than this fraction of candidate rows are errors',
  },
};

/** Real examples shown by `compare --help`. */
export const COMPARE_EXAMPLES: Array<[string, string]> = [
  ['$0 compare results/monday results/tuesday --gate', 'Same models on two dates; exit 1 on a credible drop'],
  [
    '$0 compare results/run results/run --baseline-model deepseek-chat --candidate-model qwen3-max',
    'Two models of one run',
  ],
  [
    '$0 compare base/results.jsonl new/results.jsonl --max-drop 2 --out compare.json',
    'Fail on any drop above 2 pp; write the JSON',
  ],
  [
    "$0 compare results/monday results/tuesday --gate --max-drop '*=8' --max-drop STEM=5",
    'No category may drop more than 8 pp, STEM no more than 5',
  ],
];
