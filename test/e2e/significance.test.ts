import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResultRecord } from '../../src/results/result-record.js';
import type { ScoreLine } from '../../src/score/types.js';
import { startSimulator, type SimulatorHandle } from '../../src/simulator/server.js';
import { hasSharedDatasets, runCli, sharedDatasets } from '../helpers/cli.js';

const ROWS = 300;
const MINUS = '\u2212';
const gsm8k = join(sharedDatasets, 'gsm8k', 'test.jsonl');
if (!hasSharedDatasets) console.warn('significance e2e skipped: ../shared/datasets/gsm8k/test.jsonl is absent.');

/** Model ids the catalog does not know, so they go to chat/completions; accuracies 15 points and 1 point apart. */
const accuracies = { 'model-a': 0.8, 'model-b': 0.79, 'model-c': 0.65 } as const;
type ModelName = keyof typeof accuracies;

/**
 * `a − b: +4.1 pp [−0.8, +9.0], McNemar p = 0.11, n = 412, r = 0.52, Holm-adjusted over 3 comparisons p = 0.22: not significant`,
 * as `eval` prints one per pair (the correlation and the Holm part only when there are any).
 */
const pairVerdict =
  /^(?<a>[\w-]+) − (?<b>[\w-]+): (?<diff>[+−]\d+\.\d|0\.0) pp \[(?<low>[+−]\d+\.\d|0\.0), (?<high>[+−]\d+\.\d|0\.0)\], McNemar p (?<p>= (?:1|0\.\d+)|< 0\.001), n = (?<n>\d+)(?:, r = (?<r>−?\d\.\d\d))?(?:, Holm-adjusted over (?<family>\d+) comparisons p (?<adjusted>= (?:1|0\.\d+)|< 0\.001))?: (?<verdict>significant|not significant)$/gm;
/** The same shape as `compare` prints it, labelled by model. */
const compareVerdict =
  /^(?<model>[\w-]+): candidate − baseline: (?<diff>[+−]\d+\.\d|0\.0) pp \[(?<low>[+−]\d+\.\d|0\.0), (?<high>[+−]\d+\.\d|0\.0)\], McNemar p (?<p>= (?:1|0\.\d+)|< 0\.001), n = (?<n>\d+)(?:, r = (?<r>−?\d\.\d\d))?(?:, Holm-adjusted over (?<family>\d+) comparisons p (?<adjusted>= (?:1|0\.\d+)|< 0\.001))?: (?<verdict>significant|not significant)$/gm;

interface Verdict {
  diff: number;
  p: string;
  n: number;
  verdict: string;
}

function points(text: string): number {
  return Number(text.replace(MINUS, '-'));
}

function verdicts(text: string, pattern: RegExp): Map<string, Verdict> {
  const found = new Map<string, Verdict>();
  for (const match of text.matchAll(pattern)) {
    const groups = match.groups as Record<string, string>;
    const label = groups.model ?? `${groups.a} ${MINUS} ${groups.b}`;
    found.set(label, { diff: points(groups.diff), p: groups.p, n: Number(groups.n), verdict: groups.verdict });
  }
  return found;
}

/** Pass/fail by item from a run's scores.jsonl, per model. */
function passesByModel(runDir: string): Map<string, Map<string, boolean | null>> {
  const byModel = new Map<string, Map<string, boolean | null>>();
  for (const line of readFileSync(join(runDir, 'scores.jsonl'), 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const score = JSON.parse(line) as ScoreLine;
    if (!byModel.has(score.model)) byModel.set(score.model, new Map());
    byModel.get(score.model)?.set(score.item, score.passed);
  }
  return byModel;
}

function passRate(passes: Map<string, boolean | null>): number {
  return [...passes.values()].filter((passed) => passed === true).length / passes.size;
}

/** Independent exact two-sided McNemar p: min(1, 2·P[X ≤ min(b, c)]), X ~ Bin(b + c, ½). */
function mcnemarP(b: number, c: number): number {
  const n = b + c;
  if (n === 0) return 1;
  let term = 0.5 ** n;
  let tail = 0;
  for (let k = 0; k <= Math.min(b, c); k += 1) {
    tail += term;
    term = (term * (n - k)) / (k + 1);
  }
  return Math.min(1, 2 * tail);
}

function printedP(p: number): string {
  return p < 0.001 ? '< 0.001' : `= ${String(Number(p.toPrecision(2)))}`;
}

/** Discordant counts of A against B over the items both scored. */
function discordant(
  a: Map<string, boolean | null>,
  b: Map<string, boolean | null>,
): { onlyA: string[]; onlyB: string[]; n: number } {
  const onlyA: string[] = [];
  const onlyB: string[] = [];
  let n = 0;
  for (const [item, passedA] of a) {
    const passedB = b.get(item);
    if (passedA === null || passedB === null || passedB === undefined) continue;
    n += 1;
    if (passedA && !passedB) onlyA.push(item);
    if (!passedA && passedB) onlyB.push(item);
  }
  return { onlyA: onlyA.sort(), onlyB: onlyB.sort(), n };
}

function readRecords(runDir: string): ResultRecord[] {
  return readFileSync(join(runDir, 'results.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as ResultRecord);
}

describe.skipIf(!hasSharedDatasets)('significance, compare and exit codes on simulated GSM8K (first 300 rows)', () => {
  let work: string;
  let simulator: SimulatorHandle;
  let worse: SimulatorHandle;
  let faulty: SimulatorHandle;
  let threeModels: string;
  let threeModelsStdout = '';

  const profile = (accuracy: number) => ({ vendor: 'openai' as const, accuracy, ttftMs: 0, tokensPerSecond: 0 });

  function evalCli(options: { simulator: SimulatorHandle; args: string[]; apiKey?: string }) {
    return runCli(
      ['eval', '--base-url', options.simulator.baseUrl, '--no-cache', '--concurrency', '32', ...options.args],
      {
        env: { MIXROUTER_API_KEY: options.apiKey ?? options.simulator.apiKey },
      },
    );
  }

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'significance-'));
    const knowledge = join(work, 'gsm8k-300.jsonl');
    const lines = readFileSync(gsm8k, 'utf8').split('\n').slice(0, ROWS);
    writeFileSync(knowledge, `${lines.join('\n')}\n`);
    const profiles = Object.fromEntries(
      Object.entries(accuracies).map(([model, accuracy]) => [model, profile(accuracy)]),
    );
    simulator = await startSimulator({ latencyScale: 0, profiles, knowledge: [knowledge] });
    // The same model id answering 10 points worse: the planted drop.
    worse = await startSimulator({ latencyScale: 0, profiles: { 'model-a': profile(0.7) }, knowledge: [knowledge] });
    faulty = await startSimulator({ latencyScale: 0, profiles, knowledge: [knowledge], faults: { serverError: 0.3 } });
    threeModels = join(work, 'three-models');
    const result = await evalCli({
      simulator,
      args: ['--models', 'model-a,model-b,model-c', '--dataset', gsm8k, '--limit', String(ROWS), '--out', threeModels],
    });
    expect(result.stderr).not.toContain('internal error');
    expect(result.code, result.stderr).toBe(0);
    threeModelsStdout = result.stdout;
  });

  afterAll(async () => {
    await Promise.all([simulator, worse, faulty].filter(Boolean).map((handle) => handle.close()));
    rmSync(work, { recursive: true, force: true });
  });

  it('ranks the three models as their accuracies do, with printed scores equal to scores.jsonl', () => {
    const passes = passesByModel(threeModels);
    const rates = Object.fromEntries(
      (Object.keys(accuracies) as ModelName[]).map((model) => [model, passRate(passes.get(model) ?? new Map())]),
    );
    for (const model of Object.keys(accuracies) as ModelName[]) {
      expect(passes.get(model)?.size).toBe(ROWS);
      const printed = new RegExp(`^${model}\\s+${ROWS}\\s+${ROWS}\\s+0\\s+(\\d+\\.\\d)% \\[`, 'm').exec(
        threeModelsStdout,
      );
      expect(printed, `score row of ${model}`).not.toBeNull();
      expect(printed?.[1]).toBe((rates[model] * 100).toFixed(1));
    }
    expect(rates['model-a']).toBeGreaterThan(rates['model-b']);
    expect(rates['model-b']).toBeGreaterThan(rates['model-c']);
    // The realized gaps are the designed ones (a 1-point pair and two 15-point pairs), so the verdicts below test that claim.
    expect(Math.abs(rates['model-a'] - rates['model-b'])).toBeLessThanOrEqual(0.03);
    expect(rates['model-a'] - rates['model-c']).toBeGreaterThanOrEqual(0.1);
    expect(rates['model-b'] - rates['model-c']).toBeGreaterThanOrEqual(0.1);
  });

  it('calls the 15-point gaps significant and the 1-point gap not, in exact verdict lines whose figures match the rows', () => {
    const found = verdicts(threeModelsStdout, pairVerdict);
    expect([...found.keys()]).toEqual([
      `model-a ${MINUS} model-b`,
      `model-a ${MINUS} model-c`,
      `model-b ${MINUS} model-c`,
    ]);
    const passes = passesByModel(threeModels);
    const expected: Array<[ModelName, ModelName, string]> = [
      ['model-a', 'model-b', 'not significant'],
      ['model-a', 'model-c', 'significant'],
      ['model-b', 'model-c', 'significant'],
    ];
    for (const [a, b, verdict] of expected) {
      const line = found.get(`${a} ${MINUS} ${b}`) as Verdict;
      const pairs = discordant(passes.get(a) ?? new Map(), passes.get(b) ?? new Map());
      expect(line.verdict, `${a} − ${b}`).toBe(verdict);
      expect(line.n).toBe(ROWS);
      expect(pairs.n).toBe(ROWS);
      expect(line.diff).toBeCloseTo(((pairs.onlyA.length - pairs.onlyB.length) / ROWS) * 100, 1);
      expect(line.p).toBe(printedP(mcnemarP(pairs.onlyA.length, pairs.onlyB.length)));
    }
  });

  it('compare of a run against itself shows zero flips and exits 0', async () => {
    const result = await runCli(['compare', threeModels, threeModels]);
    expect(result.code, result.stderr).toBe(0);
    for (const model of Object.keys(accuracies)) {
      expect(result.stdout).toContain(`${model}: no flips`);
      expect(verdicts(result.stdout, compareVerdict).get(model)).toEqual({
        diff: 0,
        p: '= 1',
        n: ROWS,
        verdict: 'not significant',
      });
      // The last three columns of the quality table: pass→fail, fail→pass, answer changed.
      expect(result.stdout).toMatch(new RegExp(`^${model}\\s.*\\s${ROWS}\\s+\\S+\\s+0\\s+0\\s+0$`, 'm'));
    }
    expect(result.stdout).not.toMatch(/^ {2}(pass→fail|fail→pass|answer changed) /m);
  });

  describe('a planted 10-point drop of the same model', () => {
    let before: string;
    let after: string;
    let evalResult: Awaited<ReturnType<typeof runCli>>;

    beforeAll(async () => {
      before = join(work, 'drop-before');
      after = join(work, 'drop-after');
      const first = await evalCli({
        simulator,
        args: ['--models', 'model-a', '--dataset', gsm8k, '--limit', String(ROWS), '--out', before],
      });
      expect(first.code, first.stderr).toBe(0);
      evalResult = await evalCli({
        simulator: worse,
        args: [
          '--models',
          'model-a',
          '--dataset',
          gsm8k,
          '--limit',
          String(ROWS),
          '--out',
          after,
          '--baseline',
          before,
        ],
      });
    });

    it('eval --baseline exits 1 and names the rule that fired', () => {
      expect(evalResult.stderr).not.toContain('internal error');
      expect(evalResult.code, evalResult.stderr).toBe(1);
      expect(evalResult.stdout).toContain('Gate: FAILED (exit 1):');
      expect(evalResult.stdout).toMatch(
        /^ {2}- model-a: a credible drop at alpha 0\.05 \(.*\) \[rule: significant-drop\]$/m,
      );
    });

    it('compare --gate exits 1 and lists exactly the rows that went pass→fail', async () => {
      const passesBefore = passesByModel(before).get('model-a') ?? new Map();
      const passesAfter = passesByModel(after).get('model-a') ?? new Map();
      const drop = passRate(passesBefore) - passRate(passesAfter);
      expect(drop).toBeGreaterThan(0.06);
      expect(drop).toBeLessThan(0.14);
      const pairs = discordant(passesBefore, passesAfter);
      // One model id keeps its per-question draw, so lowering its accuracy can only turn passes into failures.
      expect(pairs.onlyB).toEqual([]);
      expect(pairs.onlyA.length).toBe(Math.round(drop * ROWS));

      const out = join(work, 'drop-compare.json');
      const result = await runCli(['compare', before, after, '--gate', '--show-flips', '1000', '--out', out]);
      expect(result.stderr).not.toContain('internal error');
      expect(result.code, result.stderr).toBe(1);
      expect(result.stdout).toContain(`model-a: pass→fail ${pairs.onlyA.length}, fail→pass 0, answer changed 0`);
      const idOf = new Map(readRecords(before).map((record) => [record.item, record.id]));
      const listed = [...result.stdout.matchAll(/^ {2}pass→fail +(\S+) {2}/gm)].map((match) => match[1]);
      expect(listed.sort()).toEqual(pairs.onlyA.map((item) => idOf.get(item)).sort());
      const line = verdicts(result.stdout, compareVerdict).get('model-a');
      expect(line).toMatchObject({ verdict: 'significant', n: ROWS, p: printedP(mcnemarP(0, pairs.onlyA.length)) });
      expect(line?.diff).toBeCloseTo(-drop * 100, 1);
      expect(result.stdout).toMatch(/\[rule: significant-drop\]$/m);
      const written = JSON.parse(readFileSync(out, 'utf8')) as {
        models: Array<{ flips: { passToFail: Array<{ item: string }> } }>;
        gate: { exitCode: number };
      };
      expect(written.gate.exitCode).toBe(1);
      expect(written.models[0].flips.passToFail.map((flip) => flip.item).sort()).toEqual(pairs.onlyA);
    });
  });

  describe('exit codes', () => {
    const fewRows = ['--models', 'model-a', '--dataset', gsm8k, '--limit', '50'];

    it('0 when every model reaches --min-score, 1 with the min-score rule when one does not', async () => {
      const passing = await evalCli({
        simulator,
        args: [...fewRows, '--out', join(work, 'min-ok'), '--min-score', '0.5'],
      });
      expect(passing.code, passing.stderr).toBe(0);
      const failing = await evalCli({
        simulator,
        args: [...fewRows, '--out', join(work, 'min-fail'), '--min-score', '0.99'],
      });
      expect(failing.code, failing.stderr).toBe(1);
      expect(failing.stderr).toMatch(
        /Quality gate failed \[rule: min-score\]: model-a scored \d+\.\d%, below --min-score 0\.99\./,
      );
    });

    it('2 for a malformed CSV and for an unknown --scorer, sending nothing', async () => {
      const malformed = join(work, 'malformed.csv');
      writeFileSync(malformed, 'question,answer\n"What is 2 + 2?,4\nWhat is 3 + 3?,6\n');
      const wellFormed = join(work, 'well-formed.csv');
      writeFileSync(wellFormed, 'question,answer\nWhat is 2 + 2?,4\nWhat is 3 + 3?,6\n');
      const sent = simulator.ledger.count();
      const badCsv = await evalCli({
        simulator,
        args: ['--models', 'model-a', '--dataset', malformed, '--out', join(work, 'bad-csv')],
      });
      expect(badCsv.code, badCsv.stderr).toBe(2);
      expect(badCsv.stderr).toMatch(/malformed\.csv:2\b.*never closed/);
      const badScorer = await evalCli({
        simulator,
        args: [
          '--models',
          'model-a',
          '--dataset',
          wellFormed,
          '--scorer',
          'nonsense',
          '--out',
          join(work, 'bad-scorer'),
        ],
      });
      expect(badScorer.code, badScorer.stderr).toBe(2);
      expect(badScorer.stderr).toContain("unknown scorer 'nonsense'");
      expect(simulator.ledger.count()).toBe(sent);
    });

    it('3 when a wrong key stops the model, even with every error tolerated', async () => {
      const result = await evalCli({
        simulator,
        apiKey: 'not-the-simulator-key',
        args: [...fewRows, '--out', join(work, 'wrong-key'), '--max-error-rate', '1'],
      });
      expect(result.code, result.stderr).toBe(3);
      expect(result.stderr).toMatch(/Model model-a was stopped early: .*auth/);
      expect(result.stderr).not.toContain('not-the-simulator-key');
    });

    it('3 when injected 500s without retries exceed --max-error-rate 0', async () => {
      const out = join(work, 'server-errors');
      const result = await evalCli({
        simulator: faulty,
        args: [...fewRows, '--out', out, '--retries', '0', '--max-error-rate', '0'],
      });
      expect(result.code, result.stderr).toBe(3);
      const errors = readRecords(out).filter((record) => record.status !== 'ok').length;
      expect(errors).toBeGreaterThan(0);
      expect(result.stderr).toContain(`${errors} of 50 rows ended in errors, above --max-error-rate 0.`);
    });
  });
});
