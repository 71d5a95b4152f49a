import { describe, expect, it } from 'vitest';
import { autoScore, pickScorer } from '../../src/score/auto-score.js';
import { choiceMatch, extractChoice } from '../../src/score/choice.js';
import { normalizeText } from '../../src/score/normalize.js';
import { extractFinalNumber, numericMatch } from '../../src/score/numeric.js';

describe('numeric scorer', () => {
  it('finds the final number in GSM8K-style and free text', () => {
    expect(extractFinalNumber('She sells 16 - 3 - 4 = 9 eggs.\n#### 18')).toBe(18);
    expect(extractFinalNumber('The total is $1,234.50 dollars.')).toBe(1234.5);
    expect(extractFinalNumber('It drops to -12 degrees')).toBe(-12);
    expect(extractFinalNumber('Answer: ３６')).toBe(36);
    expect(extractFinalNumber('no digits here')).toBeNull();
    expect(extractFinalNumber('#### 1,000')).toBe(1000);
  });

  it('matches within tolerance only', () => {
    expect(numericMatch({ answer: 'so 159 rolls', expected: '159' })).toBe(1);
    expect(numericMatch({ answer: 'so 158 rolls', expected: '159' })).toBe(0);
    expect(numericMatch({ answer: '18.00', expected: '18' })).toBe(1);
    expect(numericMatch({ answer: '0.333', expected: '0.3333', tolerance: 0.01 })).toBe(1);
  });
});

describe('choice scorer', () => {
  it('reads the chosen letter in English and Chinese forms', () => {
    expect(extractChoice('答案：B')).toBe('B');
    expect(extractChoice('答案是 C。')).toBe('C');
    expect(extractChoice('我选B')).toBe('B');
    expect(extractChoice('The answer is (D).')).toBe('D');
    expect(extractChoice('A. 上海')).toBe('A');
    expect(extractChoice('正确选项为（Ｂ）')).toBe('B');
    expect(extractChoice('b')).toBe('B');
    expect(extractChoice('no letter here')).toBeNull();
  });

  it('scores against the expected letter', () => {
    expect(choiceMatch({ answer: '答案：B', expected: 'B' })).toBe(1);
    expect(choiceMatch({ answer: '答案：C', expected: 'B' })).toBe(0);
  });
});

describe('auto scorer', () => {
  it('picks a scorer from the expected value', () => {
    expect(pickScorer('B')).toBe('choice');
    expect(pickScorer('1,250')).toBe('numeric');
    expect(pickScorer('-3.5')).toBe('numeric');
    expect(pickScorer('Paris')).toBe('exact');
  });

  it('normalises exact matches for case, white space and full-width forms', () => {
    expect(normalizeText('  ＰＡＲＩＳ  ')).toBe('paris');
    expect(autoScore({ answer: 'paris.', expected: 'Paris' })).toEqual({ scorer: 'exact', value: 1 });
    expect(autoScore({ answer: 'Lyon', expected: 'Paris' }).value).toBe(0);
  });

  it('gives the same result on ASCII text, where it skips NFKC, as NFKC would', () => {
    const ascii = [0x09, 0x0a, 0x0d, ...Array.from({ length: 0x7f - 0x20 }, (_, index) => 0x20 + index)]
      .map((code) => String.fromCharCode(code))
      .join('');
    expect(ascii.normalize('NFKC')).toBe(ascii);
    expect(normalizeText(`  The Answer\tIS\n 42!! `)).toBe('the answer is 42');
    expect(normalizeText('Ｔｈｅ ａｎｓｗｅｒ ｉｓ ４２。')).toBe('the answer is 42');
    expect(normalizeText('ascii then ﬁ ligature')).toBe('ascii then fi ligature');
  });

  it('turns every run of white space into one space, as /\\s+/ would', () => {
    const characters = [' ', '\t', '\n', '\r', '\u00a0', '\u2028', '\u3000', 'a', 'b'];
    let seed = 7;
    for (let round = 0; round < 20_000; round += 1) {
      let text = 'x';
      for (let length = round % 11; length > 0; length -= 1) {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        text += characters[seed % characters.length];
      }
      text += 'y';
      expect(normalizeText(text)).toBe(text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim());
    }
  });
});
