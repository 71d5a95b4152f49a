import { statSync } from 'node:fs';
import { readDataset, scanDataset } from '../dataset/read-dataset.js';
import type { DatasetScan, Sample } from '../dataset/sample.js';
import type { RunDataset, ShardSpec } from '../settings/run-config.js';
import { inShard } from './shard.js';

/** Dataset files up to this size are mapped once, by their scan, and the run takes the samples from memory. */
const SCAN_ONCE_BYTES = 4 * 1024 * 1024;

/** A run's datasets, checked before any request: their scans, and their samples in order. */
export interface RunDatasets {
  scans: DatasetScan[];
  /** Rows this process runs: every scanned row, or only its shard's (`--shard`). */
  rows: number;
  /**
   * Every sample of every file (of this process's shard) once: a small file's from its scan, a
   * larger one streamed again.
   */
  samples(): AsyncGenerator<Sample>;
}

/** Scans every dataset file of a run (the first problem is thrown). */
export async function scanRunDatasets(config: {
  datasets: RunDataset[];
  limit?: number;
  shard?: ShardSpec | null;
}): Promise<RunDatasets> {
  const { shard } = config;
  const scans: DatasetScan[] = [];
  const kept: Array<Sample[] | null> = [];
  let rows = 0;
  for (const { file, mapping } of config.datasets) {
    const samples: Sample[] | null = smallFile(file) ? [] : null;
    const scan = await scanDataset({ file, mapping, limit: config.limit, samples: samples ?? undefined });
    scans.push(scan);
    // A shard keeps only its rows: a held file is filtered now, a larger one counted in one more pass.
    kept.push(shard && samples ? samples.filter((sample) => inShard(sample.itemKey, shard)) : samples);
    if (!shard) rows += scan.rows;
    else if (samples) rows += (kept.at(-1) as Sample[]).length;
    else rows += await countShardRows({ file, mapping, limit: config.limit, expectedRows: scan.rows }, shard);
  }
  async function* samples(): AsyncGenerator<Sample> {
    for (const [index, { mapping }] of config.datasets.entries()) {
      const held = kept[index];
      if (!held) {
        // The scan's file: a suite's may have moved into the run folder since (see relocate).
        const file = scans[index].file;
        for await (const sample of readDataset({
          file,
          mapping,
          limit: config.limit,
          expectedRows: scans[index]?.rows,
        })) {
          if (inShard(sample.itemKey, shard)) yield sample;
        }
        continue;
      }
      kept[index] = null;
      // Each sample is let go once handed over, so memory falls as the run goes.
      for (let at = 0; at < held.length; at += 1) {
        const sample = held[at];
        (held as Array<Sample | undefined>)[at] = undefined;
        yield sample;
      }
    }
  }
  return { scans, rows, samples };
}

/** The rows of a streamed file that belong to `shard`. */
async function countShardRows(options: Parameters<typeof readDataset>[0], shard: ShardSpec): Promise<number> {
  let count = 0;
  for await (const sample of readDataset(options)) if (inShard(sample.itemKey, shard)) count += 1;
  return count;
}

function smallFile(file: string): boolean {
  try {
    return statSync(file).size <= SCAN_ONCE_BYTES;
  } catch {
    // The scan reports a missing or unreadable file with its own message.
    return false;
  }
}
