import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readDataset, scanDataset } from '../dataset/read-dataset.js';
import type { Sample } from '../dataset/sample.js';
import { readResults } from '../results/read-results.js';
import type { ModelTarget } from '../settings/model-target.js';
import { costOf } from '../settings/price.js';
import type { RunConfig } from '../settings/run-config.js';
import { KeySet } from '../util/key-set.js';
import { buildCall } from './job.js';
import { resultKey } from './result-key.js';
import { inShard } from './shard.js';
import { estimateTokens } from './send-with-retries.js';
import { authHeaders } from './transport.js';
import { videoInputFromSample } from './video/input-from-sample.js';

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
  /** Items (dataset rows) every model is asked, repeats not counted. */
  items: number;
  /** Items per group of the top-level group column (`column` null when the run has none). */
  groups: { column: string | null; counts: Map<string, number> };
  examples: Array<{ format: string; method: string; url: string; headers: Record<string, string>; body: unknown }>;
  /**
   * With `--shard`: this shard's index and count, and the whole run's items and requests
   * (`items` and each model's `requests` above are this shard's share).
   */
  shard?: { index: number; count: number; totalItems: number; totalRequests: number };
}

/**
 * Plans a run without sending anything: counts the requests each model would
 * make (minus keys already finished when resuming; error rows count as
 * unfinished with `--retry-errors`), estimates tokens (about 4
 * characters a token for input; `--max-tokens`, else 256, for output) and cost
 * from the price table, and builds one example request per wire format.
 */
export async function planDryRun(config: RunConfig): Promise<DryRunPlan> {
  for (const { file, mapping } of config.datasets) await scanDataset({ file, mapping, limit: config.limit });
  const resultsPath = join(config.outDir, 'results.jsonl');
  const done = new KeySet();
  if (existsSync(resultsPath)) {
    // As the run itself does: error rows are not done when --retry-errors will redo them.
    for await (const record of readResults(resultsPath))
      if (record.status === 'ok' || !config.retryErrors) done.add(record.key);
  }
  const models: DryRunModel[] = config.targets.map((target) => ({
    model: target.name,
    format: target.format,
    requests: 0,
    alreadyDone: 0,
    inputTokens: 0,
    outputTokens: 0,
    costUsd: target.price ? 0 : null,
  }));
  const examples: DryRunPlan['examples'] = [];
  const column = config.analysis.groupBy[0] ?? null;
  const counts = new Map<string, number>();
  let items = 0;
  let totalItems = 0;
  for (const { file, mapping } of config.datasets) {
    for await (const sample of readDataset({ file, mapping, limit: config.limit })) {
      totalItems += 1;
      if (!inShard(sample.itemKey, config.shard)) continue;
      items += 1;
      if (column !== null) {
        const group = sample.groups?.[column] || '(none)';
        counts.set(group, (counts.get(group) ?? 0) + 1);
      }
      config.targets.forEach((target, index) => {
        const call = buildCall(sample, target);
        if (!examples.some((example) => example.format === target.format))
          examples.push(exampleRequest(target, sample));
        const model = models[index];
        for (let repeat = 0; repeat < config.repeat; repeat += 1) {
          if (done.has(resultKey({ item: sample.itemKey, target, repeat }))) {
            model.alreadyDone += 1;
            continue;
          }
          const output = call.maxOutputTokens ?? 256;
          const input = estimateTokens(call) - output;
          model.requests += 1;
          model.inputTokens += input;
          model.outputTokens += output;
          const cost = costOf({ usage: { input, output }, price: target.price });
          if (model.costUsd !== null && cost !== null) model.costUsd += cost;
        }
      });
    }
  }
  const plan: DryRunPlan = { models, examples, items, groups: { column, counts } };
  if (config.shard) {
    const totalRequests = totalItems * config.repeat * config.targets.length;
    plan.shard = { index: config.shard.index, count: config.shard.count, totalItems, totalRequests };
  }
  return plan;
}

/** One request of a target as it would be sent (the video submit for a video model), the key shown as `***`. */
function exampleRequest(target: ModelTarget, sample: Sample): DryRunPlan['examples'][number] {
  const wire =
    target.format === 'video-task'
      ? target.video.codec.buildSubmit({
          input: videoInputFromSample(sample),
          model: target.modelId,
          params: target.video.params,
          endpoint: target.endpoint,
          paths: target.video.paths,
        })
      : target.codec.buildRequest({ call: buildCall(sample, target), endpoint: target.endpoint });
  const redacted = authHeaders(target.endpoint.auth, '***');
  return {
    format: target.format,
    method: wire.method,
    url: wire.url,
    headers: { ...wire.headers, ...redacted },
    body: wire.body,
  };
}
