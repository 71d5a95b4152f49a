import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ExitCode, UserError } from '../errors.js';
import { KeySet } from '../util/key-set.js';
import { ResultsWriter } from './append-results.js';
import { latestRecords } from './latest-records.js';
import { readManifest, type RunManifest } from './manifest.js';

/** One shard's run folder, as `merge` found it. */
export interface ShardFolder {
  folder: string;
  manifest: RunManifest;
  index: number;
  count: number;
  fingerprint: string;
}

/** The shards to merge, checked: one run, each shard once, and which are missing. */
export interface ShardSet {
  shards: ShardFolder[];
  count: number;
  fingerprint: string;
  /** Shard indices no folder holds (only with `allowMissing`). */
  missing: number[];
}

function readShard(folder: string): ShardFolder {
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    throw new UserError(`merge: ${folder} is not a folder. Give the run folders the shards wrote.`);
  }
  if (!existsSync(join(folder, 'run.json'))) {
    throw new UserError(`merge: ${folder} has no run.json, so it is no run folder of mixrouter-eval.`);
  }
  let manifest: RunManifest;
  try {
    manifest = readManifest(folder);
  } catch (error) {
    throw new UserError(`merge: ${folder}/run.json cannot be read (${(error as Error).message}).`);
  }
  if (!manifest.shard || !manifest.fingerprint) {
    throw new UserError(
      `merge: ${folder} is not a shard: its run.json has no ${manifest.shard ? 'fingerprint' : 'shard'}. ` +
        'Merge the folders of `eval --shard i/n` runs (made by this version or later).',
      ExitCode.mergeMismatch,
    );
  }
  const { index, count } = manifest.shard;
  return { folder, manifest, index, count, fingerprint: manifest.fingerprint };
}

/**
 * Reads and checks the folders of a sharded run: each must be a shard with the same
 * fingerprint and shard count as the first (exit 7), hold a shard no other folder holds
 * (exit 8), and together they must cover every shard 0..n-1 (exit 9) unless `allowMissing`.
 * Every message names the folder it is about.
 */
export function checkShardFolders(folders: readonly string[], allowMissing: boolean): ShardSet {
  if (folders.length === 0) throw new UserError('merge: name the shard folders to merge, e.g. merge out/shard-*');
  const shards = folders.map(readShard);
  const first = shards[0];
  const byIndex = new Map<number, ShardFolder>();
  for (const shard of shards) {
    if (shard.fingerprint !== first.fingerprint) {
      throw new UserError(
        `merge: ${shard.folder} belongs to another run than ${first.folder}: fingerprint ${shard.fingerprint} against ${first.fingerprint} ` +
          '(datasets, suites, models, parameters or scorers differ). Merge only the shards of one run.',
        ExitCode.mergeMismatch,
      );
    }
    if (shard.count !== first.count) {
      throw new UserError(
        `merge: ${shard.folder} is shard ${shard.index}/${shard.count}, but ${first.folder} is shard ${first.index}/${first.count}: ` +
          'a run is split one way only. Merge shards of the same count.',
        ExitCode.mergeMismatch,
      );
    }
    const earlier = byIndex.get(shard.index);
    if (earlier) {
      throw new UserError(
        `merge: ${shard.folder} and ${earlier.folder} both hold shard ${shard.index}/${shard.count}. Give each shard once.`,
        ExitCode.mergeOverlap,
      );
    }
    byIndex.set(shard.index, shard);
  }
  const missing = [...Array(first.count).keys()].filter((index) => !byIndex.has(index));
  if (missing.length > 0 && !allowMissing) {
    throw new UserError(
      `merge: shard(s) ${missing.map((index) => `${index}/${first.count}`).join(', ')} missing: the folders given hold ` +
        `${shards.length} of ${first.count} shards. Run the missing shards (or wait for them), or merge what exists with --allow-missing.`,
      ExitCode.mergeIncomplete,
    );
  }
  const sorted = [...byIndex.values()].sort((left, right) => left.index - right.index);
  return { shards: sorted, count: first.count, fingerprint: first.fingerprint, missing };
}

/**
 * Writes the final record of every key of every shard into `path` (a new results.jsonl),
 * shard by shard. A key in two shards is refused (exit 8) naming both folders: the same
 * rows were run twice, and one of the answers would silently win. Returns the counts.
 */
export async function mergeShardRecords(
  shards: readonly ShardFolder[],
  path: string,
): Promise<{ rows: number; ok: number; errors: number }> {
  const seen = shards.map(() => new KeySet());
  const writer = new ResultsWriter(path);
  const counts = { rows: 0, ok: 0, errors: 0 };
  try {
    for (const [position, shard] of shards.entries()) {
      for await (const record of latestRecords(join(shard.folder, 'results.jsonl'))) {
        const other = shards.findIndex((_, at) => at < position && seen[at].has(record.key));
        if (other >= 0) {
          throw new UserError(
            `merge: key ${record.key} (item ${record.item}, model ${record.model}) is in both ${shards[other].folder} and ${shard.folder}: ` +
              'the same rows were run in two shards. Merge only folders of one sharded run, each shard once.',
            ExitCode.mergeOverlap,
          );
        }
        seen[position].add(record.key);
        writer.append(record);
        counts.rows += 1;
        counts[record.status === 'ok' ? 'ok' : 'errors'] += 1;
      }
    }
  } finally {
    writer.close();
  }
  return counts;
}

/**
 * The run.json of a merged folder: the first shard's description of the run (datasets, suites,
 * models, settings without the shard), the common fingerprint, the shards merged and missing,
 * and counts over the merged rows.
 */
export function mergedManifest(options: {
  set: ShardSet;
  counts: { rows: number; ok: number; errors: number };
  argv: string[];
}): RunManifest {
  const { set, counts } = options;
  const { shard: _shard, rate_limits: _rates, cpu_ms: _cpu, peak_rss_mb: _rss, ...first } = set.shards[0].manifest;
  const args = { ...((first.settings as { args?: Record<string, unknown> }).args ?? {}) };
  delete args.shard;
  const unfinished = set.shards.find((shard) => shard.manifest.status !== 'completed');
  const starts = set.shards.map((shard) => shard.manifest.started_at).sort();
  const ends = set.shards.map((shard) => shard.manifest.ended_at ?? '').sort();
  const planned = set.shards.reduce((sum, shard) => sum + shard.manifest.counts.planned, 0);
  const spent = set.shards.reduce((sum, shard) => sum + (shard.manifest.spent_usd ?? 0), 0);
  const missing = set.missing.map((index) => `${index}/${set.count}`).join(', ');
  return {
    ...first,
    argv: options.argv,
    settings: { ...first.settings, args },
    fingerprint: set.fingerprint,
    merged: {
      count: set.count,
      shards: set.shards.map((shard) => ({
        index: shard.index,
        folder: shard.folder,
        status: shard.manifest.status,
        rows: shard.manifest.counts.written + shard.manifest.counts.already_done,
      })),
      missing: set.missing,
    },
    status: unfinished ? unfinished.manifest.status : set.missing.length > 0 ? 'interrupted' : 'completed',
    started_at: starts[0] ?? first.started_at,
    ended_at: ends.at(-1) || null,
    counts: { planned, already_done: 0, written: counts.rows, ok: counts.ok, errors: counts.errors },
    events: [
      {
        at: new Date().toISOString(),
        type: 'merge',
        detail:
          `${set.shards.length} of ${set.count} shards merged (${counts.rows} rows)` +
          (missing ? `; missing: ${missing}` : ''),
      },
    ],
    spent_usd: Math.round(spent * 1e6) / 1e6,
  };
}
