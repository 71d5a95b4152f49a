import { describe, expect, it } from 'vitest';
import { choiceScorer, createChoiceScorer } from '../../src/score/choice-scorer.js';
import { expectedChoice, extractChoice, readChoice } from '../../src/score/choice.js';
import { scoreOf, scoreValue } from './helpers.js';

describe('readChoice', () => {
  it.each([
    ['答案：B', 'B'],
    ['答案:B', 'B'],
    ['答案是B', 'B'],
    ['答案是 C。', 'C'],
    ['答案为（D）', 'D'],
    ['正确答案为 B', 'B'],
    ['正确答案是：**C**', 'C'],
    ['选B', 'B'],
    ['我选择C，因为……', 'C'],
    ['故选D。', 'D'],
    ['经过分析，B项正确。', 'B'],
    ['正确选项是D，其余错误', 'D'],
    ['选项A错误，选项C错误，正确的选项为 B', 'B'],
    ['(B)', 'B'],
    ['（B）', 'B'],
    ['（Ｂ）', 'B'],
    ['B. 土地', 'B'],
    ['B、土地', 'B'],
    ['**B**', 'B'],
    ['b', 'B'],
    ['The answer is B', 'B'],
    ['The answer is (D).', 'D'],
    ['The correct answer is option C because ...', 'C'],
    ['Answer: A', 'A'],
    ['**Answer:** B', 'B'],
    ['Final answer: (c)', 'C'],
    ['I choose B.', 'B'],
    ['Option C is wrong and option D is wrong, so B is correct.', 'B'],
    ['A is incorrect. C is the correct answer.', 'C'],
    ['我认为是B。', 'B'],
    ['Let me think.\nA. 北京\nB. 上海\nC. 广州\n答案：B', 'B'],
  ] as const)('%j → %s', (text, letter) => {
    expect(extractChoice(text)).toBe(letter);
  });

  it('does not read English words as option letters', () => {
    expect(extractChoice('A good question; I am not sure.')).toBeNull();
    expect(extractChoice('The answer is a bit unclear.')).toBeNull();
    expect(extractChoice('DNA and ATP are involved')).toBeNull();
    expect(extractChoice('no letter here')).toBeNull();
  });

  it('does not take a unit or a vitamin for a chosen letter', () => {
    expect(readChoice('根据分析，37.8°C正确。\n答案：B')).toEqual({ letter: 'B', source: 'stated' });
    expect(readChoice('维生素C正确，答案：A')).toEqual({ letter: 'A', source: 'stated' });
  });

  it('refuses to guess when two different letters are asserted', () => {
    expect(readChoice('答案是B。不对，答案是C。')).toEqual({ letter: null, conflicting: ['B', 'C'] });
    expect(readChoice('The answer is A. Actually, the answer is D.')).toEqual({
      letter: null,
      conflicting: ['A', 'D'],
    });
    expect(readChoice('(A) or (C), hard to say')).toEqual({ letter: null, conflicting: ['A', 'C'] });
    expect(readChoice('A. 北京\nB. 上海\nC. 广州')).toEqual({ letter: null, conflicting: ['A', 'B', 'C'] });
    expect(readChoice('maybe B or C')).toEqual({ letter: null, conflicting: ['B', 'C'] });
  });

  it('agrees when the same letter is asserted twice', () => {
    expect(readChoice('答案是B。综上，选B。')).toEqual({ letter: 'B', source: 'stated' });
  });

  it('reads letters up to J only when asked', () => {
    expect(extractChoice('The answer is G')).toBeNull();
    expect(extractChoice('The answer is G', { lastLetter: 'J' })).toBe('G');
    expect(extractChoice('I think so', { lastLetter: 'J' })).toBeNull();
    expect(() => extractChoice('A', { lastLetter: 'Z' })).toThrow(RangeError);
  });
});

describe('expectedChoice', () => {
  it('reads the letter of an expected value', () => {
    expect(expectedChoice(' b ')).toBe('B');
    expect(expectedChoice('Ｃ')).toBe('C');
    expect(expectedChoice('H')).toBe('H');
    expect(expectedChoice('B. 土地')).toBe('B');
    expect(expectedChoice('土地')).toBeNull();
  });
});

describe('choice scorer', () => {
  it('scores 1 for the expected letter and 0 otherwise', () => {
    expect(scoreValue(choiceScorer, '答案：B', 'B')).toBe(1);
    expect(scoreValue(choiceScorer, '答案：C', 'B')).toBe(0);
    expect(scoreValue(choiceScorer, 'no idea', 'B')).toBe(0);
  });

  it('explains conflicts and what it read', async () => {
    const conflict = await scoreOf(choiceScorer, { answer: '答案是B。不对，答案是C。', expected: 'B' });
    expect(conflict).toMatchObject({
      name: 'choice',
      value: 0,
      passed: false,
      detail: 'conflicting letters B, C asserted; expected B',
    });
    const read = await scoreOf(choiceScorer, { answer: 'The answer is (B).', expected: 'B' });
    expect(read.detail).toBe('answer B (stated) = expected B');
  });

  it('widens the option range to the expected letter, or to the configured last letter', () => {
    expect(scoreValue(choiceScorer, 'The answer is F', 'F')).toBe(1);
    expect(scoreValue(createChoiceScorer({ lastLetter: 'J' }), 'The answer is F', 'B')).toBe(0);
    expect(scoreValue(choiceScorer, 'The answer is F', 'B')).toBe(0);
  });

  it('leaves rows without an expected letter unscored', async () => {
    expect(await scoreOf(choiceScorer, { answer: 'B', expected: null })).toMatchObject({ value: null, passed: null });
    expect(await scoreOf(choiceScorer, { answer: 'B', expected: '土地' })).toMatchObject({ value: null, passed: null });
  });
});
