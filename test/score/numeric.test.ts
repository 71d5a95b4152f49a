import { describe, expect, it } from 'vitest';
import { createNumericScorer, numericScorer } from '../../src/score/numeric-scorer.js';
import { extractFinalNumber, findFinalNumber, numbersAgree } from '../../src/score/numeric.js';
import { scoreOf, scoreValue } from './helpers.js';

describe('findFinalNumber', () => {
  it.each([
    ['#### 18', 18, 'marker'],
    ['Janet sells 16 - 3 - 4 = <<16-3-4=9>>9 duck eggs.\n#### 18', 18, 'marker'],
    ['#### 1,000', 1000, 'marker'],
    ['#### -3', -3, 'marker'],
    ['So the final answer is $\\boxed{42}$.', 42, 'boxed'],
    ['\\boxed{\\frac{3}{4}}', 0.75, 'boxed'],
    ['\\boxed{\\dfrac{-1}{2}}', -0.5, 'boxed'],
    ['The result is \\boxed{1{,}234} apples, not 7', 1234, 'boxed'],
    ['\\boxed{x = 5}', 5, 'boxed'],
    ['\\boxed{\\$18.50}', 18.5, 'boxed'],
    ['The answer is 3/4.', 0.75, 'answer-phrase'],
    ['The answer is: 18', 18, 'answer-phrase'],
    ['**Answer:** $1,234.50', 1234.5, 'answer-phrase'],
    ['Answer: 18 (that is 9 eggs × $2)', 18, 'answer-phrase'],
    ['答案：18元', 18, 'answer-phrase'],
    ['答案是 −7', -7, 'answer-phrase'],
    ['所以答案为３６。', 36, 'answer-phrase'],
    ['The total is $1,234.50 dollars.', 1234.5, 'last'],
    ['It drops to -12 degrees', -12, 'last'],
    ['It costs 0.5 dollars, i.e. .5', 0.5, 'last'],
    ['She has 16-3 = 13 left', 13, 'last'],
    ['The answer is 16 - 3 = 13', 13, 'last'],
    ['About 45% of them', 45, 'last'],
    ['He ran 5km in 20 minutes, so 4 minutes per km', 4, 'last'],
    ['Answer: ３６', 36, 'answer-phrase'],
    ['12,345,678 people', 12345678, 'last'],
  ] as const)('%j → %d (%s)', (text, value, source) => {
    const found = findFinalNumber(text);
    expect(found?.value).toBeCloseTo(value, 12);
    expect(found?.source).toBe(source);
  });

  it('does not read chemistry, dates or digit runs as answers', () => {
    expect(extractFinalNumber('no digits here')).toBeNull();
    expect(extractFinalNumber('The gas is CO2')).toBeNull();
    expect(extractFinalNumber('the answer is 1/0')).toBeNull();
    expect(extractFinalNumber('on 12/25/2023')).toBe(12);
    expect(extractFinalNumber('3,5')).toBe(5);
  });

  it('falls back to the last number when #### is followed by none', () => {
    expect(findFinalNumber('we get 7\n####')).toEqual({ value: 7, text: '7', source: 'last' });
  });
});

describe('numbersAgree', () => {
  it('ignores floating-point noise only, unless a tolerance is given', () => {
    expect(numbersAgree({ answer: 0.1 + 0.2, expected: 0.3 })).toBe(true);
    expect(numbersAgree({ answer: 1450001, expected: 1450000 })).toBe(false);
    expect(numbersAgree({ answer: 0.333, expected: 0.3333, tolerance: 0.01 })).toBe(true);
    expect(numbersAgree({ answer: 1009, expected: 1000, tolerance: 0.01 })).toBe(false);
    expect(numbersAgree({ answer: 1009, expected: 1000, tolerance: { amount: 0.01, relative: true } })).toBe(true);
    expect(numbersAgree({ answer: 1011, expected: 1000, tolerance: { amount: 0.01, relative: true } })).toBe(false);
  });
});

describe('numeric scorer', () => {
  it('scores real answer shapes against the expected value', () => {
    expect(scoreValue(numericScorer, 'She makes 9 * 2 = $18 every day.', '18')).toBe(1);
    expect(scoreValue(numericScorer, '#### 18', '$18.00')).toBe(1);
    expect(scoreValue(numericScorer, 'So 0.75 of the cake', '3/4')).toBe(1);
    expect(scoreValue(numericScorer, 'The answer is 1,000.', '1000')).toBe(1);
    expect(scoreValue(numericScorer, 'The answer is 1,001.', '1000')).toBe(0);
    expect(scoreValue(numericScorer, 'I cannot tell.', '18')).toBe(0);
  });

  it('says what it extracted and compared', async () => {
    const score = await scoreOf(numericScorer, { answer: 'so $\\boxed{18}$', expected: '18' });
    expect(score).toMatchObject({ name: 'numeric', value: 1, passed: true });
    expect(score.detail).toBe('answer 18 (from "18", boxed) = expected 18');
    const none = await scoreOf(numericScorer, { answer: 'no idea', expected: '18' });
    expect(none).toMatchObject({ value: 0, passed: false, detail: 'no number in the answer; expected 18' });
  });

  it('leaves rows without a usable expected number unscored', async () => {
    expect(await scoreOf(numericScorer, { answer: '18', expected: null })).toMatchObject({ value: null, passed: null });
    expect(await scoreOf(numericScorer, { answer: '18', expected: '  ' })).toMatchObject({ value: null, passed: null });
    const text = await scoreOf(numericScorer, { answer: '18', expected: 'Paris' });
    expect(text).toMatchObject({ value: null, passed: null, detail: 'no number in expected "Paris"' });
  });

  it('applies an absolute or relative tolerance', () => {
    const absolute = createNumericScorer({ tolerance: { amount: 0.01, relative: false } });
    expect(scoreValue(absolute, '3.14', '3.14159')).toBe(1);
    expect(scoreValue(absolute, '3.1', '3.14159')).toBe(0);
    const relative = createNumericScorer({ tolerance: { amount: 0.05, relative: true } });
    expect(scoreValue(relative, '1040', '1000')).toBe(1);
    expect(scoreValue(relative, '1060', '1000')).toBe(0);
  });
});
