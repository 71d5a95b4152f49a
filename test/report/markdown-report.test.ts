import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verdictLine } from '../../src/analysis/pairwise.js';
import { loadScoredRun } from '../../src/analysis/scored-run.js';
import { escapeMarkdown, renderMarkdown } from '../../src/report/render-markdown.js';
import { writeReports } from '../../src/report/write-reports.js';
import type { PairedComparison } from '../../src/stats/index.js';
import { comparePaired, mcnemarExact } from '../../src/stats/index.js';
import { shortHash } from '../../src/util/hash.js';
import { makeErrorRecord, makeManifest, makeRecord, writeRunFolder } from './html-fixtures.js';

const comparison = (overrides: Partial<PairedComparison>): PairedComparison => ({
  n: 412,
  kind: 'binary',
  meanA: 0.5,
  meanB: 0.459,
  difference: 0.041,
  interval: { low: -0.008, high: 0.09 },
  mcnemar: { b: 30, c: 13, pValue: 0.11 },
  significant: false,
  mde: 0.06,
  ...overrides,
});

describe('escapeMarkdown', () => {
  it('keeps table cells and inline HTML inert', () => {
    expect(escapeMarkdown('a|b <script>*x*</script>\nnext [link](javascript:x) [0.0, +1.0]')).toBe(
      'a\\|b &lt;script&gt;\\*x\\*&lt;/script&gt; next [link]\\(javascript:x) [0.0, +1.0]',
    );
  });
});

function pairedRun(options: { simulated?: boolean } = {}): string {
  // alpha passes 8 of 10, beta 4 of 10: alpha-only passes on q1..q5, beta-only on q6.
  const alpha = [1, 1, 1, 1, 1, 0, 1, 1, 1, 0];
  const beta = [0, 0, 0, 0, 0, 1, 1, 1, 1, 0];
  const records = alpha.flatMap((passed, index) => [
    makeRecord({ model: 'alpha', id: `q${index + 1}`, answer: passed ? '4' : '3' }),
    makeRecord({
      model: 'beta|2',
      id: `q${index + 1}`,
      answer: beta[index] ? '4' : '3',
      cost_usd: 0.5,
    }),
  ]);
  records.push(makeErrorRecord({ model: 'beta|2', id: 'q11' }));
  return writeRunFolder({
    records,
    manifest: makeManifest({ models: ['alpha', 'beta|2'], simulated: options.simulated }),
  });
}

describe('renderMarkdown', () => {
  it('has a summary row per model, a pairwise table and verdict lines computed with comparePaired', async () => {
    const run = await loadScoredRun(pairedRun());
    const markdown = renderMarkdown({ run });
    const lines = markdown.split('\n');
    const alphaRow = lines.find((line) => line.startsWith('| alpha |'));
    expect(alphaRow).toMatch(
      // SE: √(0.8 · 0.2 / 9) over the 10 items, the sample standard deviation over √n.
      /^\| alpha \| 80\.0% \| 49\.0% – 94\.3% \| Wilson \| 10 \| SE 13\.3 pp \| 8 \/ 10 \| 0 \| 800 \| 800 \| 800 \| 200 \| 50 \| – \|$/,
    );
    expect(lines.find((line) => line.startsWith('| beta\\|2 |'))).toContain('| 40.0% |');
    expect(lines.find((line) => line.startsWith('| beta\\|2 |'))).toContain('| $5.00 |');
    // Paired in item key order, as every report pairs rows.
    const order = Array.from({ length: 10 }, (_, index) => index).sort((first, second) =>
      shortHash(`item|q${first + 1}`) < shortHash(`item|q${second + 1}`) ? -1 : 1,
    );
    const alpha = [1, 1, 1, 1, 1, 0, 1, 1, 1, 0];
    const beta = [0, 0, 0, 0, 0, 1, 1, 1, 1, 0];
    const expected = comparePaired({
      a: order.map((index) => alpha[index]),
      b: order.map((index) => beta[index]),
      seed: 1,
    });
    expect(expected?.mcnemar?.pValue).toBeCloseTo(mcnemarExact({ b: 5, c: 1 }).pValue, 12);
    const line = verdictLine({
      label: 'alpha \u2212 beta\\|2',
      result: expected,
      pValue: expected?.mcnemar?.pValue ?? null,
      // Phi: alpha passes 8, beta 4, both 3 of 10: (0.3 − 0.8·0.4)/√(0.8·0.2·0.4·0.6).
      correlation: (0.3 - 0.32) / Math.sqrt(0.8 * 0.2 * 0.4 * 0.6),
    });
    expect(markdown).toContain(`- ${line}\n`);
    expect(markdown).toContain('- alpha \u2212 beta\\|2: +40.0 pp [');
    expect(markdown).toContain('McNemar p = 0.22, n = 10, r = −0.10: not significant');
    expect(lines.find((line) => line.startsWith('| alpha | beta'))).toMatch(
      // SE of the differences (1 ×5, −1, 0 ×4): √(4.4 / 9 / 10). One pair: the Holm p equals p.
      /^\| alpha \| beta\\\|2 \| 10 \| \+40\.0 \| \[.*\] \| SE 22\.1 pp \| McNemar \| −0\.10 \| 0\.22 \| 0\.22 \| not significant \|$/,
    );
    expect(markdown).not.toContain('SIMULATED');
  });

  it('prints each pairwise verdict as the terminal does, escaping only the model names', async () => {
    const records = Array.from({ length: 40 }, (_, index) => [
      makeRecord({ model: 'a*', id: `q${index}` }),
      makeRecord({ model: 'b', id: `q${index}`, answer: '3' }),
    ]).flat();
    const run = await loadScoredRun(writeRunFolder({ records }));
    const [pair] = run.analysis.pairs;
    expect(pair.verdict).toMatch(/^a\* − b: \+100\.0 pp .*McNemar p < 0\.001, n = 40: significant$/);
    expect(renderMarkdown({ run })).toContain(`- ${pair.verdict.replace('a*', 'a\\*')}\n`);
  });

  it('labels simulated runs and shows the baseline comparison and gate it is given', async () => {
    const run = await loadScoredRun(pairedRun({ simulated: true }));
    const result = comparison({
      difference: -0.05,
      interval: { low: -0.09, high: -0.01 },
      mcnemar: { b: 2, c: 9, pValue: 0.065 },
    });
    const verdict = verdictLine({ label: 'alpha \u2212 alpha (baseline)', result, pValue: 0.065 });
    const markdown = renderMarkdown({
      run,
      comparison: {
        baseline: { path: 'results/run-2025-01-01' },
        models: [{ baselineModel: 'alpha', candidateModel: 'alpha', comparison: { verdict, result } }],
        gate: { exitCode: 1, reasons: ['max-drop: alpha fell 5.0 pp (limit 2.0)'], notes: [] },
      },
    });
    expect(markdown).toContain('> **SIMULATED RUN**');
    expect(markdown).toContain('### Against the baseline (results/run-2025-01-01)');
    expect(markdown).toContain('**Quality gate: failed (exit 1)**\n\n- max-drop: alpha fell 5.0 pp (limit 2.0)\n');
    expect(markdown).toContain(
      '- alpha \u2212 alpha (baseline): \u22125.0 pp [\u22129.0, \u22121.0], McNemar p = 0.065, n = 412: not significant\n',
    );
  });
});

describe('writeReports and GITHUB_STEP_SUMMARY', () => {
  it('writes report.md and appends the same Markdown to the step summary file', async () => {
    const folder = pairedRun();
    const summary = join(folder, 'step-summary.md');
    writeFileSync(summary, 'earlier step\n');
    const written = await writeReports({ runDir: folder, env: { GITHUB_STEP_SUMMARY: summary } });
    const markdown = readFileSync(written.markdown, 'utf8');
    expect(written.stepSummary).toBe(summary);
    expect(readFileSync(summary, 'utf8')).toBe(`earlier step\n${markdown}\n`);
  });

  it('leaves the step summary alone when the variable is unset', async () => {
    const written = await writeReports({ runDir: pairedRun(), env: {} });
    expect(written.stepSummary).toBeNull();
  });
});
