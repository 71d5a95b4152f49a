import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compareCommand, type CompareArgs } from '../../src/cli/commands/compare-command.js';
import { ExitCode, UserError } from '../../src/errors.js';
import type { ScoreLine } from '../../src/score/types.js';
import { captureIo, errorRecord, makeRecord, modelRows, writeRun, type TestRecord } from '../analysis/helpers.js';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'report-compare-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** 300 items, items 0-239 pass (80%). */
const baselinePasses = (index: number): boolean => index < 240;
/** Every 8th passing item (30 of 240) flipped to a fail: a planted 10-point drop. */
const plantedDrop = (index: number): boolean => baselinePasses(index) && index % 8 !== 0;
const flippedIds = Array.from({ length: 30 }, (_, step) => `q${String(step * 8).padStart(3, '0')}`);

function run(name: string, records: TestRecord[], options: { simulated?: boolean; scores?: ScoreLine[] } = {}): string {
  return writeRun({ folder: join(root, name), records, ...options });
}

async function compare(
  args: Partial<CompareArgs> & { baseline: string; candidate: string },
): Promise<{ code: number; out: string }> {
  const capture = captureIo();
  const code = await compareCommand(args, capture.io);
  return { code, out: capture.out() };
}

describe('compare', () => {
  it('finds zero flips and passes the gate for a run against itself', async () => {
    const folder = run('monday', modelRows({ model: 'qwen3-max', count: 300, passes: baselinePasses }), {
      simulated: true,
    });
    const { code, out } = await compare({ baseline: folder, candidate: folder, gate: true });
    expect(code).toBe(ExitCode.ok);
    expect(out.split('\n')[0]).toContain('SIMULATED');
    expect(out).toContain('qwen3-max: no flips');
    expect(out).toContain(
      'qwen3-max: candidate − baseline: 0.0 pp [0.0, 0.0], McNemar p = 1, n = 300, r = 1.00: not significant',
    );
    expect(out).toContain('Gate: passed.');
  });

  it('fails the gate on a planted 10-point drop and names every flipped item', async () => {
    const baseline = run('monday', modelRows({ model: 'qwen3-max', count: 300, passes: baselinePasses }));
    const candidate = run('tuesday', modelRows({ model: 'qwen3-max', count: 300, passes: plantedDrop }));
    const { code, out } = await compare({ baseline, candidate, gate: true, showFlips: 30, out: join(root, 'out') });
    expect(code).toBe(ExitCode.gateFailed);
    expect(out).toContain('qwen3-max: pass→fail 30, fail→pass 0, answer changed 0');
    for (const id of flippedIds) expect(out).toMatch(new RegExp(`pass→fail\\s+${id}  "42" → "41"`));
    expect(out).toMatch(
      /qwen3-max: candidate − baseline: −10\.0 pp \[−\d+\.\d, −\d+\.\d\], McNemar p < 0\.001, n = 300, r = \d\.\d\d: significant/,
    );
    expect(out).toContain('[rule: significant-drop]');

    const document = JSON.parse(readFileSync(join(root, 'out', 'compare.json'), 'utf8'));
    expect(document.v).toBe(1);
    expect(document.gate.exitCode).toBe(1);
    expect(document.models[0].flips.passToFail.map((flip: { id: string }) => flip.id).sort()).toEqual(flippedIds);
    expect(document.models[0].comparison.result).toMatchObject({ n: 300, kind: 'binary', mcnemar: { b: 0, c: 30 } });
  });

  it('lists only as many flips as asked and reports without the gate by default', async () => {
    const baseline = run('monday', modelRows({ model: 'm', count: 300, passes: baselinePasses }));
    const candidate = run('tuesday', modelRows({ model: 'm', count: 300, passes: plantedDrop }));
    const { code, out } = await compare({ baseline, candidate: join(candidate, 'results.jsonl'), showFlips: 2 });
    expect(code).toBe(ExitCode.ok);
    expect(out).toContain('… and 28 more');
    expect(out).not.toContain('Gate:');
  });

  it('reports changed answers that kept their pass/fail state', async () => {
    const baseline = run('monday', [
      makeRecord({ model: 'm', index: 0, pass: false }),
      makeRecord({ model: 'm', index: 1, pass: true }),
    ]);
    const candidate = run('tuesday', [
      makeRecord({ model: 'm', index: 0, pass: false, answer: 'It is 40' }),
      makeRecord({ model: 'm', index: 1, pass: true, answer: '42.' }),
    ]);
    const { out } = await compare({ baseline, candidate });
    expect(out).toContain('m: pass→fail 0, fail→pass 0, answer changed 1');
    expect(out).toMatch(/answer changed\s+q000 {2}"41" → "40"/);
  });

  it('compares two models inside one run', async () => {
    const folder = run('both', [
      ...modelRows({ model: 'deepseek-chat', count: 300, passes: (index) => index < 195 }),
      ...modelRows({ model: 'qwen3-max', count: 300, passes: baselinePasses }),
    ]);
    const { code, out } = await compare({
      baseline: folder,
      candidate: folder,
      baselineModel: 'deepseek-chat',
      candidateModel: 'qwen3-max',
      gate: true,
    });
    expect(code).toBe(ExitCode.ok);
    expect(out).toMatch(
      /qwen3-max − deepseek-chat: \+15\.0 pp \[\+\d+\.\d, \+\d+\.\d\], McNemar p < 0\.001, n = 300, r = \d\.\d\d: significant/,
    );
    expect(out).toContain('qwen3-max: pass→fail 0, fail→pass 45');
  });

  it('exits 2 for a missing folder', async () => {
    const folder = run('monday', modelRows({ model: 'm', count: 3, passes: () => true }));
    const missing = compare({ baseline: join(root, 'nope'), candidate: folder });
    await expect(missing).rejects.toBeInstanceOf(UserError);
    await expect(missing).rejects.toMatchObject({ exitCode: ExitCode.badInput });
  });

  it('exits 2 when the runs share no model or no item', async () => {
    const first = run('a', modelRows({ model: 'm1', count: 3, passes: () => true }));
    const second = run('b', modelRows({ model: 'm2', count: 3, passes: () => true }));
    await expect(compare({ baseline: first, candidate: second })).rejects.toMatchObject({
      exitCode: ExitCode.badInput,
      message: expect.stringContaining('no model in common'),
    });
    const other = run('c', [makeRecord({ model: 'm1', index: 99, pass: true })]);
    await expect(compare({ baseline: first, candidate: other })).rejects.toMatchObject({
      exitCode: ExitCode.badInput,
      message: expect.stringContaining('no items in common'),
    });
    await expect(compare({ baseline: first, candidate: first, baselineModel: 'ghost' })).rejects.toMatchObject({
      exitCode: ExitCode.badInput,
    });
  });

  it('uses scores.jsonl when the run has one, with the bootstrap for continuous scores', async () => {
    const records = modelRows({ model: 'm', count: 40, passes: () => true });
    const lines = (shift: number): ScoreLine[] =>
      records.map((record, index) => {
        const value = Math.min(1, ((index % 4) + shift) / 4);
        return {
          v: 1,
          key: record.key,
          item: record.item,
          model: 'm',
          repeat: 0,
          scores: [{ name: 'judge', value, passed: value >= 0.5 }],
          passed: value >= 0.5,
        };
      });
    const baseline = run('monday', records, { scores: lines(1) });
    const candidate = run('tuesday', records, { scores: lines(0) });
    const { out } = await compare({ baseline, candidate });
    expect(out).toMatch(
      /m: candidate − baseline: −\d+\.\d pp \[−\d+\.\d, −\d+\.\d\], bootstrap p < 0\.001, n = 40, r = 1\.00: significant/,
    );
  });

  it('rejects out-of-range gate thresholds with exit 2', async () => {
    const folder = run('monday', modelRows({ model: 'm', count: 3, passes: () => true }));
    await expect(compare({ baseline: folder, candidate: folder, minScore: 80 })).rejects.toMatchObject({
      exitCode: ExitCode.badInput,
      message: expect.stringContaining('--min-score'),
    });
  });

  it('shows latency, token and cost deltas', async () => {
    const baseline = run('monday', [
      makeRecord({ model: 'm', index: 0, pass: true, latency_ms: 100, cost_usd: 0.002 }),
    ]);
    const candidate = run('tuesday', [
      makeRecord({ model: 'm', index: 0, pass: true, latency_ms: 130, output_tokens: 9, cost_usd: 0.001 }),
      errorRecord({ model: 'm', index: 1 }),
    ]);
    const { out } = await compare({ baseline, candidate });
    expect(out).toContain('100 → 130 (+30)');
    expect(out).toContain('5 → 9 (+4)');
    expect(out).toContain('$0.0020 → $0.0010 (−$0.0010)');
    expect(out).toContain('0 → 1');
  });
});
