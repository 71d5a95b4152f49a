import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readDataset, scanDataset } from '../dataset/read-dataset.js';
import { videoInputFromSample } from '../protocols/video-task/index.js';
import { readResults } from '../results/read-results.js';
import { renderTable } from '../report/text-table.js';
import { KeySet } from '../util/key-set.js';
import { costOf } from './cost.js';
import { Lane, LaneResources } from './lane.js';
import type { RunConfig } from './run-eval.js';
import { buildCall } from './run-job.js';
import { estimateTokens } from './send-with-retries.js';
import { resultKey } from './target.js';
import { authHeaders } from './transport.js';

/** What `--dry-run` found, per model. */
export interface DryRunModel {
  model: string;
  format: string;
  requests: number;
  alreadyDone: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number | null;
}

/** A dry run: planned requests and one example request per format, with the key redacted. */
export interface DryRunPlan {
  models: DryRunModel[];
  examples: Array<{ format: string; method: string; url: string; headers: Record<string, string>; body: unknown }>;
}

/**
 * Plans a run without sending anything: counts the requests each model would
 * make (minus keys already finished when resuming; error rows count as
 * unfinished with `--retry-errors`), estimates tokens (about 4
 * characters a token for input; `--max-tokens`, else 256, for output) and cost
 * from the price table, and builds one example request per wire format.
 */
export async function planDryRun(config: RunConfig): Promise<DryRunPlan> {
  for (const file of config.datasets) await scanDataset({ file, mapping: config.mapping, limit: config.limit });
  const resultsPath = join(config.outDir, 'results.jsonl');
  const done = new KeySet();
  if (existsSync(resultsPath)) {
    // As the run itself does: error rows are not done when --retry-errors will redo them.
    for await (const record of readResults(resultsPath))
      if (record.status === 'ok' || !config.retryErrors) done.add(record.key);
  }
  const lanes = config.targets.map(
    (target) =>
      new Lane(
        target,
        new LaneResources({ name: target.name, limits: {}, globalConcurrency: 1, onChange: () => undefined }),
      ),
  );
  const models: DryRunModel[] = lanes.map((lane) => ({
    model: lane.target.name,
    format: lane.target.format,
    requests: 0,
    alreadyDone: 0,
    inputTokens: 0,
    outputTokens: 0,
    costUsd: lane.target.price ? 0 : null,
  }));
  const examples: DryRunPlan['examples'] = [];
  for (const file of config.datasets) {
    for await (const sample of readDataset({ file, mapping: config.mapping, limit: config.limit })) {
      lanes.forEach((lane, index) => {
        const call = buildCall(sample, lane);
        if (!examples.some((example) => example.format === lane.target.format)) {
          const { video } = lane.target;
          const wire = video
            ? video.codec.buildSubmit({
                input: videoInputFromSample(sample),
                model: lane.target.modelId,
                params: video.params,
                endpoint: lane.target.endpoint,
                paths: video.paths,
              })
            : lane.target.codec.buildRequest({ call, endpoint: lane.target.endpoint });
          const redacted = Object.fromEntries(Object.entries(authHeaders(lane.target.endpoint.auth, '***')));
          examples.push({
            format: lane.target.format,
            method: wire.method,
            url: wire.url,
            headers: { ...wire.headers, ...redacted },
            body: wire.body,
          });
        }
        const model = models[index];
        for (let repeat = 0; repeat < config.repeat; repeat += 1) {
          if (done.has(resultKey({ item: sample.itemKey, target: lane.target, repeat }))) {
            model.alreadyDone += 1;
            continue;
          }
          const output = call.maxOutputTokens ?? 256;
          const input = estimateTokens(call) - output;
          model.requests += 1;
          model.inputTokens += input;
          model.outputTokens += output;
          const cost = costOf({ usage: { input, output }, price: lane.target.price });
          if (model.costUsd !== null && cost !== null) model.costUsd += cost;
        }
      });
    }
  }
  return { models, examples };
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
  for (const example of plan.examples) {
    lines.push('', `Example ${example.format} request:`, `${example.method} ${example.url}`);
    for (const [name, value] of Object.entries(example.headers)) lines.push(`${name}: ${value}`);
    lines.push(JSON.stringify(example.body, null, 2));
  }
  return lines.join('\n');
}
