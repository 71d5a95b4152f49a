import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunManifest } from '../../src/results/manifest.js';
import type { ResultRecord } from '../../src/results/result-record.js';
import { startSimulator } from '../../src/simulator/server.js';
import { materializeSuite } from '../../src/suites/index.js';
import { runCli } from '../helpers/cli.js';

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'suites-run-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;
const readLines = <T>(path: string): T[] =>
  readFileSync(path, 'utf8')
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as T);

type Summary = {
  run: { suites: Array<{ name: string; rows: number; shots: number }>; group_by: string[]; cluster_by: string | null };
  pairs: Array<{ significant: boolean; p_adjusted: number }>;
  breakdowns: Array<{
    column: string;
    groups: Array<{
      name: string;
      items: number;
      models: Array<{ model: string; score: { items: number; mean: number } | null }>;
      pairs: Array<{ credible: boolean; difference: number }>;
    }>;
  }>;
};

describe('the default suite', () => {
  it('runs with nothing but --models and --simulate, and prints per-category figures', async () => {
    const out = join(work, 'default');
    const result = await runCli([
      'eval',
      '--models',
      'qwen3-max,deepseek',
      '--simulate',
      '--concurrency',
      '128',
      '--out',
      out,
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('No --dataset or --suite given: running the built-in default suite');
    expect(result.stderr).toContain('Suite default (default v1): 234 items, 5-shot (100 items zero-shot)');
    for (const category of ['China specific', 'GSM8K', 'Humanities', 'Other', 'Social Science', 'STEM']) {
      expect(result.stdout).toMatch(new RegExp(`\\n${category} +\\d+ +\\d+\\.\\d%`));
    }
    expect(result.stdout).toContain('micro (over items)');
    expect(result.stdout).toContain('macro (over category)');
    expect(result.stdout).toContain('The full suites: --suite gsm8k (1,319 problems) and --suite cmmlu');
    const manifest = readJson<RunManifest>(join(out, 'run.json'));
    expect(manifest.suites?.[0]).toMatchObject({
      name: 'default',
      suite: 'default',
      version: '1',
      rows: 234,
      shots: 5,
    });
    expect(manifest.analysis).toEqual({ group_by: ['category', 'subject'], cluster_by: 'cluster' });
    // The run folder keeps the exact prompts it asked.
    expect(existsSync(join(out, 'suites', 'default.jsonl'))).toBe(true);
    const records = readLines<ResultRecord>(join(out, 'results.jsonl'));
    expect(records).toHaveLength(468);
    expect(records.every((record) => record.groups?.category && record.groups.subject && record.groups.cluster)).toBe(
      true,
    );
    const summary = readJson<Summary>(join(out, 'summary.json'));
    expect(summary.breakdowns.map((breakdown) => [breakdown.column, breakdown.groups.length])).toEqual([
      ['category', 6],
      ['subject', 68],
    ]);
    // Per-subject figures are a hand count of the records and their scores.
    const scores = new Map(
      readLines<{ key: string; scores: Array<{ value: number }> }>(join(out, 'scores.jsonl')).map((line) => [
        line.key,
        line.scores[0].value,
      ]),
    );
    for (const group of summary.breakdowns[1].groups) {
      for (const cell of group.models) {
        const rows = records.filter((record) => record.model === cell.model && record.groups?.subject === group.name);
        const values = rows.map((record) => scores.get(record.key) ?? Number.NaN);
        expect(cell.score?.items).toBe(rows.length);
        expect(cell.score?.mean).toBeCloseTo(values.reduce((sum, value) => sum + value, 0) / values.length, 12);
      }
    }
  }, 120_000);
});

describe('a model made worse in one CMMLU category only', () => {
  it('is flagged in that category and not overall', async () => {
    // One STEM subject (105 items) among 2,419 others: the drop is plain inside STEM, diluted overall.
    const spec = 'cmmlu:college_mathematics,humanities,agronomy,nutrition,food_science';
    const known = await materializeSuite({ spec, shots: 0, folder: join(work, 'known') });
    const simulator = await startSimulator({
      latencyScale: 0,
      knowledge: [known.file],
      profiles: { good: { accuracy: 0.6 }, worse: { accuracy: 0.6, accuracyByGroup: { STEM: 0.3 } } },
    });
    try {
      const out = join(work, 'worse-in-stem');
      const result = await runCli(
        [
          'eval',
          '--base-url',
          simulator.baseUrl,
          '--models',
          'good,worse',
          '--suite',
          spec,
          '--shots',
          '0',
          '--concurrency',
          '64',
          '--no-cache',
          '--out',
          out,
        ],
        { env: { MIXROUTER_API_KEY: simulator.apiKey } },
      );
      expect(result.code, result.stderr).toBe(0);
      const summary = readJson<Summary>(join(out, 'summary.json'));
      expect(summary.pairs[0].significant).toBe(false);
      const categories = summary.breakdowns[0];
      expect(categories.column).toBe('category');
      const credible = categories.groups.filter((group) => group.pairs[0].credible).map((group) => group.name);
      expect(credible).toEqual(['STEM']);
      const stem = categories.groups.find((group) => group.name === 'STEM');
      expect(stem?.items).toBe(105);
      expect(stem?.pairs[0].difference ?? 0).toBeGreaterThan(0.15);
      expect(result.stdout).toMatch(/\nSTEM +105 .* \*\n/);
      expect(result.stdout).toContain('good − worse: ');
      expect(result.stdout).toMatch(/good − worse: [^\n]*: not significant/);
    } finally {
      await simulator.close();
    }
  }, 120_000);
});

describe('suites on the command line', () => {
  it('lists the built-in suites with items, subsets, shots, version and licence', async () => {
    const result = await runCli(['suites']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/cmmlu +1 +11,582 +67 +5 +CC BY-NC-SA 4\.0/);
    expect(result.stdout).toMatch(/gsm8k +1 +1,319 +- +0 +MIT/);
    expect(result.stdout).toMatch(/default +1 +234 +68 +5/);
    const json = JSON.parse((await runCli(['suites', '--json'])).stdout) as Array<{ name: string; rows: number }>;
    expect(json.map((suite) => [suite.name, suite.rows])).toEqual([
      ['cmmlu', 11582],
      ['default', 234],
      ['gsm8k', 1319],
    ]);
    const subjects = await runCli(['suites', 'cmmlu']);
    expect(subjects.stdout).toMatch(/\nagronomy +Other +169\n/);
  });

  it('refuses an unknown suite, too many shots and --shots without a suite before sending anything', async () => {
    const unknown = await runCli(['eval', '--models', 'm', '--simulate', '--suite', 'gsm9k']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown suite 'gsm9k'");
    expect(unknown.stderr).toContain('cmmlu, default, gsm8k');
    const shots = await runCli(['eval', '--models', 'm', '--simulate', '--suite', 'cmmlu:agronomy', '--shots', '6']);
    expect(shots.code).toBe(2);
    expect(shots.stderr).toContain('--shots 6');
    const dataset = join(work, 'plain.csv');
    writeFileSync(dataset, 'question,answer,topic\nWhat is 1+1?,2,maths\nCapital of France?,Paris,geography\n');
    const noSuite = await runCli(['eval', '--models', 'm', '--simulate', '--dataset', dataset, '--shots', '2']);
    expect(noSuite.code).toBe(2);
    expect(noSuite.stderr).toContain('--shots sets the few-shot exemplars of a suite');
    const missing = await runCli([
      'eval',
      '--models',
      'm',
      '--simulate',
      '--dataset',
      dataset,
      '--group-by',
      'subject',
    ]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("names column 'subject'");
    expect(missing.stderr).toContain("'topic'");
  });

  it('breaks a plain dataset down by --group-by, and the dry run states the smallest detectable difference', async () => {
    const dataset = join(work, 'grouped.csv');
    const rows = Array.from(
      { length: 40 },
      (_, index) => `What is ${index} + 1?,${index + 1},${index % 2 ? 'odd' : 'even'}`,
    );
    writeFileSync(dataset, `question,answer,parity\n${rows.join('\n')}\n`);
    const dry = await runCli([
      'eval',
      '--models',
      'a,b',
      '--simulate',
      '--dataset',
      dataset,
      '--group-by',
      'parity',
      '--dry-run',
    ]);
    expect(dry.code, dry.stderr).toBe(0);
    // 40 items: (1.96 + 0.8416)·√0.5/√40 = 31.3 pp; at correlation 0.5, 22.1 pp.
    expect(dry.stdout).toContain('with 40 items, the smallest difference between two models detectable at 80% power');
    expect(dry.stdout).toContain('is 31.3 pp (22.1 pp if');
    expect(dry.stdout).toMatch(/\neven +20 +44\.3 pp\n/);
    const out = join(work, 'parity');
    const run = await runCli([
      'eval',
      '--models',
      'a,b',
      '--simulate',
      '--dataset',
      dataset,
      '--group-by',
      'parity',
      '--out',
      out,
      '--concurrency',
      '80',
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('By parity');
    const records = readLines<ResultRecord>(join(out, 'results.jsonl'));
    expect(new Set(records.map((record) => record.groups?.parity))).toEqual(new Set(['even', 'odd']));
  }, 60_000);
});

describe('a user suite file', () => {
  it('resumes without paying twice, and refuses to resume once the suite asks differently', async () => {
    const folder = join(work, 'my-suite');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(folder, 'data'), { recursive: true });
    const questions = Array.from({ length: 12 }, (_, index) => `q${index},What is ${index} + 2?,${index + 2}`);
    writeFileSync(join(folder, 'data', 'sums.csv'), `id,question,answer\n${questions.join('\n')}\n`);
    const suite = (version: string, wording: string): string =>
      [
        'name: sums',
        `version: "${version}"`,
        'description: Small sums',
        'licence: { name: CC0 1.0 }',
        'parts:',
        '  - name: sums',
        '    data: data/sums.csv',
        '    format: csv',
        '    idColumn: id',
        '    subject: sums',
        '    category: Maths',
        '    template:',
        `      question: "${wording} {{question}}"`,
        '    expected: { column: answer }',
        '    scorer: numeric',
        'groupBy: [category]',
        '',
      ].join('\n');
    const file = join(folder, 'sums.yaml');
    writeFileSync(file, suite('1', 'Compute:'));
    const out = join(work, 'sums-run');
    const first = await runCli([
      'eval',
      '--models',
      'a',
      '--simulate',
      '--suite',
      file,
      '--max-requests',
      '5',
      '--out',
      out,
    ]);
    expect(first.code, first.stderr).toBe(0);
    expect(readLines<ResultRecord>(join(out, 'results.jsonl'))).toHaveLength(5);
    // The budget is kept with the run: raised on resume, as the run's own hint says.
    const resumed = await runCli(['eval', '--resume', out, '--simulate', '--max-requests', '100']);
    expect(resumed.code, resumed.stderr).toBe(0);
    const records = readLines<ResultRecord>(join(out, 'results.jsonl'));
    expect(records).toHaveLength(12);
    expect(new Set(records.map((record) => record.key)).size).toBe(12);
    writeFileSync(file, suite('1', 'Work out:'));
    const changed = await runCli(['eval', '--resume', out, '--simulate', '--retry-errors']);
    expect(changed.code).toBe(2);
    expect(changed.stderr).toContain('differs from what the suite gives now');
  }, 60_000);
});
