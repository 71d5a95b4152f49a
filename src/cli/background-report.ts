import { spawn, type ChildProcess } from 'node:child_process';
import { setPriority } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EvalArgs } from '../config/eval-args.js';
import type { ReportArgs } from './commands/report-command.js';

/** Rows above which the HTML/markdown/JUnit reports are left to an explicit `report` command (they hold every row in memory). */
export const REPORT_ROW_LIMIT = 100_000;

/** One line on the worker's stdin: follow a run folder's results.jsonl, then write its reports. */
export type ReportWorkerMessage = { follow: string } | { report: ReportArgs };

/**
 * The process that writes report.html, report.md and junit.xml. A report
 * holds every row in memory while the runner keeps its own memory flat, so
 * it is a process of its own; it is started with the run, so its start-up
 * overlaps the requests, and it waits (see `report-worker.ts`) until the
 * run's results and scores are final.
 */
export class BackgroundReport {
  private readonly child: ChildProcess;
  private readonly exited: Promise<number | null>;
  private sent = false;

  constructor() {
    const worker = fileURLToPath(new URL('./report-worker.js', import.meta.url));
    this.child = spawn(process.execPath, [worker], { stdio: ['pipe', 'ignore', 'inherit'] });
    this.exited = new Promise((resolve) => {
      this.child.once('error', () => resolve(null));
      this.child.once('close', (code) => resolve(code));
    });
    // Lowest priority: its start-up takes only CPU the run leaves idle, and once the run
    // is over (when the reports are written) nothing else competes with it.
    if (this.child.pid !== undefined) {
      try {
        setPriority(this.child.pid, 19);
      } catch {
        // Not allowed here (some containers): it then simply runs at normal priority.
      }
    }
    // A worker that died early must not take the run down with a broken pipe.
    this.child.stdin?.on('error', () => undefined);
  }

  /** Writes the reports of the finished run; resolves with the path of report.html, or null when skipped or failed. */
  async write(options: { outDir: string; rows: number; args: EvalArgs; log: (line: string) => void }): Promise<string | null> {
    const { args, outDir } = options;
    if (options.rows > REPORT_ROW_LIMIT) {
      this.cancel();
      options.log(`Reports skipped for ${options.rows} rows (over ${REPORT_ROW_LIMIT}); run \`mixrouter-eval report ${outDir}\` to write them anyway.`);
      return null;
    }
    const request: ReportArgs = args.baseline
      ? { run: outDir, baseline: args.baseline, alpha: args.alpha, maxErrorRate: args.maxErrorRate, minScore: args.minScore, maxDrop: args.maxDrop }
      : { run: outDir };
    this.sent = true;
    this.child.stdin?.end(`${JSON.stringify({ report: request } satisfies ReportWorkerMessage)}\n`);
    const code = await this.exited;
    if (code !== 0) {
      options.log(`Writing the reports failed (exit ${String(code)}); run \`mixrouter-eval report ${outDir}\` to retry.`);
      return null;
    }
    return join(outDir, 'report.html');
  }

  /** Once results.jsonl is open for appending (its torn tail repaired), the worker may read along. */
  follow(outDir: string): void {
    if (!this.sent) this.child.stdin?.write(`${JSON.stringify({ follow: outDir } satisfies ReportWorkerMessage)}\n`);
  }

  /** Lets the worker go without a report (the run failed or wrote none); it exits on its own. */
  cancel(): void {
    if (this.sent) return;
    this.sent = true;
    this.child.stdin?.end();
  }
}
