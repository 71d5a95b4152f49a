import { basename } from 'node:path';
import type { BaselineComparison } from './baseline-comparison.js';
import { CLIENT_APP } from './client-app.js';
import { CLIENT_CELLS } from './client-cells.js';
import { CLIENT_GRID } from './client-grid.js';
import { contentSecurityPolicy } from './csp.js';
import { embedJson, escapeHtml } from './escape.js';
import { formatCount } from './format-numbers.js';
import { renderOverview } from './overview-html.js';
import type { ScoredRun } from '../../analysis/scored-run.js';
import { REPORT_STYLES } from './styles.js';
import { buildTableData } from './table-data.js';

/** The whole inline script of the report; its hash is the only script the CSP allows. */
export const REPORT_SCRIPT = `(function () {\n'use strict';\n${CLIENT_GRID}\n${CLIENT_CELLS}\n${CLIENT_APP}\n})();\n`;

/** Input of {@link renderHtmlReport}. */
export interface HtmlReportOptions {
  run: ScoredRun;
  /** This run against a baseline, when the caller compared them. */
  comparison?: BaselineComparison;
}

function runMeta(run: ScoredRun): string {
  const { manifest } = run;
  const datasets = manifest?.datasets.map((dataset) => basename(dataset.path)) ?? [
    ...new Set(run.rows.map((row) => row.record.dataset)),
  ];
  const parts = [
    `datasets: ${datasets.join(', ') || '\u2013'}`,
    `${run.models.length} models`,
    `${formatCount(run.rows.length)} result rows`,
    run.scoreSource === 'scores-file' ? 'scores from scores.jsonl' : 'scores by the automatic scorer (no scores.jsonl)',
  ];
  if (manifest) {
    parts.push(`status: ${manifest.status}`, `started ${manifest.started_at}`);
    if (manifest.ended_at) parts.push(`ended ${manifest.ended_at}`);
    parts.push(`${manifest.tool.name} ${manifest.tool.version}`);
  }
  return parts.map((part) => `<span>${escapeHtml(part)}</span>`).join('');
}

const FILTERS = `<div class="filters" role="search">
<label><input type="checkbox" id="filter-disagree" autocomplete="off"> models disagree</label>
<label><input type="checkbox" id="filter-failed" autocomplete="off"> failed only</label>
<label><input type="checkbox" id="filter-errors" autocomplete="off"> errors only</label>
<label>model <select id="filter-model" autocomplete="off"><option value="-1">all models</option></select></label>
<label>search <input type="search" id="filter-search" placeholder="id, prompt, answer, error" autocomplete="off"></label>
<span id="match-count" aria-live="polite"></span>
</div>`;

const PAGER = `<div class="pager">
<button type="button" id="page-previous">\u2039 previous</button>
<span id="page-label"></span>
<button type="button" id="page-next">next \u203a</button>
<label>rows per page <select id="page-size" autocomplete="off"><option>25</option><option selected>50</option><option>100</option><option>200</option></select></label>
</div>`;

/**
 * One self-contained report page: inline style and script (allowed by hash in
 * a CSP that loads nothing remote), the overview rendered as static HTML and
 * SVG, and the side-by-side rows embedded as escaped JSON that the script
 * draws a page at a time.
 */
export function renderHtmlReport(options: HtmlReportOptions): string {
  const { run, comparison } = options;
  const simulated = run.manifest?.simulated === true;
  const folder = basename(run.runDir);
  const title = `${simulated ? '[SIMULATED] ' : ''}mixrouter-eval report \u2014 ${folder}`;
  const policy = contentSecurityPolicy({ script: REPORT_SCRIPT, style: REPORT_STYLES });
  const banner = simulated
    ? '<p class="simulated-banner" id="simulated-banner">SIMULATED RUN: answers and timings come from the built-in simulated gateway, not from real models.</p>'
    : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(policy)}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${escapeHtml(title)}</title>
<style>${REPORT_STYLES}</style>
</head>
<body>
${banner}
<header class="top"><h1>${escapeHtml(title)}</h1><p class="run-meta">${runMeta(run)}</p></header>
<main>
<div id="overview">
${renderOverview({ analysis: run.analysis, comparison })}
</div>
<section id="side-by-side"><h2>Side by side</h2>
${FILTERS}
<table class="side"><thead id="side-head"></thead><tbody id="side-body"></tbody></table>
${PAGER}
<noscript><p class="note">The side-by-side table needs JavaScript; the rows are in results.jsonl.</p></noscript>
</section>
</main>
<script type="application/json" id="report-data">${embedJson(buildTableData(run))}</script>
<script>${REPORT_SCRIPT}</script>
</body>
</html>
`;
}
