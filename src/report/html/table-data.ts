import { normalizeText } from '../../score/normalize.js';
import type { ScoredRecord, ScoredRun } from '../../analysis/scored-run.js';
import type { ResultRecord } from '../../results/result-record.js';

/** Longest text kept per field in the page; the full text stays in results.jsonl. */
export const MAX_TEXT = 20_000;

/**
 * One model's result for one row, as a compact array (field order in `CELL_FIELDS`):
 * status (0 ok, 1 error), passed (1, 0 or null), answer, reasoning, latency ms,
 * TTFT ms, input, output and reasoning tokens, cost USD, error text, score text,
 * differs from the row majority (0/1), video ([url, file, status, time to done ms]) or null,
 * answered from the response cache: 0, or where the cached answer was first received.
 */
export type TableCell = [
  0 | 1,
  1 | 0 | null,
  string | null,
  string | null,
  number | null,
  number | null,
  number | null,
  number | null,
  number | null,
  number | null,
  string | null,
  string | null,
  0 | 1,
  [string | null, string | null, string | null, number | null] | null,
  0 | string,
];

/** One item (and repeat): id, dataset index, repeat, prompt, expected, models disagree (0/1), one cell per model (null when absent). */
export type TableRow = [string, number, number, string, string | null, 0 | 1, Array<TableCell | null>];

/** The side-by-side data embedded in report.html. */
export interface TableData {
  models: string[];
  datasets: string[];
  cellFields: string[];
  rows: TableRow[];
}

/** Names of the `TableCell` positions, embedded so the file explains itself. */
export const CELL_FIELDS = [
  'status',
  'passed',
  'answer',
  'reasoning',
  'latency_ms',
  'ttft_ms',
  'input_tokens',
  'output_tokens',
  'reasoning_tokens',
  'cost_usd',
  'error',
  'score',
  'differs',
  'video',
  'cached',
];

function clip(text: string | null): string | null {
  if (text === null || text.length <= MAX_TEXT) return text;
  return `${text.slice(0, MAX_TEXT)}\n\u2026 (${text.length - MAX_TEXT} more characters in results.jsonl)`;
}

function scoreText(row: ScoredRecord): string | null {
  if (row.score.scores.length === 0) return null;
  return row.score.scores
    .map((score) => {
      const value = score.error
        ? `error: ${score.error.message}`
        : score.value === null
          ? 'no value'
          : String(Math.round(score.value * 1000) / 1000);
      return `${score.name} ${value}${score.detail ? ` (${score.detail})` : ''}`;
    })
    .join('; ');
}

/** The prompt as one readable text: a string as is, a messages array as `role: text` lines. */
export function inputText(input: ResultRecord['input']): string {
  if (typeof input === 'string') return input;
  if (!Array.isArray(input)) return '';
  return input
    .map((message) => {
      const content =
        typeof message.content === 'string'
          ? message.content
          : message.content.map((part) => (part.type === 'text' ? part.text : `[${part.type}]`)).join(' ');
      return `${message.role}: ${content}`;
    })
    .join('\n');
}

/** A video row's url, file, status and time to done (older lines may lack any of them), or null for other rows. */
function videoCell(record: ResultRecord): TableCell[13] {
  const video = record.video;
  if (record.format !== 'video-task' && !video?.video_url && !video?.file) return null;
  return [video?.video_url ?? null, video?.file ?? null, video?.state ?? null, video?.time_to_done_ms ?? null];
}

function toCell(row: ScoredRecord): TableCell {
  const { record } = row;
  const error = record.error
    ? `${record.error.kind}${record.error.status === null ? '' : ` ${record.error.status}`}: ${record.error.message}`
    : null;
  return [
    record.status === 'error' ? 1 : 0,
    row.score.passed === null ? null : row.score.passed ? 1 : 0,
    clip(record.answer),
    clip(record.reasoning),
    record.latency_ms,
    record.ttft_ms,
    record.input_tokens,
    record.output_tokens,
    record.reasoning_tokens,
    record.cost_usd ?? null,
    clip(error),
    scoreText(row),
    0,
    videoCell(record),
    cachedCell(record),
  ];
}

/** 0 for a row whose request was sent; else where its cached answer came from. */
function cachedCell(record: ResultRecord): 0 | string {
  // Older lines have no `cached` field; only an explicit true marks a cache hit.
  if (record.cached !== true) return 0;
  const origin = record.cache_origin;
  if (!origin) return 'an earlier run';
  return `${origin.endpoint}${origin.simulated ? ' (simulated)' : ''}`;
}

/** Marks cells that differ from the row majority: pass/fail when scored, else error status, else the normalised answer. */
export function markDifferences(cells: Array<TableCell | null>): boolean {
  const present = cells.filter((cell): cell is TableCell => cell !== null);
  if (present.length < 2) return false;
  const scored = present.filter((cell) => cell[1] !== null);
  const key = (cell: TableCell): string => {
    if (scored.length > 0) return cell[1] === null ? (cell[0] === 1 ? 'error' : 'unscored') : String(cell[1]);
    if (cell[0] === 1) return 'error';
    return normalizeText(cell[2] ?? '');
  };
  // Each key once: normalising an answer is the costly part.
  const keys = present.map(key);
  const counts = new Map<string, number>();
  for (const cellKey of keys) counts.set(cellKey, (counts.get(cellKey) ?? 0) + 1);
  if (counts.size < 2) return false;
  const highest = Math.max(...counts.values());
  const leaders = [...counts.values()].filter((count) => count === highest).length;
  present.forEach((cell, index) => {
    // A tie has no majority: every cell of the row is marked.
    if (leaders > 1 || counts.get(keys[index]) !== highest) cell[12] = 1;
  });
  return true;
}

/** One collator for the whole sort: `localeCompare` with options builds a new one per comparison. */
const ids = new Intl.Collator('en', { numeric: true });

function compareIds(first: TableRow, second: TableRow): number {
  return first[1] - second[1] || ids.compare(first[0], second[0]) || first[2] - second[2];
}

/** Groups the scored rows into one table row per item and repeat, one cell per model, sorted by dataset, id and repeat. */
export function buildTableData(run: Pick<ScoredRun, 'models' | 'rows'>): TableData {
  const modelIndex = new Map(run.models.map((model, index) => [model, index]));
  const datasets: string[] = [];
  const datasetIndex = new Map<string, number>();
  const byItem = new Map<string, TableRow>();
  for (const row of run.rows) {
    const { record } = row;
    const column = modelIndex.get(record.model);
    if (column === undefined) continue;
    let dataset = datasetIndex.get(record.dataset);
    if (dataset === undefined) {
      dataset = datasets.length;
      datasets.push(record.dataset);
      datasetIndex.set(record.dataset, dataset);
    }
    const key = `${record.item}#${record.repeat}`;
    let tableRow = byItem.get(key);
    if (!tableRow) {
      const cells = new Array<TableCell | null>(run.models.length).fill(null);
      tableRow = [record.id, dataset, record.repeat, clip(inputText(record.input)) ?? '', record.expected, 0, cells];
      byItem.set(key, tableRow);
    }
    tableRow[6][column] = toCell(row);
  }
  const rows = [...byItem.values()];
  for (const tableRow of rows) tableRow[5] = markDifferences(tableRow[6]) ? 1 : 0;
  rows.sort(compareIds);
  return { models: run.models, datasets, cellFields: CELL_FIELDS, rows };
}
