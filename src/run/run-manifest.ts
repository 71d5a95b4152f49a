import type { DatasetScan } from '../dataset/sample.js';
import type { RunManifest } from '../results/manifest.js';
import { readResults } from '../results/read-results.js';
import type { RunConfig } from '../settings/run-config.js';
import { KeySet } from '../util/key-set.js';
import { effectiveRequest } from './effective-request.js';
import type { PendingVideo } from './video/run-video-job.js';

/**
 * What an earlier run of this folder left: keys already finished (errors
 * too, unless they are to be redone), and video tasks whose last line is
 * still `pending`, to be polled rather than submitted again.
 */
export async function readEarlierRun(
  path: string,
  retryErrors: boolean,
): Promise<{ done: KeySet; pending: Map<string, PendingVideo> }> {
  const done = new KeySet();
  const pending = new Map<string, PendingVideo>();
  for await (const record of readResults(path)) {
    if (record.status === 'pending') {
      if (record.video)
        pending.set(record.key, { handle: record.video.handle, submitted_at: record.video.submitted_at });
      continue;
    }
    pending.delete(record.key);
    if (record.status === 'ok' || !retryErrors) done.add(record.key);
  }
  return { done, pending };
}

export function event(type: string, detail: string): RunManifest['events'][number] {
  return { at: new Date().toISOString(), type, detail };
}

export function startManifest(config: RunConfig, scans: DatasetScan[], planned: number): RunManifest {
  return {
    tool: { name: 'mixrouter-eval', version: config.toolVersion },
    simulated: config.simulated,
    argv: config.argv,
    settings: config.settings,
    datasets: scans.map((scan) => ({ path: scan.file, sha256: scan.sha256, rows: scan.rows, format: scan.format })),
    suites: config.suites.map((suite) => ({
      name: suite.name,
      suite: suite.suite,
      version: suite.version,
      shots: suite.shots,
      subset: suite.subset,
      rows: suite.rows,
      file: suite.file,
      sha256: suite.sha256,
      licence: suite.licence,
    })),
    analysis: { group_by: config.analysis.groupBy, cluster_by: config.analysis.clusterBy },
    ...(config.shard ? { shard: { index: config.shard.index, count: config.shard.count } } : {}),
    ...(config.fingerprint ? { fingerprint: config.fingerprint } : {}),
    base_url: config.baseUrl,
    models: config.targets.map((target) => ({
      name: target.name,
      model_id: target.modelId,
      format: target.format,
      vendor: target.vendor,
      base_url: target.endpoint.baseUrl,
      params: target.params,
      effective: effectiveRequest(target),
    })),
    status: 'running',
    started_at: new Date().toISOString(),
    ended_at: null,
    counts: { planned: planned * config.targets.length, already_done: 0, written: 0, ok: 0, errors: 0 },
    events: [],
  };
}

/** A warning naming the ids a dataset repeats, with the lines of each pair; null when every id is unique. */
export function repeatedIdsWarning(scan: DatasetScan): string | null {
  const { examples, count } = scan.repeatedIds;
  if (count === 0) return null;
  const listed = examples.map(({ id, firstLine, line }) =>
    firstLine === null ? `'${id}' again on line ${line}` : `'${id}' on lines ${firstLine} and ${line}`,
  );
  const more = count > examples.length ? `, and ${count - examples.length} more` : '';
  return (
    `warning: ${scan.file}: ${count} row(s) repeat an id: ${listed.join('; ')}${more}. ` +
    'Rows are still told apart by their content, but reports and junit.xml show ids; give each row its own.'
  );
}
