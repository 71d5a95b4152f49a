import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  unlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { createHash } from 'node:crypto';
import { ConfigError } from '../errors.js';
import type { EvalArgs } from '../config/eval-args.js';
import type { RunDatasets } from '../run/run-datasets.js';
import type { RunConfig } from '../settings/run-config.js';
import type { MaterializedSuite } from '../suites/index.js';

/** The suite a run takes when it names neither a dataset nor a suite. */
export const DEFAULT_SUITE = 'default';

/** The suites of a run, materialized into a temporary folder until the run folder is ready. */
export interface RunSuites {
  suites: MaterializedSuite[];
  /** True when the run named no dataset and no suite and so runs the default suite. */
  byDefault: boolean;
  /** Removes the temporary folder (what was moved into the run folder stays there). */
  dispose(): void;
}

/** The suite specs a run asks for: `--suite`, or the default suite when there is no `--dataset` either. */
export function suiteSpecs(args: Pick<EvalArgs, 'suite' | 'dataset'>): { specs: string[]; byDefault: boolean } {
  const given = [args.suite ?? []].flat().filter((spec) => spec.trim() !== '');
  if (given.length > 0) return { specs: [...new Set(given)], byDefault: false };
  if ((args.dataset ?? []).length > 0) return { specs: [], byDefault: false };
  return { specs: [DEFAULT_SUITE], byDefault: true };
}

/**
 * Writes every suite a run asks for as a JSONL dataset in a temporary folder:
 * every suite problem (unknown name, bad file, too many shots) is found before
 * anything is created in the run folder or sent.
 */
export async function materializeRunSuites(args: Pick<EvalArgs, 'suite' | 'dataset' | 'shots'>): Promise<RunSuites> {
  const { specs, byDefault } = suiteSpecs(args);
  if (specs.length === 0) return { suites: [], byDefault, dispose: () => undefined };
  // Loaded only when a suite is asked for: zod and yaml stay out of a plain dataset run's start-up.
  const { materializeSuite } = await import('../suites/index.js');
  const folder = mkdtempSync(join(tmpdir(), 'mixrouter-eval-suites-'));
  const dispose = (): void => rmSync(folder, { recursive: true, force: true });
  try {
    const suites: MaterializedSuite[] = [];
    for (const spec of specs) {
      const suite = await materializeSuite({ spec, shots: args.shots, folder });
      if (suites.some((earlier) => basename(earlier.file) === basename(suite.file))) {
        throw new ConfigError(
          `--suite ${spec}: asked for twice (as ${suites.map((s) => s.name).join(', ')}). Give it once.`,
        );
      }
      suites.push(suite);
    }
    return { suites, byDefault, dispose };
  } catch (error) {
    dispose();
    throw error;
  }
}

/**
 * Moves each materialized suite into `<run>/suites/`, so the run folder keeps the
 * exact prompts it asked, and points the run's datasets, scans and suites at the
 * moved files. A resumed run's file must be the same as before: a suite that now
 * materializes differently (another version of the tool or of the suite file)
 * would ask other questions, so the resume is refused.
 */
export function moveSuitesIntoRun(options: { suites: RunSuites; config: RunConfig; datasets: RunDatasets }): void {
  const { config, datasets } = options;
  if (options.suites.suites.length === 0) return;
  const folder = join(config.outDir, 'suites');
  mkdirSync(folder, { recursive: true });
  for (const suite of options.suites.suites) {
    const target = join(folder, basename(suite.file));
    if (existsSync(target)) {
      const before = createHash('sha256').update(readFileSync(target)).digest('hex');
      if (before !== suite.sha256) {
        throw new ConfigError(
          `--suite ${suite.name}: ${target} differs from what the suite gives now (the suite or the tool changed since the run started). ` +
            'Its finished rows were asked differently; start a new run folder with --out.',
        );
      }
    }
    moveFile(suite.file, target);
    for (const dataset of config.datasets) if (dataset.file === suite.file) dataset.file = target;
    for (const scan of datasets.scans) if (scan.file === suite.file) scan.file = target;
    for (const entry of config.suites) if (entry.file === suite.file) entry.file = target;
    suite.file = target;
  }
}

function moveFile(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch (error) {
    // Another filesystem: copy, then remove the original.
    if ((error as { code?: string }).code !== 'EXDEV') throw error;
    copyFileSync(from, to);
    unlinkSync(from);
  }
}

/** `, 5-shot`, `, 5-shot (100 items zero-shot)` or nothing for a zero-shot suite. */
function shotsText(suite: MaterializedSuite): string {
  if (suite.shots === 0) return '';
  const zeroShot = suite.zeroShotRows > 0 ? ` (${suite.zeroShotRows.toLocaleString('en-US')} items zero-shot)` : '';
  return `, ${suite.shots}-shot${zeroShot}`;
}

/** What the run starts by saying about its suites: what each is, and how to run the full ones. */
export function describeSuites(suites: RunSuites): string[] {
  const lines = suites.suites.map(
    (suite) =>
      `Suite ${suite.name} (${suite.suite} v${suite.version}): ${suite.rows.toLocaleString('en-US')} items` +
      `${shotsText(suite)}; licence ${suite.licence}.`,
  );
  if (suites.byDefault) {
    lines.unshift(
      'No --dataset or --suite given: running the built-in default suite, a fixed sample of ' +
        '100 GSM8K problems and 2 CMMLU questions from each of the 67 subjects.',
    );
  }
  return lines;
}

/** The closing hint of a default-suite run: how to run the full suites. */
export const FULL_SUITES_HINT =
  'This was the default sample. The full suites: --suite gsm8k (1,319 problems) and --suite cmmlu ' +
  '(11,582 questions in 67 subjects, 5-shot); subsets such as --suite cmmlu:stem; `mixrouter-eval suites` lists them.';
