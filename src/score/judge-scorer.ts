import { DEFAULT_PASS_THRESHOLD, answerOf, expectedOf, quote } from './make-score.js';
import { DEFAULT_RUBRIC, buildJudgePrompt } from './judge-prompt.js';
import { parseVerdict } from './judge-verdict.js';
import type { JudgeUsage, Score, Scorer } from './types.js';

/** What one judge call returned: its text, its cost (null when not reported) and its token usage. */
export interface JudgeCompletion {
  text: string;
  costUsd: number | null;
  usage: JudgeUsage;
}

/**
 * Sends one prompt to the judge model. Injected by the caller (the runner
 * builds it with its own limiter and retries), so scoring never imports `run`.
 * Rejects when the request failed after its retries.
 */
export type JudgeComplete = (prompt: string) => Promise<JudgeCompletion>;

/** Options of `createJudgeScorer`. */
export interface JudgeScorerOptions {
  /** What to check; `DEFAULT_RUBRIC` when empty or absent. */
  rubric?: string;
  judgeModel: string;
  complete: JudgeComplete;
  /** Pass mark for the judge's score (default 0.5). */
  threshold?: number;
}

/**
 * An LLM-as-judge scorer. It builds a prompt from the rubric, the question,
 * the reference answer (when the row has one) and the answer, calls the
 * injected `complete`, and reads the verdict with `parseVerdict`. The judge's
 * cost and tokens go in the score's `costUsd` and `usage`, apart from the
 * evaluated model's. A failed request gives `judge-request-failed` and an
 * unreadable reply `judge-unparsable`: a null value, never a made-up score.
 */
export function createJudgeScorer(options: JudgeScorerOptions): Scorer {
  const rubric = options.rubric?.trim() ? options.rubric : DEFAULT_RUBRIC;
  const threshold = options.threshold ?? DEFAULT_PASS_THRESHOLD;
  const name = 'judge';
  return async ({ record }): Promise<Score> => {
    const prompt = buildJudgePrompt({
      rubric,
      input: record.input,
      expected: expectedOf(record),
      answer: answerOf(record),
    });
    let completion: JudgeCompletion;
    try {
      completion = await options.complete(prompt);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return {
        name,
        value: null,
        passed: null,
        detail: `judge ${options.judgeModel} request failed`,
        error: { kind: 'judge-request-failed', message },
        costUsd: null,
        usage: { input: null, output: null },
      };
    }
    const cost = {
      costUsd: completion.costUsd,
      usage: { input: completion.usage.input, output: completion.usage.output },
    };
    const verdict = parseVerdict(completion.text);
    if (verdict === null) {
      return {
        name,
        value: null,
        passed: null,
        detail: `judge ${options.judgeModel} replied ${quote(completion.text, 200)}`,
        error: { kind: 'judge-unparsable', message: 'no score or verdict could be read from the judge reply' },
        ...cost,
      };
    }
    const reason = verdict.reason ? `: ${quote(verdict.reason, 200)}` : '';
    return {
      name,
      value: verdict.value,
      passed: verdict.value >= threshold,
      detail: `judge ${options.judgeModel} gave ${Number(verdict.value.toFixed(4))} (${verdict.form})${reason}`,
      ...cost,
    };
  };
}
