import { createWriteStream, renameSync, rmSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { ModelData } from '../report/model-data.js';
import { rowScoreFromLine, UNSCORED } from '../report/row-score.js';
import type { ResultRecord } from '../results/result-record.js';
import { ResultsCsvWriter } from '../results/write-csv.js';
import { autoScorer } from '../score/auto-score.js';
import { scoreRecord } from '../score/score-run.js';
import { nameScorer, type ScorerSpecOptions } from '../score/scorer-spec.js';
import type { NamedScorer } from '../score/types.js';

/**
 * Scorers that can run on each record as it finishes: local ones. A judge
 * (network) or a custom module (unknown cost) is left to the pass after the run.
 */
export function scoresInline(scorers: NamedScorer[]): boolean {
  return scorers.every((scorer) => !scorer.name.startsWith('judge') && !scorer.name.startsWith('custom'));
}

/**
 * For a fresh run, the work that would otherwise re-read results.jsonl after
 * the run is done on each record as it finishes, while the run waits on the
 * network: its results.csv row, its scores.jsonl line and its fold into the
 * summary. A record whose dataset row names its own scorer switches scoring
 * and the summary back to the passes after the run (the CSV stays valid).
 */
export class InlineResults {
  private readonly csv: ResultsCsvWriter;
  private readonly scoresTemporary: string;
  private readonly scoresOut: WriteStream;
  private readonly scorers: NamedScorer[];
  readonly models = new Map<string, ModelData>();
  private chain: Promise<void> = Promise.resolve();
  private failure: unknown = null;
  /** False once a record needs a scorer only the pass after the run can resolve. */
  scoring = true;

  constructor(
    private readonly options: { outDir: string; scorers: NamedScorer[]; rowScorers: ScorerSpecOptions; keepItems: boolean; modelOrder: string[] },
  ) {
    this.scoring = scoresInline(options.scorers);
    this.csv = new ResultsCsvWriter(join(options.outDir, 'results.csv'));
    this.scoresTemporary = join(options.outDir, 'scores.jsonl.tmp');
    this.scoresOut = createWriteStream(this.scoresTemporary, { encoding: 'utf8' });
    this.scoresOut.on('error', (error) => (this.failure ??= error));
    this.scorers = options.scorers.length > 0 ? options.scorers : [nameScorer({ name: 'auto', scorer: autoScorer, threshold: options.rowScorers.threshold })];
    for (const model of options.modelOrder) this.models.set(model, new ModelData(model, options.keepItems));
  }

  /** Takes one finished record; the work is chained so lines stay in order and memory stays flat. */
  add(record: ResultRecord): void {
    if (record.scorer) this.scoring = false;
    this.chain = this.chain.then(async () => {
      await this.csv.write(record);
      if (!this.scoring) return;
      const line = await scoreRecord(record, this.scorers);
      this.scoresOut.write(`${JSON.stringify(line)}\n`);
      let data = this.models.get(record.model);
      if (!data) {
        data = new ModelData(record.model, this.options.keepItems);
        this.models.set(record.model, data);
      }
      data.add(record, record.status === 'ok' ? rowScoreFromLine(line) : UNSCORED);
    }).catch((error: unknown) => {
      this.failure ??= error;
    });
  }

  /**
   * Finishes results.csv and, when scoring stayed inline, moves scores.jsonl
   * into place. Returns whether the scores and the summary are complete.
   */
  async finish(): Promise<boolean> {
    await this.chain;
    await this.csv.close();
    this.scoresOut.end();
    await once(this.scoresOut, 'finish');
    if (this.failure !== null) throw this.failure;
    if (!this.scoring) {
      rmSync(this.scoresTemporary, { force: true });
      return false;
    }
    renameSync(this.scoresTemporary, join(this.options.outDir, 'scores.jsonl'));
    return true;
  }
}
