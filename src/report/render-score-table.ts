import type { ModelSummary } from '../analysis/summarize.js';
import type { ModelScoring } from '../score/score-summary.js';
import { formatScoreInterval } from './format.js';
import { renderTable } from './text-table.js';

function judgeCostCell(scoring: ModelScoring | undefined): string {
  if (!scoring || (scoring.judgeCostUsd === null && scoring.judgeCostMissing === 0)) return '-';
  const cost = scoring.judgeCostUsd === null ? 'not reported' : `$${scoring.judgeCostUsd.toFixed(4)}`;
  return scoring.judgeCostMissing > 0 && scoring.judgeCostUsd !== null
    ? `${cost} (+${scoring.judgeCostMissing} unreported)`
    : cost;
}

/**
 * The per-model table printed by `score`: rows, scored and passed rows, the
 * score with its 95% interval (as every report shows it), ok rows without an
 * outcome, request errors, and what scoring took (scorer errors, judge cost).
 */
export function renderScoreTable(models: readonly ModelSummary[], scoring: readonly ModelScoring[]): string {
  const byModel = new Map(scoring.map((entry) => [entry.model, entry]));
  const header = [
    'model',
    'rows',
    'scored',
    'passed',
    'score [95% CI]',
    'not scored',
    'request errors',
    'scorer errors',
    'judge cost',
  ];
  const rows = models.map((model) => {
    const scored = model.score?.scored ?? 0;
    const tally = byModel.get(model.model);
    return [
      model.model,
      String(model.rows),
      String(scored),
      String(model.score?.passed ?? 0),
      formatScoreInterval(model.score),
      String(model.ok - scored),
      String(model.errors),
      String(tally?.scorerErrors ?? 0),
      judgeCostCell(tally),
    ];
  });
  return renderTable({ header, rows });
}

/** The note under the table. */
export const SCORE_TABLE_NOTE =
  'A row passes when every scorer passed; error rows are not scored. Score: mean over rows with an outcome (the pass rate for pass/fail scores), ' +
  '95% interval Wilson for pass/fail scores and a seeded bootstrap otherwise.';
