import { GRID_STYLES } from './grid-styles.js';

/** The report's style sheet, inlined and allowed by its hash. System fonts only: the CSP loads nothing. */
export const REPORT_STYLES = `
:root { color-scheme: light dark; --ink: #1d2433; --muted: #5b6475; --line: #d9dee8; --panel: #f6f8fb; --accent: #3558d6; --pass: #1d7f4e; --pass-bg: #e8f6ee;
  --fail: #b42318; --fail-bg: #fdecea; --error: #9a5b00; --error-bg: #fff4e0; --differs: #7a3ed6; --page: #fff; --tag: #e4e8f1;
  --badge-ink: #fff; --banner: #fff1c2; --credible: #7a3ed6; }
@media (prefers-color-scheme: dark) {
  :root { --ink: #e3e7ef; --muted: #a3acbd; --line: #394150; --panel: #1d222b; --accent: #8ea7ff; --pass: #4cc38a; --pass-bg: #16301f;
    --fail: #ff8a7e; --fail-bg: #3b1b18; --error: #e6aa4f; --error-bg: #352813; --differs: #b58cff; --page: #12161d; --tag: #2a303b;
    --badge-ink: #0f1318; --banner: #4a3b00; --credible: #c7a4ff; }
}
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; color: var(--ink); background: var(--page); }
header.top { padding: 18px 28px 12px; border-bottom: 1px solid var(--line); background: var(--panel); }
header.top h1 { margin: 0 0 4px; font-size: 20px; }
.run-meta { color: var(--muted); margin: 0; }
.run-meta span + span::before { content: " \u00b7 "; }
.simulated-banner { margin: 0; padding: 10px 28px; background: var(--banner); border-bottom: 2px solid #e0a800; font-weight: 600; }
main { padding: 8px 28px 40px; }
section { margin: 18px 0 26px; }
h2 { font-size: 16px; margin: 0 0 8px; }
table.overview { border-collapse: collapse; }
table.overview th, table.overview td { padding: 4px 10px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: middle; }
table.overview thead th { font-size: 12px; color: var(--muted); font-weight: 600; }
table.overview td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.model-name { font-weight: 600; white-space: nowrap; }
.note { color: var(--muted); font-size: 12px; margin: 6px 0 0; max-width: 900px; }
svg .track { stroke: #c3c9d5; stroke-width: 2; }
svg .tick { stroke: #e2e6ee; stroke-width: 1; }
svg .band { fill: #9fb3f5; }
svg .dot { fill: var(--accent); }
svg .bar { fill: #6f8de8; }
svg .axis { stroke: #9aa3b5; stroke-width: 1; }
svg .axis-label { font-size: 9px; fill: var(--muted); }
ul.verdicts { margin: 0; padding-left: 18px; font-variant-numeric: tabular-nums; }
li.verdict.significant { font-weight: 600; }
.filters { position: sticky; top: 0; z-index: 2; display: flex; flex-wrap: wrap; gap: 14px; align-items: center; padding: 10px 0;
  background: var(--page); border-bottom: 1px solid var(--line); }
.filters label { display: inline-flex; gap: 5px; align-items: center; }
.filters input[type=search] { width: 260px; padding: 4px 8px; border: 1px solid var(--line); border-radius: 4px; font: inherit; }
.filters select, .filters button { font: inherit; padding: 3px 8px; }
#match-count { font-weight: 600; }
table.side { border-collapse: collapse; table-layout: fixed; width: 100%; margin-top: 8px; }
table.side th, table.side td { border: 1px solid var(--line); padding: 6px 8px; vertical-align: top; }
table.side thead th { background: var(--panel); text-align: left; }
th.item-head { width: 220px; }
th.chosen, td.chosen { outline: 2px solid var(--accent); outline-offset: -2px; }
td.item { background: var(--panel); overflow-wrap: anywhere; }
.item-id { font-weight: 600; }
.tag { display: inline-block; margin-right: 4px; padding: 0 6px; border-radius: 8px; background: var(--tag); font-size: 12px; }
pre.text { margin: 4px 0; white-space: pre-wrap; overflow-wrap: anywhere; font: 12.5px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; max-height: 220px; overflow: auto; }
.expected { font-size: 12px; color: var(--muted); overflow-wrap: anywhere; }
.meta { font-size: 12px; color: var(--muted); }
.cell.pass { background: var(--pass-bg); }
.cell.fail { background: var(--fail-bg); }
.cell.error { background: var(--error-bg); }
.cell.differs { box-shadow: inset 4px 0 0 var(--differs); }
.cell-head { display: flex; gap: 6px; align-items: center; flex-wrap: wrap; }
.badge { font-size: 11px; font-weight: 700; padding: 0 6px; border-radius: 3px; color: var(--badge-ink); }
.badge.pass { background: var(--pass); }
.badge.fail { background: var(--fail); }
.badge.error { background: var(--error); }
.badge.unscored { background: #7b8494; }
.badge.differs-badge { background: var(--differs); }
.score { font-size: 12px; color: var(--muted); }
.error-text { color: var(--error); }
details summary { cursor: pointer; font-size: 12px; color: var(--accent); }
video.player { max-width: 100%; margin-top: 4px; }
td.empty { text-align: center; color: var(--muted); padding: 24px; }
.pager { display: flex; gap: 10px; align-items: center; margin-top: 10px; }
${GRID_STYLES}`;
