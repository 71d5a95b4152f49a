import { renderTable } from '../report/text-table.js';
import type { DryRunPlan } from '../run/dry-run.js';

/** The dry-run report as text. */
export function renderDryRun(plan: DryRunPlan): string {
  const rows = plan.models.map((model) => [
    model.model,
    model.format,
    String(model.requests),
    String(model.alreadyDone),
    String(model.inputTokens),
    String(model.outputTokens),
    model.costUsd === null ? 'unknown (no price)' : model.costUsd.toFixed(4),
  ]);
  const header = [
    'model',
    'format',
    'requests',
    'already done',
    'est. input tokens',
    'est. output tokens',
    'est. cost USD',
  ];
  const lines = ['DRY RUN: nothing was sent.', '', renderTable({ header, rows, leftColumns: 2 })];
  const total = plan.models.reduce((sum, model) => sum + (model.costUsd ?? 0), 0);
  lines.push(
    '',
    `Total: ${plan.models.reduce((sum, model) => sum + model.requests, 0)} requests, about ${total.toFixed(4)} USD where prices are known.`,
  );
  for (const example of plan.examples) {
    lines.push('', `Example ${example.format} request:`, `${example.method} ${example.url}`);
    for (const [name, value] of Object.entries(example.headers)) lines.push(`${name}: ${value}`);
    lines.push(JSON.stringify(example.body, null, 2));
  }
  return lines.join('\n');
}
