import { statSync } from 'node:fs';
import { readDataset, scanDataset } from '../dataset/read-dataset.js';
import type { DatasetScan, Sample } from '../dataset/sample.js';
import type { RunDataset } from '../settings/run-config.js';

/** Dataset files up to this size are mapped once, by their scan, and the run takes the samples from memory. */
const SCAN_ONCE_BYTES = 4 * 1024 * 1024;

/** A run's datasets, checked before any request: their scans, and their samples in order. */
export interface RunDatasets {
  scans: DatasetScan[];
  /** Every sample of every file, once: a small file's from its scan, a larger one streamed again. */
  samples(): AsyncGenerator<Sample>;
}

/** Scans every dataset file of a run (the first problem is thrown). */
export async function scanRunDatasets(config: { datasets: RunDataset[]; limit?: number }): Promise<RunDatasets> {
  const scans: DatasetScan[] = [];
  const kept: Array<Sample[] | null> = [];
  for (const { file, mapping } of config.datasets) {
    const samples = smallFile(file) ? [] : null;
    scans.push(await scanDataset({ file, mapping, limit: config.limit, samples: samples ?? undefined }));
    kept.push(samples);
  }
  async function* samples(): AsyncGenerator<Sample> {
    for (const [index, { mapping }] of config.datasets.entries()) {
      const held = kept[index];
      if (!held) {
        // The scan's file: a suite's may have moved into the run folder since (see relocate).
        const file = scans[index].file;
        yield* readDataset({ file, mapping, limit: config.limit, expectedRows: scans[index]?.rows });
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
  return { scans, samples };
}

function smallFile(file: string): boolean {
  try {
    return statSync(file).size <= SCAN_ONCE_BYTES;
  } catch {
    // The scan reports a missing or unreadable file with its own message.
    return false;
  }
}
