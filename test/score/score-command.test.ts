import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { scoreCommand } from '../../src/cli/commands/score-command.js';
import { ConfigError, ExitCode, UserError } from '../../src/errors.js';
import type { JudgeComplete } from '../../src/score/judge-scorer.js';
import type { ScoreLine } from '../../src/score/types.js';
import { makeRecord } from './helpers.js';

let cwd: string;

beforeEach(() => {
  cwd = mkdtempSync(path.join(tmpdir(), 'score-command-'));
});

afterEach(() => {
  rmSync(cwd, { recursive: true, force: true });
});

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { stdout: { write: (text: string) => out.push(text) }, stderr: { write: (text: string) => err.push(text) } },
    out,
    err,
  };
}

function makeRun(name: string): string {
  const folder = path.join(cwd, name);
  const records = [
    makeRecord({ key: '1000000000000000aaaa', item: 'item-1', model: 'model-a', answer: '答案：B', expected: 'B' }),
    makeRecord({ key: '2000000000000000aaaa', item: 'item-2', model: 'model-a', answer: '答案：C', expected: 'B' }),
    makeRecord({ key: '3000000000000000aaaa', item: 'item-3', model: 'model-a', answer: 'B', expected: 'B' }),
    makeRecord({ key: '4000000000000000bbbb', item: 'item-4', model: 'model-b', answer: 'B', expected: 'B' }),
    makeRecord({
      key: '5000000000000000bbbb',
      item: 'item-5',
      model: 'model-b',
      status: 'error',
      answer: null,
      error: { kind: 'timeout', message: 'timed out', status: null, code: null },
    }),
  ];
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder);
  writeFileSync(path.join(folder, 'results.jsonl'), records.map((record) => `${JSON.stringify(record)}\n`).join(''));
  return folder;
}

describe('scoreCommand', () => {
  it('re-scores a run folder and prints a per-model pass-rate table', async () => {
    const folder = makeRun('run-1');
    const before = readFileSync(path.join(folder, 'results.jsonl'));
    const { io, out } = capture();
    const code = await scoreCommand({ run: 'run-1', scorer: ['choice'] }, io, { cwd });
    expect(code).toBe(ExitCode.ok);
    expect(readFileSync(path.join(folder, 'results.jsonl'))).toEqual(before);
    const text = out.join('');
    expect(text).toContain('Scored 5 rows with choice.');
    const table = text.split('\n').filter((line) => /^model-[ab] /.test(line));
    expect(table[0]).toMatch(/^model-a\s+3\s+3\s+2\s+66\.7% \[20\.8, 93\.9\]\s+0\s+0\s+0\s+-$/);
    expect(table[1]).toMatch(/^model-b\s+2\s+1\s+1\s+100\.0% \[20\.7, 100\.0\]\s+0\s+1\s+0\s+-$/);
    expect(text).toContain(`Scores: ${path.join(folder, 'scores.jsonl')}`);
    const lines = readFileSync(path.join(folder, 'scores.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as ScoreLine);
    expect(lines.map((line) => line.passed)).toEqual([true, false, true, true, null]);
  });

  it('calls only the judge, with the rubric from a file, and prints the judge cost', async () => {
    makeRun('run-2');
    writeFileSync(path.join(cwd, 'rubric.md'), 'Only the letter matters.');
    const prompts: string[] = [];
    const models: string[] = [];
    const createJudgeComplete = (model: string): JudgeComplete => {
      models.push(model);
      return async (prompt) => {
        prompts.push(prompt);
        return { text: prompt.includes('答案：C') ? 'FAIL' : 'PASS', costUsd: 0.001, usage: { input: 10, output: 1 } };
      };
    };
    const { io, out, err } = capture();
    await scoreCommand(
      { run: 'run-2', scorer: ['judge'], judgeModel: 'judge-1', rubric: '@rubric.md', passThreshold: 0.9 },
      io,
      { cwd, createJudgeComplete },
    );
    expect(models).toEqual(['judge-1']);
    expect(prompts).toHaveLength(4);
    expect(prompts.every((prompt) => prompt.includes('Only the letter matters.'))).toBe(true);
    expect(out.join('')).toContain("Judge cost (apart from the models' own cost): $0.0040");
    expect(out.join('')).toMatch(/model-a\s+3\s+3\s+2\s+66\.7% \[20\.8, 93\.9\]\s+0\s+0\s+0\s+\$0\.0030/);
    expect(err.join('')).toBe('');
  });

  it('warns when some scores could not be computed', async () => {
    makeRun('run-3');
    const createJudgeComplete = (): JudgeComplete => async () => {
      throw new Error('judge unreachable');
    };
    const { io, err } = capture();
    expect(await scoreCommand({ run: 'run-3', scorer: ['judge:j'] }, io, { cwd, createJudgeComplete })).toBe(
      ExitCode.ok,
    );
    expect(err.join('')).toContain('warning: 4 score(s) could not be computed');
  });

  it('uses the config scoring section when no --scorer is given', async () => {
    makeRun('run-4');
    const { io, out } = capture();
    await scoreCommand({ run: 'run-4', scoring: { scorers: ['exact'] } }, io, { cwd });
    expect(out.join('')).toContain('Scored 5 rows with exact.');
  });

  it('rejects a missing folder or results file with exit code 2, naming the folder', async () => {
    const { io } = capture();
    const missing = scoreCommand({ run: 'results/nope' }, io, { cwd });
    await expect(missing).rejects.toThrow(new UserError('run folder results/nope does not exist'));
    await expect(missing).rejects.toMatchObject({ exitCode: ExitCode.badInput });
    mkdirSync(path.join(cwd, 'empty'));
    await expect(scoreCommand({ run: 'empty' }, io, { cwd })).rejects.toThrow(
      'run folder empty has no results.jsonl to score',
    );
  });

  it('rejects bad scorer flags before scoring anything', async () => {
    makeRun('run-5');
    const { io } = capture();
    await expect(scoreCommand({ run: 'run-5', scorer: ['judge:j'] }, io, { cwd })).rejects.toThrow(ConfigError);
    await expect(scoreCommand({ run: 'run-5', rubric: '@absent.md' }, io, { cwd })).rejects.toThrow(
      /^--rubric @absent\.md: cannot read absent\.md/,
    );
    await expect(scoreCommand({ run: 'run-5', passThreshold: 3 }, io, { cwd })).rejects.toThrow(
      /^--pass-threshold must be/,
    );
  });
});
