import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BackgroundReport } from '../../src/outputs/background-report.js';
import { OUTPUT_POLICY } from '../../src/outputs/output-policy.js';
import { RunOutputs } from '../../src/outputs/run-outputs.js';
import { scanRunDatasets } from '../../src/run/run-datasets.js';
import { runEval } from '../../src/run/run-eval.js';
import { repoRoot } from '../helpers/cli.js';
import { chatTarget, quietControls, testRunConfig } from '../helpers/run-config.js';
import { simulatedRunFixture } from '../run/run-fixtures.js';

const worker = join(repoRoot, 'dist', 'bin', 'report-worker.js');
const fixture = simulatedRunFixture({
  prefix: 'report-paths-',
  simulator: { latencyScale: 0, seed: 9, faults: { serverError: 0.1 } },
  rows: 60,
});

/** A run whose reports go through `BackgroundReport`, in this process or (`keepRecords` false) through the worker following the run. */
async function run(
  name: string,
  keepRecords: boolean,
): Promise<{ outDir: string; html: string | null; logs: string[] }> {
  const outDir = join(fixture.work, name);
  const logs: string[] = [];
  const outputs = new RunOutputs({
    scoring: { scorers: [], rowScorers: { cwd: fixture.work }, concurrency: 4 },
    modelOrder: ['m1', 'm2'],
    repeats: 1,
    simulated: true,
    reportRequest: (run) => ({ run }),
    log: (line) => logs.push(line),
    reports: new BackgroundReport(worker),
    // Without kept records the worker follows the run, as for a run above the in-process threshold.
    policy: keepRecords ? OUTPUT_POLICY : { ...OUTPUT_POLICY, IN_PROCESS_REPORT_ROWS: 0 },
  });
  const config = testRunConfig({
    datasets: [fixture.dataset],
    targets: ['m1', 'm2'].map((model) => chatTarget({ model, baseUrl: fixture.simulator.baseUrl })),
    outDir,
    apiKey: fixture.simulator.apiKey,
    baseUrl: fixture.simulator.baseUrl,
    retry: { ...testRunConfig({ datasets: [], targets: [], outDir, apiKey: '', baseUrl: '' }).retry, retries: 0 },
  });
  await runEval(config, quietControls(logs), outputs, await scanRunDatasets(config));
  return { outDir, html: outputs.result.reportPath, logs };
}

describe('the reports of an eval', () => {
  it('are the same written in this process from the kept records as by the worker reading results.jsonl', async () => {
    const inProcess = await run('in-process', true);
    expect(inProcess.logs.filter((line) => /fail|error/i.test(line))).toEqual([]);
    expect(inProcess.html).toBe(join(inProcess.outDir, 'report.html'));
    const copy = join(fixture.work, 'copy');
    mkdirSync(copy);
    for (const file of ['results.jsonl', 'scores.jsonl', 'run.json'])
      copyFileSync(join(inProcess.outDir, file), join(copy, file));
    const reports = new BackgroundReport(worker);
    reports.follow(copy);
    const logs: string[] = [];
    expect(await reports.write({ request: { run: copy }, held: null, log: (line) => logs.push(line) })).toEqual({
      html: join(copy, 'report.html'),
      exitCode: 0,
    });
    expect(logs).toEqual([]);
    const normalise = (text: string): string => text.replaceAll(/in-process|copy/g, 'RUN');
    for (const file of ['report.md', 'junit.xml', 'report.html']) {
      expect(normalise(readFileSync(join(copy, file), 'utf8'))).toBe(
        normalise(readFileSync(join(inProcess.outDir, file), 'utf8')),
      );
    }
    expect(readFileSync(join(copy, 'report.html'), 'utf8')).toContain('status: completed');
  });

  it('are written by the worker that followed results.jsonl while a larger run went on', async () => {
    const followed = await run('followed', false);
    expect(followed.logs.filter((line) => /fail|error/i.test(line))).toEqual([]);
    expect(followed.html).toBe(join(followed.outDir, 'report.html'));
    const junit = readFileSync(join(followed.outDir, 'junit.xml'), 'utf8');
    expect(junit.match(/<testcase /g)).toHaveLength(120);
    expect(readFileSync(join(followed.outDir, 'report.html'), 'utf8')).toContain('status: completed');
  });
});
