import type { Options } from 'yargs';
import { DEFAULT_MAX_ANSWER_MB } from '../settings/run-config.js';

/** Where `eval` keeps its response cache unless `--cache-dir` says otherwise. */
export const DEFAULT_CACHE_DIR = 'results/.cache';

/** Every flag of `eval`, grouped for `--help`. The README documents the same list. */
export const EVAL_OPTIONS: Record<string, Options> = {
  models: { type: 'string', array: true, group: 'Run:', describe: 'Comma-separated models to compare (repeatable)' },
  dataset: { type: 'string', array: true, group: 'Run:', describe: 'Dataset file(s): .csv or .jsonl' },
  suite: {
    type: 'string',
    array: true,
    group: 'Run:',
    describe:
      'Built-in suite (gsm8k, cmmlu, default), subset (cmmlu:stem, cmmlu:agronomy,anatomy) or suite file (repeatable; with neither --dataset nor --suite: the default suite)',
  },
  shots: {
    type: 'number',
    group: 'Run:',
    describe: "Few-shot exemplars per item for the suites (0 allowed; default: each suite's own, cmmlu 5)",
  },
  'group-by': {
    type: 'string',
    array: true,
    group: 'Scoring:',
    describe: 'Break scores down by these dataset columns (repeatable; suites set category and subject)',
  },
  'cluster-by': {
    type: 'string',
    group: 'Scoring:',
    describe: 'Rows sharing this column are one cluster: clustered standard errors beside the naive ones',
  },
  config: {
    type: 'string',
    group: 'Run:',
    describe: 'JSON or YAML file with per-model format, base URL, params, thinking, limits and prices',
  },
  'check-models': {
    type: 'boolean',
    default: false,
    group: 'Gateway:',
    describe: 'Check every model against GET /v1/models before sending anything',
  },
  concurrency: {
    type: 'number',
    default: 16,
    group: 'Run:',
    describe: 'Requests in flight at once, across all models',
  },
  limit: {
    type: 'string',
    array: true,
    group: 'Run:',
    describe:
      "A number: only the first N rows of each dataset. model=spec: that model's limits, e.g. qwen3-max=8c,60rpm,200ktpm (repeatable)",
  },
  repeat: {
    type: 'number',
    default: 1,
    group: 'Run:',
    describe: 'Ask each model N times per row (each repeat has its own key)',
  },
  out: { type: 'string', group: 'Run:', describe: 'Run folder (default results/<timestamp>-<dataset>/)' },
  shard: {
    type: 'string',
    group: 'Run:',
    describe:
      "Run only shard i of n (0-based), e.g. 0/4; auto/n takes i from JOB_COMPLETION_INDEX (a Kubernetes Indexed Job). Rows split by a hash of their content; --concurrency and --limit hold per process; join the shards' folders with merge",
  },
  simulate: {
    type: 'boolean',
    default: false,
    group: 'Run:',
    describe: 'Use the built-in simulated gateway (offline, no key needed)',
  },
  'base-url': {
    type: 'string',
    group: 'Gateway:',
    describe: 'Gateway base URL (env MIXROUTER_BASE_URL, default https://api.mixrouter.com/v1)',
  },
  system: { type: 'string', group: 'Request:', describe: 'System prompt for every request' },
  temperature: { type: 'number', group: 'Request:', describe: 'Sampling temperature (0-2)' },
  'max-tokens': { type: 'number', group: 'Request:', describe: 'Cap on generated tokens' },
  stream: {
    type: 'boolean',
    default: false,
    group: 'Request:',
    describe: 'Stream responses (gives time to first token)',
  },
  'input-field': {
    type: 'string',
    group: 'Dataset fields:',
    describe: 'Column with the prompt (default: prompt/input/question, or JSONL messages)',
  },
  'expected-field': {
    type: 'string',
    group: 'Dataset fields:',
    describe: 'Column with the expected answer (default: expected/answer/target/label)',
  },
  'expected-pattern': {
    type: 'string',
    group: 'Dataset fields:',
    describe: 'Regex applied to the expected value; its first group is kept',
  },
  'id-field': {
    type: 'string',
    group: 'Dataset fields:',
    describe: 'Column with the row id (default: id, else a content hash)',
  },
  prompt: {
    type: 'string',
    group: 'Dataset fields:',
    describe: 'Prompt template over the row\'s columns, e.g. "{{Question}}\\nA. {{A}}"',
  },
  retries: {
    type: 'number',
    default: 5,
    group: 'Reliability:',
    describe: 'Retries per request after the first attempt (0 = none)',
  },
  'retry-time': {
    type: 'number',
    default: 600,
    group: 'Reliability:',
    describe: 'Seconds after which a request is not retried any more',
  },
  timeout: { type: 'number', default: 900, group: 'Reliability:', describe: 'Seconds one attempt may take in total' },
  'connect-timeout': { type: 'number', default: 10, group: 'Reliability:', describe: 'Seconds to open a connection' },
  'first-byte-timeout': {
    type: 'number',
    default: 120,
    group: 'Reliability:',
    describe: 'Seconds until a streamed response starts',
  },
  'stall-timeout': {
    type: 'number',
    default: 120,
    group: 'Reliability:',
    describe: 'Longest silence in seconds between two chunks of a response',
  },
  resume: {
    type: 'string',
    group: 'Resume and cache:',
    describe: 'Continue a run folder: skip every key already finished, reuse its settings',
  },
  'retry-errors': {
    type: 'boolean',
    default: false,
    group: 'Resume and cache:',
    describe: 'With --resume: redo the rows that ended in errors',
  },
  cache: {
    type: 'boolean',
    default: true,
    group: 'Resume and cache:',
    describe: 'Reuse answers for identical requests from the disk cache (--no-cache to always send)',
  },
  'cache-dir': {
    type: 'string',
    default: DEFAULT_CACHE_DIR,
    group: 'Resume and cache:',
    describe: 'Folder of the response cache',
  },
  'cache-any-endpoint': {
    type: 'boolean',
    default: false,
    group: 'Resume and cache:',
    describe: 'Let a cached answer from one gateway address serve another (off: the endpoint is part of the key)',
  },
  'max-cost': { type: 'number', group: 'Budget:', describe: 'Stop scheduling once the rows sent cost this many USD' },
  'max-requests': { type: 'number', group: 'Budget:', describe: 'Stop scheduling after this many requests' },
  'max-answer-mb': {
    type: 'number',
    default: DEFAULT_MAX_ANSWER_MB,
    group: 'Reliability:',
    describe: 'Largest response read, in MB; a larger answer becomes a too-large error on its row',
  },
  'dry-run': {
    type: 'boolean',
    default: false,
    group: 'Budget:',
    describe: 'Send nothing: print planned requests, one body per format, and a token and cost estimate',
  },
  download: {
    type: 'boolean',
    default: false,
    group: 'Video:',
    describe: 'Download finished videos into <run>/videos/ (streamed, with size and sha256)',
  },
  'video-duration': { type: 'number', group: 'Video:', describe: 'Clip length in seconds' },
  'video-resolution': { type: 'string', group: 'Video:', describe: 'Resolution: 480p, 720p or 1080p' },
  'video-ratio': {
    type: 'string',
    group: 'Video:',
    describe: 'Aspect ratio: 16:9, 4:3, 1:1, 3:4, 9:16, 21:9 or adaptive',
  },
  'video-deadline': {
    type: 'number',
    default: 1800,
    group: 'Video:',
    describe: 'Seconds after its submit before an unfinished task is recorded as timed out',
  },
  'video-poll-interval': {
    type: 'number',
    default: 5,
    group: 'Video:',
    describe: 'Seconds before the first poll; later polls back off up to 60 s',
  },
  'video-poll-concurrency': {
    type: 'number',
    default: 8,
    group: 'Video:',
    describe: 'Polls in flight at once (separate from submissions)',
  },
  'video-poll-path': {
    type: 'string',
    group: 'Video:',
    describe: 'Poll path under the base URL, e.g. /video/generations/{task_id} (default /videos/{task_id})',
  },
  scorer: {
    type: 'string',
    array: true,
    group: 'Scoring:',
    describe:
      "Scorer(s): exact, contains, regex:<re>, numeric[:tol], choice, json, json-schema:<file>, judge[:model], custom:<file.js>, auto (default: the dataset's scorer column, else auto)",
  },
  'allow-dataset-scorers': {
    type: 'boolean',
    default: false,
    group: 'Scoring:',
    describe:
      "Let the dataset's scorer column name custom modules, schema files and judges (off: only exact, contains, regex, numeric, choice, json)",
  },
  'pass-threshold': {
    type: 'number',
    group: 'Scoring:',
    describe: 'Pass mark for continuous scores, in (0, 1] (default 0.5)',
  },
  'judge-model': {
    type: 'string',
    group: 'Scoring:',
    describe: 'Model for a bare `judge` scorer (its own limiter; its cost is reported apart)',
  },
  rubric: { type: 'string', group: 'Scoring:', describe: 'Judge rubric text, or @file' },
  baseline: {
    type: 'string',
    group: 'Quality gate:',
    describe: 'Compare with this earlier run folder and gate on it (exit 1 on a credible drop)',
  },
  'min-score': {
    type: 'number',
    group: 'Quality gate:',
    describe: "Fail (exit 1) when a model's mean score is below this fraction (0-1)",
  },
  'max-drop': {
    type: 'string',
    array: true,
    group: 'Quality gate:',
    describe:
      'Fail (exit 1) when a score drops more than N percentage points against --baseline; GROUP=N for one group, *=N for every top-level group (repeatable)',
  },
  alpha: { type: 'number', default: 0.05, group: 'Quality gate:', describe: 'Significance level of the paired tests' },
  'max-error-rate': {
    type: 'number',
    default: 0.1,
    group: 'Reliability:',
    describe: 'Exit 3 when more than this fraction of rows end in errors',
  },
};

/** Real examples shown by `eval --help`. */
export const EVAL_EXAMPLES: Array<[string, string]> = [
  [
    '$0 eval --simulate --models qwen3-max,deepseek-chat --dataset datasets/arithmetic.csv',
    'Offline, against the simulated gateway',
  ],
  [
    '$0 eval --models qwen3-max,deepseek --dataset ../shared/datasets/gsm8k/test.jsonl --limit 100 --concurrency 32',
    'GSM8K: question column picked up, expected = the number after ####',
  ],
  [
    '$0 eval --models gpt-4o-mini --dataset cmmlu/test/agronomy.csv --prompt "{{Question}}\\nA. {{A}}\\nB. {{B}}\\nC. {{C}}\\nD. {{D}}" --expected-field Answer',
    'A multiple-choice CSV with a prompt template',
  ],
  [
    '$0 eval --models gpt-4o-mini --dataset chats.jsonl --stream --system "Answer briefly."',
    'JSONL rows with a messages array, streamed',
  ],
  [
    "$0 eval --models qwen3-max,deepseek --shard 2/4 --limit '*=1500rpm' --out runs/shard-2",
    "Shard 2 of 4 at a quarter of the key's 6000 rpm; join the four folders with merge",
  ],
];
