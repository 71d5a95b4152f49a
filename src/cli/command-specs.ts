import type { Options, PositionalOptions } from 'yargs';
import { COMPARE_EXAMPLES, COMPARE_OPTIONS } from './compare-options.js';
import { EVAL_EXAMPLES, EVAL_OPTIONS } from './eval-options.js';
import { MERGE_EXAMPLES, MERGE_OPTIONS } from './merge-options.js';

/** The names of the CLI's commands. */
export type CommandName = 'eval' | 'merge' | 'demo' | 'simulate' | 'models' | 'suites' | 'compare' | 'score' | 'report';

/**
 * One command as yargs declares it and `docs/cli.md` documents it: the one
 * description of every command and flag, so the reference cannot drift.
 */
export interface CommandSpec {
  name: CommandName;
  /** The yargs command string, positionals included (`compare <baseline> <candidate>`). */
  usage: string;
  summary: string;
  positionals?: Record<string, PositionalOptions>;
  options: Record<string, Options>;
  examples: Array<[string, string]>;
}

const GATEWAY = 'Gateway base URL (env MIXROUTER_BASE_URL, default https://api.mixrouter.com/v1)';

/** Every command, in the order `--help` lists them. */
export const COMMAND_SPECS: CommandSpec[] = [
  {
    name: 'eval',
    usage: 'eval',
    summary: 'Run a dataset against one or more models',
    options: EVAL_OPTIONS,
    examples: EVAL_EXAMPLES,
  },
  {
    name: 'merge',
    usage: 'merge <folders..>',
    summary: 'Join the run folders of a sharded eval (--shard i/n) into one run folder, and gate it like eval',
    positionals: {
      folders: { type: 'string', array: true, describe: "The shards' run folders, every shard 0..n-1 once" },
    },
    options: MERGE_OPTIONS,
    examples: MERGE_EXAMPLES,
  },
  {
    name: 'demo',
    usage: 'demo',
    summary: 'Offline demo: the sample datasets against three simulated models',
    options: { out: { type: 'string', describe: 'Run folder (default results/<timestamp>-demo/)' } },
    examples: [['$0 demo', 'Every sample dataset against qwen3-max, deepseek-chat and gpt-4o-mini, simulated']],
  },
  {
    name: 'simulate',
    usage: 'simulate',
    summary: 'Start the simulated mixrouter gateway on loopback',
    options: {
      port: { type: 'number', default: 8787, describe: 'Port (0 picks a free one)' },
      'latency-scale': { type: 'number', default: 1, describe: 'Multiply every simulated delay (0 = instant)' },
      faults: { type: 'string', describe: 'Fault probabilities, e.g. rateLimit=0.05,serverError=0.02' },
      knowledge: { type: 'string', array: true, describe: 'Dataset files whose answers the simulated models know' },
      accuracy: {
        type: 'string',
        array: true,
        describe:
          'Accuracy per model, or per model and subject or category, e.g. model-x=0.9,model-x:STEM=0.2 (0-1; repeatable)',
      },
      'rate-limit': {
        type: 'string',
        array: true,
        describe:
          "The gateway's own token-bucket limits, MODEL=ITEMS with items 6000rpm, 200ktpm, 50burst, 20ktburst; * is every other model (repeatable). Over the limit: 429 with Retry-After and x-ratelimit-* headers",
      },
      'rate-limit-per': {
        type: 'string',
        choices: ['model', 'key'],
        default: 'model',
        describe: 'One rate-limit bucket per model, or per model and API key',
      },
    },
    examples: [
      [
        '$0 simulate --port 8787',
        'Then: MIXROUTER_API_KEY=sim-local-key mixrouter-eval eval --base-url http://127.0.0.1:8787/v1 ...',
      ],
    ],
  },
  {
    name: 'models',
    usage: 'models',
    summary: 'List the models the gateway offers (GET /v1/models), grouped by vendor',
    options: {
      'base-url': { type: 'string', describe: GATEWAY },
      simulate: { type: 'boolean', default: false, describe: 'Ask the built-in simulated gateway' },
      json: { type: 'boolean', default: false, describe: 'Print JSON instead of a table' },
    },
    examples: [['$0 models', 'Every model your key can use, by vendor, with the formats each accepts']],
  },
  {
    name: 'suites',
    usage: 'suites [name]',
    summary: 'List the built-in benchmark suites (items, subsets, licence, default shots, version)',
    positionals: { name: { type: 'string', describe: "A suite's name: list its subsets (subjects)" } },
    options: { json: { type: 'boolean', default: false, describe: 'Print JSON instead of a table' } },
    examples: [
      ['$0 suites', 'gsm8k, cmmlu and default, with their item counts and licences'],
      ['$0 suites cmmlu', "CMMLU's 67 subjects with their categories"],
    ],
  },
  {
    name: 'compare',
    usage: 'compare <baseline> <candidate>',
    summary: 'Compare two runs (or two models of one run) item by item; --gate for CI',
    positionals: {
      baseline: { type: 'string', describe: 'Baseline run folder or results.jsonl' },
      candidate: { type: 'string', describe: 'Candidate run folder or results.jsonl' },
    },
    options: COMPARE_OPTIONS,
    examples: COMPARE_EXAMPLES,
  },
  {
    name: 'score',
    usage: 'score <run>',
    summary: 'Score a run folder again (writes scores.jsonl; calls no model except a judge)',
    positionals: { run: { type: 'string', describe: 'Run folder' } },
    options: {
      scorer: { type: 'string', array: true, describe: 'Scorer(s), as for eval --scorer' },
      'allow-dataset-scorers': {
        type: 'boolean',
        default: false,
        describe: "Let the dataset's scorer column name custom modules, schema files and judges",
      },
      'pass-threshold': { type: 'number', describe: 'Pass mark for continuous scores, in (0, 1]' },
      'judge-model': { type: 'string', describe: 'Model for a bare `judge` scorer' },
      rubric: { type: 'string', describe: 'Judge rubric text, or @file' },
      concurrency: { type: 'number', default: 4, describe: 'Rows scored at once (judge requests in flight)' },
      config: { type: 'string', describe: 'Config file (its scoring section; judge model settings)' },
      'base-url': { type: 'string', describe: 'Gateway for the judge (env MIXROUTER_BASE_URL)' },
      simulate: { type: 'boolean', default: false, describe: 'Judge with the built-in simulated gateway' },
    },
    examples: [
      ['$0 score results/run --scorer numeric', 'Re-score with the numeric scorer'],
      ['$0 score results/run --scorer judge:gpt-4o-mini --rubric @rubric.md', 'Grade with an LLM judge'],
    ],
  },
  {
    name: 'report',
    usage: 'report <run>',
    summary: 'Write report.html, report.md and junit.xml for a run folder again',
    positionals: { run: { type: 'string', describe: 'Run folder' } },
    options: {
      baseline: { type: 'string', describe: 'Earlier run to compare with in the report' },
      'min-score': { type: 'number', describe: 'Gate rule shown in the report (fraction 0-1)' },
      'max-drop': {
        type: 'string',
        array: true,
        describe: 'Gate rule shown in the report: percentage points, or GROUP=N / *=N per group (repeatable)',
      },
      alpha: { type: 'number', default: 0.05, describe: 'Significance level' },
      'max-error-rate': { type: 'number', default: 0.1, describe: 'Tolerated error rate' },
    },
    examples: [['$0 report results/20261125-183705-test', 'Regenerate the reports, e.g. after `score`']],
  },
];
