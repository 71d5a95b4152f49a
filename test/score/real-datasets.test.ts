import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { extractExpected } from '../../src/dataset/expected.js';
import { choiceScorer } from '../../src/score/choice-scorer.js';
import { numericScorer } from '../../src/score/numeric-scorer.js';
import { sharedDatasets, scoreValue } from './helpers.js';

const gsm8k = path.join(sharedDatasets, 'gsm8k', 'test.jsonl');
const cmmlu = path.join(sharedDatasets, 'cmmlu', 'test');
if (!existsSync(gsm8k))
  console.log(`Skipping the GSM8K scoring test: ${path.relative(process.cwd(), gsm8k)} is absent.`);
if (!existsSync(cmmlu))
  console.log(`Skipping the CMMLU scoring test: ${path.relative(process.cwd(), cmmlu)} is absent.`);

describe.skipIf(!existsSync(gsm8k))('numeric scorer on the real GSM8K test split', () => {
  const rows = existsSync(gsm8k)
    ? readFileSync(gsm8k, 'utf8')
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line) as { question: string; answer: string })
    : [];

  function expectedOf(answer: string): string {
    const extracted = extractExpected({ value: answer, pattern: null });
    if (!('value' in extracted) || extracted.value === undefined) throw new Error(`no expected value in ${answer}`);
    return extracted.value;
  }

  it('scores every reference solution 1 against its own extracted answer', () => {
    expect(rows).toHaveLength(1319);
    const misses = rows.filter((row) => scoreValue(numericScorer, row.answer, expectedOf(row.answer)) !== 1);
    expect(misses.map((row) => row.answer.slice(-40))).toEqual([]);
  });

  it('scores 0 when the final number is perturbed, in the solution or in the expected value', () => {
    const misses: string[] = [];
    for (const row of rows) {
      const expected = expectedOf(row.answer);
      const value = Number(expected.replace(/,/g, ''));
      const perturbed = row.answer.replace(/#### .*$/, `#### ${value + 1}`);
      if (scoreValue(numericScorer, perturbed, expected) !== 0) misses.push(`solution: ${perturbed.slice(-30)}`);
      if (scoreValue(numericScorer, row.answer, String(value - 1)) !== 0) misses.push(`expected: ${value - 1}`);
    }
    expect(misses).toEqual([]);
  });

  it('reads the last number of free-text solutions whose #### line was replaced by a sentence', () => {
    const misses = rows.filter((row) => {
      const expected = expectedOf(row.answer);
      const sentence = row.answer.replace(/\n#### .*$/, `\nSo the answer is ${expected}.`);
      return scoreValue(numericScorer, sentence, expected) !== 1;
    });
    expect(misses.map((row) => row.answer.slice(-40))).toEqual([]);
  });
});

describe.skipIf(!existsSync(cmmlu))('choice scorer on real CMMLU test files', () => {
  const files = [
    'agronomy.csv',
    'high_school_mathematics.csv',
    'chinese_history.csv',
    'college_medicine.csv',
    'computer_science.csv',
  ];
  const rows = existsSync(cmmlu)
    ? files
        .filter((file) => readdirSync(cmmlu).includes(file))
        .flatMap(
          (file) =>
            parse(readFileSync(path.join(cmmlu, file)), { columns: true, bom: true }) as Array<Record<string, string>>,
        )
    : [];
  const forms: Array<(letter: string, row: Record<string, string>) => string> = [
    (letter) => `答案：${letter}`,
    (letter) => `答案是${letter}`,
    (letter) => `选${letter}`,
    (letter) => `(${letter})`,
    (letter) => `（${letter}）`,
    (letter, row) => `${letter}. ${row[letter]}`,
    (letter) => `正确答案为 ${letter}`,
    (letter) => `The answer is ${letter}`,
    (letter, row) => `根据题意分析，${row[letter]}符合要求。\n答案：${letter}`,
    (letter, row) => `The answer is ${letter}. ${row[letter]}`,
    (letter) => `**答案：${letter}**`,
    (letter) => `故选${letter}。`,
    (letter) => `${letter}`,
  ];

  it('reads at least 500 rows whose Answer is a letter A–D', () => {
    expect(rows.length).toBeGreaterThan(500);
    expect(rows.every((row) => /^[A-D]$/.test(row.Answer))).toBe(true);
  });

  it('scores each answer form 1 for the right letter and 0 for a wrong one', () => {
    const misses: string[] = [];
    for (const row of rows) {
      const right = row.Answer;
      const wrong = 'ABCD'[('ABCD'.indexOf(right) + 1) % 4];
      for (const form of forms) {
        if (scoreValue(choiceScorer, form(right, row), right) !== 1) misses.push(`right ${right}: ${form(right, row)}`);
        if (scoreValue(choiceScorer, form(wrong, row), right) !== 0)
          misses.push(`wrong ${wrong} for ${right}: ${form(wrong, row)}`);
      }
    }
    expect(misses.slice(0, 30)).toEqual([]);
  });
});
