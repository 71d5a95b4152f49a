import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compareCommand } from '../../src/cli/commands/compare-command.js';
import { ExitCode } from '../../src/errors.js';
import { evaluateGate, evaluateMinScore, gateRun } from '../../src/analysis/gate.js';
import { analyzeRun } from '../../src/analysis/run-analysis.js';
import { captureIo, errorRecord, modelRows, writeRun, type TestRecord } from './helpers.js';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'report-gate-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const baselinePasses = (index: number): boolean => index < 240;
/** A 2-point drop that is not significant: fails items 0-9 the baseline passed, passes items 240-243 it failed (b = 10, c = 4, p = 0.18). */
const smallDrop = (index: number): boolean => (index >= 10 && index < 240) || (index >= 240 && index < 244);

function run(name: string, records: TestRecord[]): string {
  return writeRun({ folder: join(root, name), records });
}

describe('gate', () => {
  it('passes a run against itself', async () => {
    const folder = run('monday', modelRows({ model: 'm', count: 300, passes: baselinePasses }));
    const result = await gateRun({ baselineDir: folder, candidateDir: folder });
    expect(result).toMatchObject({ exitCode: ExitCode.ok, reasons: [] });
    expect(result.comparison.models[0].flips.passToFail).toEqual([]);
  });

  it('does not fail a small drop that is not significant, by default', async () => {
    const baseline = run('monday', modelRows({ model: 'm', count: 300, passes: baselinePasses }));
    const candidate = run('tuesday', modelRows({ model: 'm', count: 300, passes: smallDrop }));
    const result = await gateRun({ baselineDir: baseline, candidateDir: candidate });
    expect(result.comparison.models[0].comparison.result).toMatchObject({
      significant: false,
      mcnemar: { b: 4, c: 10 },
    });
    expect(result.comparison.models[0].comparison.result?.difference).toBeCloseTo(-0.02, 12);
    expect(result).toMatchObject({ exitCode: ExitCode.ok, reasons: [] });
  });

  it('fails a drop above maxDrop even when it is not significant, and says which rule fired', async () => {
    const baseline = run('monday', modelRows({ model: 'm', count: 300, passes: baselinePasses }));
    const candidate = run('tuesday', modelRows({ model: 'm', count: 300, passes: smallDrop }));
    const result = await gateRun({ baselineDir: baseline, candidateDir: candidate, options: { maxDrop: 1 } });
    expect(result.exitCode).toBe(ExitCode.gateFailed);
    expect(result.reasons).toEqual(['m: dropped 2.0 pp, more than --max-drop 1 pp [rule: max-drop]']);
    expect(result.notes.join('\n')).toContain('reliably detects drops of');
    const lenient = await gateRun({ baselineDir: baseline, candidateDir: candidate, options: { maxDrop: 3 } });
    expect(lenient.exitCode).toBe(ExitCode.ok);
  });

  it('fails a candidate below minScore', async () => {
    const folder = run('monday', modelRows({ model: 'm', count: 300, passes: baselinePasses }));
    const result = await gateRun({ baselineDir: folder, candidateDir: folder, options: { minScore: 0.85 } });
    expect(result).toMatchObject({
      exitCode: ExitCode.gateFailed,
      reasons: ['m: candidate score 80.0% is below --min-score 0.85 [rule: min-score]'],
    });
    expect((await gateRun({ baselineDir: folder, candidateDir: folder, options: { minScore: 0.8 } })).exitCode).toBe(
      ExitCode.ok,
    );
  });

  it('exits 3 when the candidate error rate is above tolerance, even with a quality failure', async () => {
    const baseline = run('monday', modelRows({ model: 'm', count: 300, passes: baselinePasses }));
    const records = modelRows({ model: 'm', count: 300, passes: baselinePasses }).map((record, index) =>
      index % 5 === 0 ? errorRecord({ model: 'm', index }) : record,
    );
    const candidate = run('tuesday', records);
    const result = await gateRun({ baselineDir: baseline, candidateDir: candidate, options: { minScore: 0.99 } });
    expect(result.exitCode).toBe(ExitCode.infrastructure);
    expect(result.reasons[0]).toBe(
      'm: 60 of 300 candidate rows ended in errors (20.0%), above --max-error-rate 0.1 [rule: max-error-rate]',
    );
    expect(result.reasons[1]).toContain('[rule: min-score]');
    const tolerant = await gateRun({ baselineDir: baseline, candidateDir: candidate, options: { maxErrorRate: 0.25 } });
    expect(tolerant.exitCode).toBe(ExitCode.ok);
  });

  it('fails a credible drop through compare --gate with exit 1', async () => {
    const baseline = run('monday', modelRows({ model: 'm', count: 300, passes: baselinePasses }));
    const candidate = run('tuesday', modelRows({ model: 'm', count: 300, passes: (index) => index < 195 }));
    const capture = captureIo();
    expect(await compareCommand({ baseline, candidate, gate: true }, capture.io)).toBe(ExitCode.gateFailed);
    expect(capture.out()).toMatch(
      /m: a credible drop at alpha 0\.05 \(−15\.0 pp \[−\d+\.\d, −\d+\.\d\], McNemar p < 0\.001, n = 300\) \[rule: significant-drop\]/,
    );
  });

  it('turns the gate on when a threshold flag is given', async () => {
    const folder = run('monday', modelRows({ model: 'm', count: 10, passes: (index) => index < 5 }));
    const capture = captureIo();
    expect(await compareCommand({ baseline: folder, candidate: folder, minScore: 0.6 }, capture.io)).toBe(
      ExitCode.gateFailed,
    );
    expect(capture.out()).toContain('Gate: FAILED (exit 1)');
  });

  it('refuses a comparison built at another alpha', async () => {
    const folder = run('monday', modelRows({ model: 'm', count: 10, passes: () => true }));
    const { comparison } = await gateRun({ baselineDir: folder, candidateDir: folder, options: { alpha: 0.01 } });
    expect(() => evaluateGate(comparison, { alpha: 0.05 })).toThrow(/alpha/);
    expect(evaluateGate(comparison, { alpha: 0.01 }).exitCode).toBe(ExitCode.ok);
  });

  it('exits 2 for a missing baseline folder', async () => {
    const folder = run('monday', modelRows({ model: 'm', count: 3, passes: () => true }));
    await expect(gateRun({ baselineDir: join(root, 'missing'), candidateDir: folder })).rejects.toMatchObject({
      exitCode: ExitCode.badInput,
    });
  });
});

describe('the gate without a baseline (--min-score)', () => {
  it('fails each model below the floor, and one with nothing scored, with the rule named', async () => {
    const analysis = await analyzeRun({
      records: [
        ...modelRows({ model: 'm', count: 300, passes: baselinePasses }),
        ...modelRows({ model: 'n', count: 10, passes: () => true }),
      ],
      modelOrder: ['unrun'],
    });
    expect(evaluateMinScore(analysis.models, 0.85)).toEqual({
      exitCode: ExitCode.gateFailed,
      reasons: [
        'Quality gate failed [rule: min-score]: unrun scored no scored rows, below --min-score 0.85.',
        'Quality gate failed [rule: min-score]: m scored 80.0%, below --min-score 0.85.',
      ],
      notes: [],
    });
    const reached = analysis.models.filter((model) => model.rows > 0);
    expect(evaluateMinScore(reached, 0.8)).toMatchObject({ exitCode: ExitCode.ok, reasons: [] });
    expect(evaluateMinScore(analysis.models, undefined)).toMatchObject({ exitCode: ExitCode.ok, reasons: [] });
  });
});

describe('gate boundaries', () => {
  it('does not fire max-drop on a drop exactly at the limit', async () => {
    const baseline = run('monday', modelRows({ model: 'm', count: 300, passes: baselinePasses }));
    const candidate = run('tuesday', modelRows({ model: 'm', count: 300, passes: smallDrop }));
    expect((await gateRun({ baselineDir: baseline, candidateDir: candidate, options: { maxDrop: 2 } })).exitCode).toBe(
      ExitCode.ok,
    );
  });
});
