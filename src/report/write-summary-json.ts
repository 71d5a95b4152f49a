import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunAnalysis } from '../analysis/run-analysis.js';
import { buildSummaryJson } from '../analysis/summary-json.js';
import { outputWriteError } from '../errors.js';
import type { RunManifest } from '../results/manifest.js';

/**
 * Writes `<run>/summary.json` from the run's analysis (see docs/summary-json.md),
 * whole or not at all (temp file + rename). A failed write is an output error
 * (exit 5): results.jsonl is complete and `report` writes it again.
 */
export function writeSummaryJson(runDir: string, analysis: RunAnalysis, manifest: RunManifest | null): string {
  const path = join(runDir, 'summary.json');
  const summary = buildSummaryJson(analysis, {
    toolVersion: manifest?.tool.version ?? 'unknown',
    folder: runDir,
    status: manifest?.status ?? null,
    suites: (manifest?.suites ?? []).map(({ name, suite, version, shots, rows, licence }) => ({
      name,
      suite,
      version,
      shots,
      rows,
      licence,
    })),
  });
  const temporary = `${path}.tmp`;
  try {
    writeFileSync(temporary, `${JSON.stringify(summary, null, 2)}\n`);
    renameSync(temporary, path);
  } catch (error) {
    throw outputWriteError(path, error);
  }
  return path;
}
