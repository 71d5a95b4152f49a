import { HEAT_BUCKETS } from './breakdown-grid.js';

/**
 * The score colour scale: one blue hue, lighter to deeper as the score rises, so
 * it reads without telling red from green. In the light scheme dark ink stays on
 * tints from 97% to 62% lightness; in the dark scheme light ink on shades from
 * 14% to 42%: both keep a contrast of at least 4.5 to 1 across the scale.
 */
function heatScale(): string {
  const light: string[] = [];
  const dark: string[] = [];
  for (let bucket = 0; bucket < HEAT_BUCKETS; bucket += 1) {
    const share = bucket / (HEAT_BUCKETS - 1);
    light.push(`td.heat-${bucket} { background: hsl(214 70% ${(97 - 35 * share).toFixed(1)}%); }`);
    dark.push(
      `td.heat-${bucket} { background: hsl(214 ${(35 + 30 * share).toFixed(1)}% ${(14 + 28 * share).toFixed(1)}%); }`,
    );
  }
  return `${light.join('\n')}\n@media (prefers-color-scheme: dark) {\n${dark.join('\n')}\n}`;
}

/** Styles of the breakdown grids: layout, the colour scale, credible differences and the sort buttons. */
export const GRID_STYLES = `
.breakdown { margin: 10px 0 18px; }
.breakdown h3, .breakdown > summary { font-size: 14px; margin: 8px 0 6px; font-weight: 600; }
.grid-counts { color: var(--muted); font-weight: 400; }
.grid-wrap { overflow-x: auto; max-width: 100%; }
table.grid { border-collapse: collapse; font-variant-numeric: tabular-nums; }
table.grid th, table.grid td { padding: 3px 8px; border: 1px solid var(--line); text-align: right; vertical-align: top; white-space: nowrap; }
table.grid th.group-name, table.grid tfoot th { text-align: left; font-weight: 600; white-space: normal; max-width: 320px; overflow-wrap: anywhere; }
table.grid thead th { background: var(--panel); padding: 0; }
table.grid thead th:first-child { text-align: left; }
button.sort { all: unset; box-sizing: border-box; display: block; width: 100%; padding: 4px 8px; cursor: pointer; font-size: 12px; font-weight: 600; color: var(--muted); }
button.sort:focus-visible { outline: 2px solid var(--accent); outline-offset: -2px; }
button.sort::after { content: " \\2195"; opacity: 0.45; }
th[aria-sort=ascending] button.sort::after { content: " \\25B2"; opacity: 1; }
th[aria-sort=descending] button.sort::after { content: " \\25BC"; opacity: 1; }
table.grid td.score { color: var(--ink); }
table.grid .ci { display: block; font-size: 11px; color: var(--muted); }
table.grid td.score .ci { color: inherit; }
table.grid .cell-errors { display: block; font-size: 11px; color: var(--error); }
table.grid td.diff { color: var(--muted); }
table.grid td.diff.credible { color: var(--ink); font-weight: 700; box-shadow: inset 0 0 0 2px var(--credible); }
table.grid td.diff.credible.up { background: var(--pass-bg); }
table.grid td.diff.credible.down { background: var(--fail-bg); }
.credible-mark, .legend-credible { color: var(--credible); font-weight: 700; }
.credible-mark { margin-left: 2px; }
table.grid tfoot tr.micro th, table.grid tfoot tr.micro td { border-top: 2px solid var(--muted); }
table.grid tfoot th { font-weight: 600; font-style: italic; }
${heatScale()}
`;
