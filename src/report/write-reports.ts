import { appendFileSync, existsSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { outputWriteError, UserError } from '../errors.js';
import type { BaselineComparison } from './html/baseline-comparison.js';
import { renderHtmlReport } from './html/render-html.js';
import type { RunAnalysis } from '../analysis/run-analysis.js';
import { type HeldRun, loadScoredRun } from '../analysis/scored-run.js';
import { renderJunit } from './render-junit.js';
import { renderMarkdown } from './render-markdown.js';
import { writeSummaryJson } from './write-summary-json.js';

/** Input of {@link writeReports}. */
export interface WriteReportsOptions {
  /** The run folder holding results.jsonl (and run.json, scores.jsonl when present). */
  runDir: string;
  /** This run against a baseline, when the caller compared them. */
  comparison?: BaselineComparison;
  /** The run's final records (and score lines) when already in memory (see `loadScoredRun`); read from the run folder otherwise. */
  held?: HeldRun;
  /** Environment to read `GITHUB_STEP_SUMMARY` from; default `process.env`. */
  env?: Record<string, string | undefined>;
}

/** Paths of the written reports, and the figures behind them. */
export interface WrittenReports {
  html: string;
  markdown: string;
  junit: string;
  /** The step summary file the Markdown was appended to, when `GITHUB_STEP_SUMMARY` was set. */
  stepSummary: string | null;
  analysis: RunAnalysis;
}

/** Writes a file whole or not at all (temp file + rename). */
function writeAtomically(path: string, text: string): void {
  const temporary = `${path}.tmp`;
  try {
    writeFileSync(temporary, text);
    renameSync(temporary, path);
  } catch (error) {
    throw outputWriteError(path, error);
  }
}

/**
 * Writes report.html, report.md, junit.xml and summary.json into the run folder from its
 * final records (and scores.jsonl when present), and appends report.md to
 * `$GITHUB_STEP_SUMMARY` when that is set. Throws a UserError (exit 2) when
 * the folder or its results.jsonl is missing.
 */
export async function writeReports(options: WriteReportsOptions): Promise<WrittenReports> {
  const { runDir, comparison } = options;
  if (!existsSync(runDir) || !statSync(runDir).isDirectory()) throw new UserError(`Run folder not found: ${runDir}`);
  if (!existsSync(join(runDir, 'results.jsonl')))
    throw new UserError(`No results.jsonl in ${runDir}: is it a run folder?`);
  const run = await loadScoredRun(runDir, options.held);
  const paths = {
    html: join(runDir, 'report.html'),
    markdown: join(runDir, 'report.md'),
    junit: join(runDir, 'junit.xml'),
  };
  const markdown = renderMarkdown({ run, comparison });
  writeAtomically(paths.html, renderHtmlReport({ run, comparison }));
  writeAtomically(paths.markdown, markdown);
  writeAtomically(paths.junit, renderJunit({ run }));
  writeSummaryJson(runDir, run.analysis, run.manifest);
  const stepSummary = (options.env ?? process.env).GITHUB_STEP_SUMMARY || null;
  if (stepSummary) appendFileSync(stepSummary, `${markdown}\n`);
  return { ...paths, stepSummary, analysis: run.analysis };
}
