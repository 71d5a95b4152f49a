import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateExpression, findArithmetic } from '../../src/simulator/answer/arithmetic.js';
import { answersCorrectly } from '../../src/simulator/answer/correctness.js';
import { composeAnswer } from '../../src/simulator/answer/engine.js';
import { KnowledgeBase, parseKnownAnswer } from '../../src/simulator/answer/knowledge.js';
import { startSimulator, type SimulatorHandle } from '../../src/simulator/server.js';
import { countPromptTokens, countTokens, truncateToTokens } from '../../src/simulator/tokens.js';
import { chat } from './sim-http.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const gsm8kFile = path.resolve(repoRoot, '..', 'shared', 'datasets', 'gsm8k', 'test.jsonl');
const cmmluFile = path.resolve(repoRoot, '..', 'shared', 'datasets', 'cmmlu', 'test', 'anatomy.csv');
const haveDatasets = existsSync(gsm8kFile) && existsSync(cmmluFile);
if (!haveDatasets) console.log('shared datasets not found next to the repository; skipping dataset knowledge tests');

describe('arithmetic', () => {
  it.each([
    ['17 + 25', 42],
    ['12*(3+4)', 84],
    ['2.5 x 4', 10],
    ['9 ÷ 3 × 2', 6],
    ['-(2 - 5) * 3', 9],
    ['0.1 + 0.2', 0.30000000000000004],
    ['1 - 2 - 3', -4],
  ])('evaluates %s', (expression, value) => {
    expect(evaluateExpression(expression)).toBe(value);
  });

  it.each(['1 / 0', '2 +', '(3', 'abc', '2 ** 3'])('refuses %s', (expression) => {
    expect(evaluateExpression(expression)).toBeNull();
  });

  it('finds the question in a prompt and the 1+2+...+n series', () => {
    expect(findArithmetic('What is 17 + 25?')).toEqual({ expression: '17 + 25', value: 42 });
    expect(findArithmetic('12*(3+4)=?')?.value).toBe(84);
    expect(findArithmetic('1+2+3+。。。。+100=?是不是素数?')?.value).toBe(5050);
    expect(findArithmetic('Tell me about 1999.')).toBeNull();
  });
});

describe('tokens', () => {
  it('counts one token per CJK character and one per four other characters', () => {
    expect(countTokens('abcd')).toBe(1);
    expect(countTokens('abcde')).toBe(2);
    expect(countTokens('你好')).toBe(2);
    expect(countPromptTokens([{ text: 'abcd', mediaParts: 0 }])).toBe(1 + 4 + 3);
    const cut = truncateToTokens('hello wonderful world', 3);
    expect(countTokens(cut)).toBeLessThanOrEqual(3);
    expect('hello wonderful world'.startsWith(cut)).toBe(true);
  });
});

describe('knowledge', () => {
  it('reads GSM8K tails, letters and numbers with commas', () => {
    expect(parseKnownAnswer('She makes 9 * 2 = $18.\n#### 18')).toEqual({ kind: 'number', value: '18' });
    expect(parseKnownAnswer('#### 1,000')).toEqual({ kind: 'number', value: '1000' });
    expect(parseKnownAnswer('B')).toEqual({ kind: 'letter', value: 'B' });
    expect(parseKnownAnswer('Paris')).toEqual({ kind: 'text', value: 'Paris' });
  });

  it('finds a question at a line start whatever the whitespace, and prefers the row whose options are shown', () => {
    const base = new KnowledgeBase();
    base.add({ question: 'Which organ pumps blood?', answer: 'C', choices: ['Lung', 'Liver', 'Heart', 'Skin'] });
    base.add({ question: 'Which organ pumps blood?', answer: 'A', choices: ['Heart', 'Kidney', 'Brain', 'Eye'] });
    const prompt = 'Answer the question.\n  Which   organ pumps\tblood?\nA. Lung\nB. Liver\nC. Heart\nD. Skin';
    expect(base.find(prompt)?.answer).toEqual({ kind: 'letter', value: 'C' });
    expect(base.find('Not here: Which organ pumps blood?')).toBeNull();
  });

  it('answers known questions correctly or plausibly wrong by accuracy', () => {
    const knowledge = new KnowledgeBase();
    knowledge.add({ question: 'How many legs do 3 spiders have?', answer: '3 * 8 = 24\n#### 24' });
    const prompt = 'How many legs do 3 spiders have?';
    const right = composeAnswer({ prompt, model: 'm', accuracy: 1, thinks: false, knowledge });
    expect(right.content).toMatch(/\n#### 24$/);
    const wrong = composeAnswer({ prompt, model: 'm', accuracy: 0, thinks: true, knowledge });
    expect(wrong.content).toMatch(/\n#### -?\d+$/);
    expect(wrong.content.endsWith('#### 24')).toBe(false);
    expect(wrong.reasoning?.length).toBeGreaterThan(0);
  });

  it('gives multiple-choice prompts a stable letter, in Chinese or English form', () => {
    const knowledge = new KnowledgeBase();
    const chinese = '下列哪一项是水果？\nA. 土豆\nB. 苹果\nC. 白菜\nD. 萝卜';
    const first = composeAnswer({ prompt: chinese, model: 'm', accuracy: 0.5, thinks: false, knowledge });
    expect(first.content).toMatch(/^答案：[ABCD]$/);
    expect(composeAnswer({ prompt: chinese, model: 'm', accuracy: 0.5, thinks: false, knowledge })).toEqual(first);
    const english = composeAnswer({
      prompt: 'Pick one.\nA) red\nB) blue',
      model: 'm',
      accuracy: 0.5,
      thinks: false,
      knowledge,
    });
    expect(english.content).toMatch(/^The answer is [AB]\.$/);
  });
});

describe('correctness across models', () => {
  const questions = Array.from({ length: 20_000 }, (_, index) => `synthetic question number ${index}`);
  const outcomes = (model: string, accuracy: number): boolean[] =>
    questions.map((question) => answersCorrectly({ question, model, accuracy }));

  it('matches each profile accuracy in expectation and is deterministic', () => {
    for (const [model, accuracy] of [
      ['alpha', 0.7],
      ['beta', 0.4],
      ['gamma', 0.93],
    ] as const) {
      const results = outcomes(model, accuracy);
      const rate = results.filter(Boolean).length / results.length;
      expect(Math.abs(rate - accuracy)).toBeLessThan(0.015);
      expect(outcomes(model, accuracy)).toEqual(results);
    }
  });

  it('makes two models fail the same questions far more often than independent models would', () => {
    const alpha = outcomes('alpha', 0.7);
    const beta = outcomes('beta', 0.6);
    const bothWrong = alpha.filter((correct, index) => !correct && !beta[index]).length / questions.length;
    // 0.64 of pairs share the difficulty (both wrong with p = min(0.3, 0.4)); the rest are independent (0.3 * 0.4).
    const expected = 0.64 * 0.3 + 0.36 * 0.3 * 0.4;
    expect(Math.abs(bothWrong - expected)).toBeLessThan(0.015);
    expect(bothWrong).toBeGreaterThan(0.3 * 0.4 + 0.05);
  });
});

describe.skipIf(!haveDatasets)('dataset knowledge over HTTP', () => {
  let simulator: SimulatorHandle;
  let gsm8k: Array<{ question: string; answer: string }>;

  beforeAll(async () => {
    simulator = await startSimulator({
      latencyScale: 0,
      knowledge: [gsm8kFile, cmmluFile],
      profiles: { perfect: { accuracy: 1 }, hopeless: { accuracy: 0 } },
    });
    const lines = (await readFile(gsm8kFile, 'utf8')).split('\n').slice(0, 5);
    gsm8k = lines.map((line) => JSON.parse(line) as { question: string; answer: string });
  });
  afterAll(async () => {
    await simulator?.close();
  });

  it('answers the first GSM8K rows correctly at accuracy 1 and wrongly at accuracy 0', async () => {
    for (const row of gsm8k) {
      const expected = (/####\s*(.+)$/.exec(row.answer) as RegExpExecArray)[1].replace(/,/g, '').trim();
      const prompt = `Solve the problem. End with "#### <number>".\n\n${row.question}`;
      const right = JSON.parse((await chat(simulator, { model: 'perfect', prompt })).text).choices[0].message
        .content as string;
      expect(right).toMatch(new RegExp(`\\n#### ${expected}$`));
      const wrong = JSON.parse((await chat(simulator, { model: 'hopeless', prompt })).text).choices[0].message
        .content as string;
      expect(wrong).toMatch(/\n#### -?[\d.]+$/);
      expect(wrong.endsWith(`#### ${expected}`)).toBe(false);
    }
  });

  it('answers a CMMLU row with its letter in Chinese form', async () => {
    const csv = await readFile(cmmluFile, 'utf8');
    const [, question, a, b, c, d, answer] = csv.split('\n')[1].split(',');
    const prompt = `以下是单项选择题，请直接给出正确答案的选项。\n${question}\nA. ${a}\nB. ${b}\nC. ${c}\nD. ${d}\n答案：`;
    const reply = JSON.parse((await chat(simulator, { model: 'perfect', prompt })).text).choices[0].message.content;
    expect(reply).toBe(`答案：${answer.trim()}`);
  });
});

describe('knowledge added at run time', () => {
  it('is answered by every model with its accuracy', async () => {
    const simulator = await startSimulator({
      latencyScale: 0,
      profiles: { perfect: { accuracy: 1 }, hopeless: { accuracy: 0 } },
    });
    try {
      simulator.addKnowledge('What is the capital of the simulated republic?', 'Loopbackia');
      const prompt = 'What is the capital of the simulated republic?';
      const right = JSON.parse((await chat(simulator, { model: 'perfect', prompt })).text);
      expect(right.choices[0].message.content).toBe('Loopbackia');
      const wrong = JSON.parse((await chat(simulator, { model: 'hopeless', prompt })).text);
      expect(wrong.choices[0].message.content).not.toContain('Loopbackia');
    } finally {
      await simulator.close();
    }
  });
});
