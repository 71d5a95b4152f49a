import { describe, expect, it } from 'vitest';
import { consistency, majorityAnswer } from '../../src/stats/majority-answer.js';

describe('majorityAnswer', () => {
  it('picks the most frequent answer', () => {
    expect(majorityAnswer(['B', 'A', 'B', 'C', 'B'])).toBe('B');
    expect(majorityAnswer(['42'])).toBe('42');
  });

  it('breaks ties by the first answer in code-unit order, whatever order the repeats came in', () => {
    expect(majorityAnswer(['b', 'a', 'b', 'a'])).toBe('a');
    expect(majorityAnswer(['a', 'b', 'a', 'b'])).toBe('a');
    expect(majorityAnswer(['Z', 'a'])).toBe('Z');
    expect(majorityAnswer(['x', 'y', 'z', 'y', 'x'])).toBe('x');
  });

  it('compares exact strings and returns null for no answers', () => {
    expect(majorityAnswer(['A', 'a ', 'a ', 'A', 'A'])).toBe('A');
    expect(majorityAnswer([])).toBeNull();
  });
});

describe('consistency', () => {
  it('is the share of answers equal to the majority answer', () => {
    expect(consistency(['B', 'A', 'B', 'C', 'B'])).toBeCloseTo(3 / 5, 15);
    expect(consistency(['same', 'same', 'same'])).toBe(1);
    expect(consistency(['a', 'b', 'c', 'd'])).toBe(0.25);
    expect(consistency(['b', 'a', 'b', 'a'])).toBe(0.5);
    expect(consistency([])).toBeNull();
  });
});
