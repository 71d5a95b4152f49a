import { createInterface } from 'node:readline';
import { reportCommand, type ReportArgs } from './commands/report-command.js';

/**
 * The report process of `eval` (see `BackgroundReport`). Its modules load
 * while the run is still sending requests; then it waits for one JSON line
 * on stdin, the `report` command's arguments, and writes the reports. When
 * stdin closes with no line (the run wrote no reports), it exits quietly.
 */
const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  try {
    process.exitCode = await reportCommand(JSON.parse(line) as ReportArgs, { stdout: process.stdout, stderr: process.stderr });
  } catch (error) {
    process.stderr.write(`internal error while writing the reports (please report): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 70;
  }
  break;
}
lines.close();
