import type { DatasetScan } from '../dataset/sample.js';
import type { RunConfig } from '../settings/run-config.js';
import { canonicalJson, shortHash } from '../util/hash.js';

/**
 * The fingerprint of a run: a hash of what makes its rows comparable — every dataset's
 * content hash and field mapping, the suites and their versions, the models with their
 * formats and parameters, repeats, the row limit and the scorers. Every shard of one run
 * computes the same value; the shard, the run folder, the gateway address, concurrency and
 * rate limits are left out, since they change how a run is sent, not what it answers.
 * `merge` joins only folders whose fingerprints agree.
 */
export function runFingerprint(options: {
  config: Pick<RunConfig, 'datasets' | 'suites' | 'targets' | 'repeat' | 'limit'>;
  scans: readonly DatasetScan[];
  /** What scores the rows (`--scorer`, pass mark, judge, the config's scoring section). */
  scoring: unknown;
}): string {
  const { config, scans } = options;
  const datasets = config.datasets.map((dataset, index) => ({
    sha256: scans[index]?.sha256 ?? null,
    rows: scans[index]?.rows ?? null,
    mapping: dataset.mapping,
  }));
  const suites = config.suites.map(({ suite, version, shots, subset, sha256 }) => ({
    suite,
    version,
    shots,
    subset,
    sha256,
  }));
  const models = config.targets.map((target) => ({
    name: target.name,
    model: target.modelId,
    format: target.format,
    params: target.params,
    video: target.format === 'video-task' ? target.video.params : null,
  }));
  const described = { datasets, suites, models, repeat: config.repeat, limit: config.limit ?? null };
  return shortHash(canonicalJson({ ...described, scoring: options.scoring ?? null }), 32);
}
