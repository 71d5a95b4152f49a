import { renderTable } from '../report/text-table.js';
import type { DryRunPlan } from '../run/dry-run.js';
import { plannedMinimumDetectableEffect } from '../stats/planned-mde.js';

const points = (fraction: number): string => `${(Math.min(1, fraction) * 100).toFixed(1)} pp`;

/**
 * How small a difference between two models the planned items can show: the
 * MDE at 80% power and two-sided α = 0.05 of a paired test on n items scored
 * 0/1, for both models near 50% (where it is largest), with their per-item
 * scores uncorrelated and with a typical correlation of 0.5.
 */
export function renderPlannedPower(plan: Pick<DryRunPlan, 'items' | 'groups'>): string[] {
  if (plan.items === 0) return [];
  const line = (n: number): string =>
    `${points(plannedMinimumDetectableEffect({ n }))} (${points(plannedMinimumDetectableEffect({ n, correlation: 0.5 }))} if the models' item scores correlate at 0.5)`;
  const lines = [
    `Power: with ${plan.items} items, the smallest difference between two models detectable at 80% power ` +
      `(paired test, two-sided alpha 0.05, accuracies near 50%) is ${line(plan.items)}.`,
  ];
  const { column, counts } = plan.groups;
  if (column !== null && counts.size > 1) {
    const rows = [...counts]
      .sort(([left], [right]) => left.localeCompare(right))
      .map(([name, n]) => [name, String(n), points(plannedMinimumDetectableEffect({ n }))]);
    lines.push(
      `Per ${column} (before the Holm correction across groups, which raises these):`,
      renderTable({ header: [column, 'items', 'MDE'], rows, leftColumns: 1 }),
    );
  }
  return lines;
}

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
  if (plan.shard) lines.push('', shardShare(plan, plan.shard));
  if (plan.models.length >= 2) lines.push('', ...renderPlannedPower(plan));
  for (const example of plan.examples) {
    lines.push('', `Example ${example.format} request:`, `${example.method} ${example.url}`);
    for (const [name, value] of Object.entries(example.headers)) lines.push(`${name}: ${value}`);
    lines.push(JSON.stringify(example.body, null, 2));
  }
  return lines.join('\n');
}

/** `--shard`: this shard's rows and requests beside the whole run's. */
function shardShare(plan: DryRunPlan, shard: NonNullable<DryRunPlan['shard']>): string {
  const requests = plan.models.reduce((sum, model) => sum + model.requests + model.alreadyDone, 0);
  const percent = (part: number, whole: number): string => (whole === 0 ? '0' : ((part / whole) * 100).toFixed(1));
  return (
    `Shard ${shard.index}/${shard.count}: ${plan.items} of ${shard.totalItems} rows (${percent(plan.items, shard.totalItems)}%), ` +
    `${requests} of ${shard.totalRequests} requests; the other shards run the rest.`
  );
}
