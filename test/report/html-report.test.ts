import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { embedJson, escapeHtml } from '../../src/report/html/escape.js';
import { formatCount, formatPercent, formatUsd } from '../../src/report/html/format-numbers.js';
import { renderHtmlReport } from '../../src/report/html/render-html.js';
import { loadScoredRun } from '../../src/analysis/scored-run.js';
import { histogramBins, niceCeiling } from '../../src/report/html/svg-charts.js';
import { buildTableData, markDifferences, type TableCell } from '../../src/report/html/table-data.js';
import type { ResultRecord } from '../../src/results/result-record.js';
import { comparePaired, wilsonInterval } from '../../src/stats/index.js';
import { shortHash } from '../../src/util/hash.js';
import { makeErrorRecord, makeManifest, makeRecord, videoFields, writeRunFolder } from './html-fixtures.js';

const PAYLOADS = [
  '<script>window.__pwned=1</script>',
  '<img src=x onerror="window.__pwned=1">',
  '</textarea><script>window.__pwned=1</script>',
  '</script><script>window.__pwned=1</script>',
  '<!-- <script> --> \u2028 \u2029 & &amp;',
];

async function render(
  records: ResultRecord[],
  options: { simulated?: boolean; scores?: Parameters<typeof writeRunFolder>[0]['scores'] } = {},
) {
  const models = [...new Set(records.map((record) => record.model))];
  const folder = writeRunFolder({
    records,
    manifest: makeManifest({ models, simulated: options.simulated }),
    scores: options.scores,
  });
  const run = await loadScoredRun(folder);
  return { run, analysis: run.analysis, html: renderHtmlReport({ run }) };
}

function between(html: string, start: string, end: string): string {
  const from = html.indexOf(start);
  expect(from).toBeGreaterThanOrEqual(0);
  return html.slice(from + start.length, html.indexOf(end, from + start.length));
}

describe('escaping', () => {
  it('escapes HTML text and attributes', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  it('embeds JSON with no character that could end or change a script block, and reads back equal', () => {
    const value = { payloads: PAYLOADS, nested: [{ text: '</SCRIPT >' }], lone: '\uD800', emoji: '\u{1F600}' };
    const embedded = embedJson(value);
    expect(embedded).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(embedded)).toEqual(value);
  });
});

describe('renderHtmlReport', () => {
  const hostile = PAYLOADS.map((payload, index) =>
    makeRecord({
      model: 'alpha',
      id: `x${index}`,
      answer: payload,
      reasoning: payload,
      expected: payload,
      input: payload,
    }),
  );
  hostile.push(makeRecord({ model: '</script><b>model', id: 'x0', answer: '4' }));

  it('keeps hostile model output inside the data block and round-trips it', async () => {
    const { run, html } = await render(hostile);
    expect(html.match(/<script/gi)).toHaveLength(2);
    expect(html.match(/<\/script/gi)).toHaveLength(2);
    for (const payload of PAYLOADS.slice(0, 4)) expect(html).not.toContain(payload);
    const embedded = between(html, '<script type="application/json" id="report-data">', '</script>');
    expect(JSON.parse(embedded)).toEqual(JSON.parse(JSON.stringify(buildTableData(run))));
    const cells = JSON.parse(embedded).rows.map(
      (row: [string, number, number, string, string, number, TableCell[]]) => row[6][0]?.[2],
    );
    expect(cells).toEqual(PAYLOADS);
    expect(html).toContain('&lt;/script&gt;&lt;b&gt;model');
  });

  it('carries a strict CSP whose hashes match the inline script and style exactly', async () => {
    const { html } = await render(hostile);
    const policy = between(html, '<meta http-equiv="Content-Security-Policy" content="', '">').replace(/&#39;/g, "'");
    const script = between(html, '<script>', '</script>');
    const style = between(html, '<style>', '</style>');
    const hash = (text: string): string => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
    const directives = Object.fromEntries(
      policy.split('; ').map((directive) => [directive.split(' ')[0], directive.split(' ').slice(1).join(' ')]),
    );
    expect(directives).toEqual({
      'default-src': "'none'",
      'script-src': hash(script),
      'style-src': hash(style),
      'img-src': 'data:',
      'media-src': "'self' file:",
      'base-uri': "'none'",
      'form-action': "'none'",
    });
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<style>'));
  });

  it('has no remote reference, no inline style attribute and no inline event handler outside the data block', async () => {
    const { html } = await render(hostile);
    const markup = html.replace(/<script type="application\/json"[\s\S]*?<\/script>/, '');
    expect(markup).not.toMatch(/\s(src|href|style|on[a-z]+)=/i);
    expect(markup).not.toMatch(/https?:\/\//);
  });

  it('labels simulated runs and only those', async () => {
    const simulated = await render([makeRecord({ model: 'alpha', id: 'q1' })], { simulated: true });
    expect(simulated.html).toContain('<title>[SIMULATED] mixrouter-eval report');
    expect(simulated.html).toContain('id="simulated-banner"');
    const real = await render([makeRecord({ model: 'alpha', id: 'q1' })]);
    expect(real.html).not.toContain('SIMULATED');
  });

  it('shows every model with its Wilson interval, latency, tokens, cost and errors by kind', async () => {
    const records = [
      ...['q1', 'q2', 'q3', 'q4'].map((id, index) =>
        makeRecord({
          model: 'alpha',
          id,
          answer: index < 3 ? '4' : '5',
          latency_ms: 1000 * (index + 1),
          cost_usd: 0.001,
        }),
      ),
      makeErrorRecord({ model: 'beta', id: 'q1' }),
      makeErrorRecord({
        model: 'beta',
        id: 'q2',
        error: { kind: 'timeout', message: 'slow', status: null, code: null },
      }),
      makeRecord({ model: 'beta', id: 'q3', ttft_ms: null }),
    ];
    const { analysis, html } = await render(records);
    const [alpha, beta] = analysis.models;
    const wilson = wilsonInterval({ successes: 3, trials: 4 });
    expect(alpha.score).toMatchObject({
      mean: wilson?.estimate,
      low: wilson?.low,
      high: wilson?.high,
      method: 'wilson',
    });
    expect(alpha.latencyMs).toMatchObject({ count: 4, p50: 2500 });
    expect(alpha.costUsd).toBeCloseTo(0.004, 10);
    expect(beta.costUsd).toBeNull();
    expect(beta.errorsByKind).toEqual({ 'rate-limit': 1, timeout: 1 });
    expect(beta.ttftMs.count).toBe(0);
    const scores = between(html, '<section id="scores">', '</section>');
    expect(scores).toContain('data-model="alpha"');
    expect(scores).toContain('data-model="beta"');
    const interval = wilsonInterval({ successes: 3, trials: 4 });
    expect(scores).toContain(
      `${((interval?.low ?? 0) * 100).toFixed(1)}% \u2013 ${((interval?.high ?? 0) * 100).toFixed(1)}%`,
    );
    expect(between(html, '<section id="tokens">', '</section>')).toContain('$0.0040');
    expect(between(html, '<section id="errors">', '</section>')).toContain('<th>timeout</th>');
    expect(between(html, '<section id="latency">', '</section>')).toContain('TTFT p99');
  });

  it('prefers scores.jsonl over the automatic scorer, leaving keys without a score line unscored', async () => {
    const right = makeRecord({ model: 'alpha', id: 'q1' });
    const unscored = makeRecord({ model: 'alpha', id: 'q2' });
    const scores = [
      {
        v: 1,
        key: right.key,
        item: right.item,
        model: 'alpha',
        repeat: 0,
        passed: false,
        scores: [{ name: 'judge', value: 0.2, passed: false, detail: 'too terse' }],
      },
    ];
    const { run, analysis } = await render([right, unscored], { scores });
    expect(run.scoreSource).toBe('scores-file');
    expect(run.rows.map((row) => row.score.passed)).toEqual([false, null]);
    expect(analysis.models[0].score).toMatchObject({ scored: 1, passed: 0 });
    expect(buildTableData(run).rows[0][6][0]?.[11]).toBe('judge 0.2 (too terse)');
  });

  it('shows the baseline comparison with its deltas and the gate, escaped', async () => {
    const folder = writeRunFolder({ records: [makeRecord({ model: 'alpha', id: 'q1' })] });
    const run = await loadScoredRun(folder);
    const result = comparePaired({ a: [1, 1, 1, 0], b: [0, 0, 1, 0], seed: 1 });
    const html = renderHtmlReport({
      run,
      comparison: {
        baseline: { path: 'results/<monday>' },
        models: [
          {
            baselineModel: 'alpha',
            candidateModel: 'alpha',
            comparison: { verdict: 'alpha \u2212 baseline: +50.0 pp', result },
            latencyP50Ms: { baseline: 900, candidate: 800, delta: -100 },
            costUsd: { baseline: null, candidate: 0.5, delta: null },
          },
        ],
        gate: { exitCode: 0, reasons: [], notes: ['a 3 pp drop would go unseen with n = 4'] },
      },
    });
    const section = between(html, '<section id="baseline">', '</section>');
    expect(section).toContain('results/&lt;monday&gt;');
    expect(section).toContain('alpha \u2212 baseline: +50.0 pp');
    expect(section).toContain('900 \u2192 800 (\u2212100)');
    expect(section).toContain('\u2013 \u2192 $0.5000<');
    expect(section).toContain('Quality gate: passed');
    expect(section).toContain('a 3 pp drop would go unseen');
  });

  it('embeds a video row with its url, file, status and time to done', async () => {
    const video = makeRecord({
      model: 'seedance',
      id: 'v1',
      format: 'video-task',
      answer: null,
      expected: null,
      video: videoFields({
        video_url: 'https://example.invalid/v.mp4',
        file: 'videos/v1.mp4',
        time_to_done_ms: 64000,
      }),
    });
    const { run } = await render([video]);
    expect(buildTableData(run).rows[0][6][0]?.[13]).toEqual([
      'https://example.invalid/v.mp4',
      'videos/v1.mp4',
      'succeeded',
      64000,
    ]);
  });

  it('computes pairwise comparisons on the items both models scored', async () => {
    const outcomes = [
      [1, 1],
      [1, 0],
      [1, 0],
      [0, 1],
      [1, 1],
      [0, 0],
    ];
    const records = outcomes.flatMap(([a, b], index) => [
      makeRecord({ model: 'alpha', id: `q${index}`, answer: a ? '4' : '3' }),
      makeRecord({ model: 'beta', id: `q${index}`, answer: b ? '4' : '3' }),
    ]);
    records.push(
      makeRecord({ model: 'alpha', id: 'only-alpha' }),
      makeErrorRecord({ model: 'beta', id: 'q0', item: 'abcdefabcdefabcdef00' }),
    );
    const { analysis, html } = await render(records);
    expect(analysis.pairs).toHaveLength(1);
    // Rows are paired in item key order, so the seeded bootstrap does not depend on the order rows were written in.
    const paired = outcomes
      .map((outcome, index) => ({ outcome, item: shortHash(`item|q${index}`) }))
      .sort((first, second) => (first.item < second.item ? -1 : 1))
      .map(({ outcome }) => outcome);
    expect(analysis.pairs[0].result).toEqual(
      comparePaired({ a: paired.map(([a]) => a), b: paired.map(([, b]) => b), seed: 1 }),
    );
    expect(between(html, '<section id="pairwise">', '</section>')).toContain(analysis.pairs[0].verdict);
  });
});

describe('number formats', () => {
  it('keeps small costs readable and marks missing values', () => {
    expect([formatUsd(12.345), formatUsd(0.0244), formatUsd(0.0000339), formatUsd(0), formatUsd(null)]).toEqual([
      '$12.35',
      '$0.0244',
      '$0.000034',
      '$0.0000',
      '\u2013',
    ]);
    expect([formatCount(1234567), formatCount(null), formatPercent(0.8943)]).toEqual(['1,234,567', '\u2013', '89.4%']);
  });
});

describe('differences and charts', () => {
  const cell = (passed: 1 | 0 | null, answer = 'x', status: 0 | 1 = 0): TableCell => [
    status,
    passed,
    answer,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    0,
    null,
    0,
  ];

  it('marks the minority of pass/fail, every cell on a tie, and differing answers when unscored', () => {
    const majority = [cell(1), cell(1), cell(0), null];
    expect(markDifferences(majority)).toBe(true);
    expect(majority.map((entry) => entry?.[12])).toEqual([0, 0, 1, undefined]);
    const tie = [cell(1), cell(0)];
    expect(markDifferences(tie)).toBe(true);
    expect(tie.map((entry) => entry[12])).toEqual([1, 1]);
    const agree = [cell(1), cell(1)];
    expect(markDifferences(agree)).toBe(false);
    const text = [cell(null, 'Paris.'), cell(null, 'paris'), cell(null, 'Lyon')];
    expect(markDifferences(text)).toBe(true);
    expect(text.map((entry) => entry[12])).toEqual([0, 0, 1]);
    const withError = [cell(1), cell(1), cell(null, '', 1)];
    markDifferences(withError);
    expect(withError.map((entry) => entry[12])).toEqual([0, 0, 1]);
  });

  it('bins a histogram with an open last bin and picks round axis ends', () => {
    expect(histogramBins({ values: [0, 9.9, 10, 39, 40, 500], max: 40, bins: 4 })).toEqual([2, 1, 0, 3]);
    expect([
      niceCeiling(0),
      niceCeiling(7),
      niceCeiling(1234),
      niceCeiling(2000),
      niceCeiling(6481),
      niceCeiling(9000),
    ]).toEqual([1, 8, 1500, 2000, 8000, 10000]);
  });
});

describe('report files', () => {
  it('writes a report.html that reads the run folder', async () => {
    const { writeReports } = await import('../../src/report/write-reports.js');
    const folder = writeRunFolder({ records: [makeRecord({ model: 'alpha', id: 'q1' })] });
    const written = await writeReports({ runDir: folder, env: {} });
    expect(readFileSync(written.html, 'utf8')).toContain('<section id="scores">');
  });
});
