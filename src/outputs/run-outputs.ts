import { readManifestIfAny } from '../analysis/load-run.js';
import { type AnalysisOptions, buildAnalysis, type RunAnalysis } from '../analysis/run-analysis.js';
import { writeSummaryJson } from '../report/write-summary-json.js';
import type { RunEnd, RunSink } from '../results/run-sink.js';
import { BackgroundReport, type WrittenReports } from './background-report.js';
import { outputsFromFiles } from './file-outputs.js';
import { LiveOutputs } from './live-outputs.js';
import { OUTPUT_POLICY, type OutputPolicy, planOutputs } from './output-policy.js';
import type { RunScoring } from './run-scoring.js';
import type { ReportRequest } from './write-run-reports.js';

export type { RunScoring } from './run-scoring.js';

/** What a run's outputs are made of, besides its records. */
export interface RunOutputsOptions {
  scoring: RunScoring;
  /** Models in run order (the summary's order). */
  modelOrder: readonly string[];
  /** `--repeat`. */
  repeats: number;
  simulated: boolean;
  /** Group columns and cluster column of the run (none by default). */
  analysis?: AnalysisOptions;
  /** What the reports of a run folder compare with and gate on (`eval --baseline …`); null writes no reports. */
  reportRequest: ((outDir: string) => ReportRequest) | null;
  log: (line: string) => void;
  /** The size thresholds (tests use others to take each path). */
  policy?: OutputPolicy;
  /** Writes the reports (tests pass one with the bundled worker's path). */
  reports?: BackgroundReport;
}

/** What the outputs made of a finished run. */
export interface RunOutputsResult {
  /** The analysis of the final records: per-model summaries and pairwise comparisons. */
  analysis: RunAnalysis;
  /** report.html, or null when the reports were skipped or failed. */
  reportPath: string | null;
  /** 0, or the exit code the failed reports map to (5: a file could not be written). */
  reportsExitCode: number;
}

/**
 * The sink an `eval` run writes into: results.csv, scores.jsonl, the summary and
 * the reports. A fresh run whose scorers are synchronous builds CSV, scores and
 * summary as rows finish (`LiveOutputs`); otherwise they are made from the files
 * once the run is over. The reports are written in this process for a small fresh
 * run and by the report worker otherwise (see `output-policy.ts`).
 */
export class RunOutputs implements RunSink {
  private live: LiveOutputs | null = null;
  private readonly reports: BackgroundReport;
  private readonly policy: OutputPolicy;
  private keepItems = true;
  private outcome: RunOutputsResult | null = null;

  constructor(private readonly options: RunOutputsOptions) {
    this.reports = options.reports ?? new BackgroundReport();
    this.policy = options.policy ?? OUTPUT_POLICY;
  }

  start(info: { outDir: string; plannedRows: number; resumed: boolean }): void {
    const plan = planOutputs({ rows: info.plannedRows, fresh: !info.resumed, policy: this.policy });
    this.keepItems = plan.keepItems;
    if (!info.resumed && LiveOutputs.canScore(this.options.scoring.scorers)) {
      this.live = new LiveOutputs({
        outDir: info.outDir,
        scorers: this.options.scoring.scorers,
        threshold: this.options.scoring.rowScorers.threshold,
        modelOrder: this.options.modelOrder,
        keepItems: plan.keepItems,
        rowsPerModel: info.plannedRows / Math.max(1, this.options.modelOrder.length),
        repeats: this.options.repeats,
        keepRecords: plan.keepRecords,
      });
    }
    const keepsRecords = (this.live?.held ?? null) !== null;
    if (this.options.reportRequest && plan.reports && !keepsRecords) this.reports.follow(info.outDir);
  }

  record(record: Parameters<RunSink['record']>[0]): void {
    this.live?.add(record);
  }

  async end(info: RunEnd): Promise<void> {
    const { outDir } = info;
    const folds = this.live?.finish() ?? null;
    let analysis: RunAnalysis;
    if (folds) {
      if (!this.keepItems) {
        this.options.log(
          'Large run: the summary shows per-model totals, without pairwise comparisons; scores.jsonl has every score.',
        );
      }
      analysis = buildAnalysis(folds, { simulated: this.options.simulated, settings: this.options.analysis });
    } else {
      analysis = await outputsFromFiles({
        outDir,
        scoring: this.options.scoring,
        modelOrder: this.options.modelOrder,
        simulated: this.options.simulated,
        settings: this.options.analysis,
        keepItems: this.keepItems,
        log: this.options.log,
      });
    }
    const reports = await this.writeReports(outDir, info.rows);
    // The reports write summary.json with the rest; without them (skipped, or none asked for) it is written here.
    if (reports.html === null && reports.exitCode === 0) writeSummaryJson(outDir, analysis, readManifestIfAny(outDir));
    this.outcome = { analysis, reportPath: reports.html, reportsExitCode: reports.exitCode };
  }

  /** The reports of the finished run, unless it is too large for them (or no reports were asked for). */
  private async writeReports(outDir: string, rows: number): Promise<WrittenReports> {
    const { reportRequest, log } = this.options;
    if (!reportRequest) return { html: null, exitCode: 0 };
    const limit = this.policy.REPORT_ROW_LIMIT;
    if (rows > limit) {
      this.reports.cancel();
      log(
        `Reports skipped for ${rows} rows (over ${limit}); run \`mixrouter-eval report ${outDir}\` to write them anyway.`,
      );
      return { html: null, exitCode: 0 };
    }
    return this.reports.write({ request: reportRequest(outDir), held: this.live?.held ?? null, log });
  }

  abort(): void {
    this.live?.discard();
    this.reports.cancel();
  }

  /** Lets a report worker go when the run ended without reaching `end` (it exits on its own). */
  release(): void {
    this.reports.cancel();
  }

  /** What `end` made; throws when the run did not end. */
  get result(): RunOutputsResult {
    if (!this.outcome) throw new Error('the run has not ended: its outputs are not made');
    return this.outcome;
  }
}
