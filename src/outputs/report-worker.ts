import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { UserError } from '../errors.js';
import { ResultsFollower } from '../results/follow-results.js';
import { inertText } from '../util/terminal-text.js';
import type { ReportWorkerMessage } from './background-report.js';
import { OUTPUT_POLICY } from './output-policy.js';
import { writeRunReports } from './write-run-reports.js';

/**
 * The report process of `eval` (see `BackgroundReport`). Its modules load
 * while the run sends its first requests. Told to follow a run folder, it
 * reads results.jsonl as lines are appended (at the lowest priority, so
 * with CPU the run leaves idle), and told to report, it writes the reports
 * from what it already read. When stdin closes first, it exits quietly.
 */
const FOLLOW_INTERVAL_MS = 100;
let follower: ResultsFollower | null = null;
let timer: NodeJS.Timeout | null = null;

async function handle(message: ReportWorkerMessage): Promise<boolean> {
  if ('follow' in message) {
    follower = new ResultsFollower(join(message.follow, 'results.jsonl'), OUTPUT_POLICY.REPORT_ROW_LIMIT);
    timer = setInterval(() => follower?.poll(), FOLLOW_INTERVAL_MS);
    return false;
  }
  if (timer) clearInterval(timer);
  let held: { records: ReturnType<ResultsFollower['records']> } | undefined;
  if (follower && !follower.overflowed && follower.path === join(message.report.run, 'results.jsonl')) {
    follower.poll();
    held = follower.overflowed ? undefined : { records: follower.records() };
    follower.close();
  }
  try {
    await writeRunReports(message.report, held);
    process.exitCode = 0;
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    process.stderr.write(`error: ${inertText(error.message)}\n`);
    process.exitCode = error.exitCode;
  }
  return true;
}

const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  if (line.trim() === '') continue;
  try {
    if (await handle(JSON.parse(line) as ReportWorkerMessage)) break;
  } catch (error) {
    process.stderr.write(
      `internal error while writing the reports (please report): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 70;
    break;
  }
}
if (timer) clearInterval(timer);
lines.close();
