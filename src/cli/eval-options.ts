import type { Options } from 'yargs';

/** Every flag of `eval`, grouped for `--help`. The README documents the same list. */
export const EVAL_OPTIONS: Record<string, Options> = {
  models: { type: 'string', group: 'Run:', describe: 'Comma-separated models to compare (repeatable)' },
  dataset: { type: 'string', array: true, group: 'Run:', describe: 'Dataset file(s): .csv or .jsonl' },
  concurrency: { type: 'number', default: 16, group: 'Run:', describe: 'Requests in flight at once, across all models' },
  limit: { type: 'number', group: 'Run:', describe: 'Only the first N rows of each dataset' },
  repeat: { type: 'number', default: 1, group: 'Run:', describe: 'Ask each model N times per row (each repeat has its own key)' },
  out: { type: 'string', group: 'Run:', describe: 'Run folder (default results/<timestamp>-<dataset>/)' },
  simulate: { type: 'boolean', default: false, group: 'Run:', describe: 'Use the built-in simulated gateway (offline, no key needed)' },
  'base-url': { type: 'string', group: 'Gateway:', describe: 'Gateway base URL (env MIXROUTER_BASE_URL, default https://api.mixrouter.com/v1)' },
  system: { type: 'string', group: 'Request:', describe: 'System prompt for every request' },
  temperature: { type: 'number', group: 'Request:', describe: 'Sampling temperature (0-2)' },
  'max-tokens': { type: 'number', group: 'Request:', describe: 'Cap on generated tokens' },
  stream: { type: 'boolean', default: false, group: 'Request:', describe: 'Stream responses (gives time to first token)' },
  'input-field': { type: 'string', group: 'Dataset fields:', describe: 'Column with the prompt (default: prompt/input/question, or JSONL messages)' },
  'expected-field': { type: 'string', group: 'Dataset fields:', describe: 'Column with the expected answer (default: expected/answer/target/label)' },
  'expected-pattern': { type: 'string', group: 'Dataset fields:', describe: 'Regex applied to the expected value; its first group is kept' },
  'id-field': { type: 'string', group: 'Dataset fields:', describe: 'Column with the row id (default: id, else a content hash)' },
  prompt: { type: 'string', group: 'Dataset fields:', describe: 'Prompt template over the row\'s columns, e.g. "{{Question}}\\nA. {{A}}"' },
  retries: { type: 'number', default: 5, group: 'Reliability:', describe: 'Retries per request after the first attempt (0 = none)' },
  timeout: { type: 'number', default: 900, group: 'Reliability:', describe: 'Seconds one attempt may take in total' },
  'max-error-rate': { type: 'number', default: 0.1, group: 'Reliability:', describe: 'Exit 3 when more than this fraction of rows end in errors' },
};

/** Real examples shown by `eval --help`. */
export const EVAL_EXAMPLES: Array<[string, string]> = [
  ['$0 eval --simulate --models qwen3-max,deepseek-chat --dataset datasets/arithmetic.csv', 'Offline, against the simulated gateway'],
  [
    '$0 eval --models qwen3-max,deepseek --dataset ../shared/datasets/gsm8k/test.jsonl --limit 100 --concurrency 32',
    'GSM8K: question column picked up, expected = the number after ####',
  ],
  [
    '$0 eval --models gpt-4o-mini --dataset cmmlu/test/agronomy.csv --prompt "{{Question}}\\nA. {{A}}\\nB. {{B}}\\nC. {{C}}\\nD. {{D}}" --expected-field Answer',
    'A multiple-choice CSV with a prompt template',
  ],
  ['$0 eval --models gpt-4o-mini --dataset chats.jsonl --stream --system "Answer briefly."', 'JSONL rows with a messages array, streamed'],
];
