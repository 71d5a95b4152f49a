import { spawn, type ChildProcess } from 'node:child_process';
import { setPriority } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UserError } from '../errors.js';
import type { HeldRun } from '../analysis/scored-run.js';
import type { ReportRequest } from './write-run-reports.js';

/** Where report.html was written (null when the reports failed), and the exit code of writing them. */
export interface WrittenReports {
  html: string | null;
  /** 0, or the code the failure maps to (5 when a file could not be written, 70 for a bug). */
  exitCode: number;
}

/** One line on the worker's stdin: follow a run folder's results.jsonl, then write its reports. */
export type ReportWorkerMessage = { follow: string } | { report: ReportRequest };

/**
 * Writes report.html, report.md and junit.xml at the end of an eval. A
 * small fresh run hands over its final records and the reports are written
 * here. Otherwise a report holds every row in memory while the runner keeps
 * its own memory flat, so a process of its own writes them: started when
 * results.jsonl opens, at the lowest CPU priority, it follows the file along
 * with the run (see `report-worker.ts`) and writes once told the run is over.
 */
export class BackgroundReport {
  /** `worker`: the report worker script; by default the one beside this module (in dist/bin/, the bundle's). */
  constructor(private readonly worker = fileURLToPath(new URL('./report-worker.js', import.meta.url))) {}

  private child: ChildProcess | null = null;
  private exited: Promise<number | null> = Promise.resolve(null);
  private sent = false;

  /** Once results.jsonl is open for appending (its torn tail cut): starts the worker, which follows the file. */
  follow(outDir: string): void {
    if (this.child) return;
    this.start().stdin?.write(`${JSON.stringify({ follow: outDir } satisfies ReportWorkerMessage)}\n`);
  }

  /** Writes the reports of the finished run; resolves with the path of report.html, or null when skipped or failed. */
  async write(options: {
    request: ReportRequest;
    held: HeldRun | null;
    log: (line: string) => void;
  }): Promise<WrittenReports> {
    const { request } = options;
    const outDir = request.run;
    let code: number | null;
    if (options.held && !this.child) {
      this.sent = true;
      try {
        // Loaded only now: the report modules are not needed before the run ends.
        const { writeRunReports } = await import('./write-run-reports.js');
        await writeRunReports(request, options.held);
        code = 0;
      } catch (error) {
        if (error instanceof UserError) {
          options.log(`error: ${error.message}`);
          code = error.exitCode;
        } else {
          // The run and its results are fine; only the reports failed, as when the worker fails.
          options.log(
            `internal error while writing the reports (please report): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
          );
          code = 70;
        }
      }
    } else {
      const child = this.child ?? this.start();
      this.sent = true;
      child.stdin?.end(`${JSON.stringify({ report: request } satisfies ReportWorkerMessage)}\n`);
      code = await this.exited;
    }
    if (code !== 0) {
      options.log(
        `Writing the reports failed (exit ${String(code)}); run \`mixrouter-eval report ${outDir}\` to retry.`,
      );
      return { html: null, exitCode: code ?? 70 };
    }
    return { html: join(outDir, 'report.html'), exitCode: 0 };
  }

  /** Lets a started worker go without a report (the run failed or wrote none); it exits on its own. */
  cancel(): void {
    if (this.sent) return;
    this.sent = true;
    this.child?.stdin?.end();
  }

  private start(): ChildProcess {
    const child = spawn(process.execPath, [this.worker], { stdio: ['pipe', 'ignore', 'inherit'] });
    this.child = child;
    this.exited = new Promise((resolve) => {
      child.once('error', () => resolve(null));
      child.once('close', (code) => resolve(code));
    });
    // Lowest priority: while the run goes on it takes only CPU the run leaves idle.
    if (child.pid !== undefined) {
      try {
        setPriority(child.pid, 19);
      } catch {
        // Not allowed here (some containers): it then simply runs at normal priority.
      }
    }
    // A worker that died early must not take the run down with a broken pipe.
    child.stdin?.on('error', () => undefined);
    return child;
  }
}
