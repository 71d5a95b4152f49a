import { describe, expect, it } from 'vitest';
import { shortHash } from '../../src/util/hash.js';
import { KeySet } from '../../src/util/key-set.js';

describe('KeySet', () => {
  it('behaves like a Set of hex keys through many resizes', () => {
    const set = new KeySet(4);
    const reference = new Set<string>();
    for (let index = 0; index < 20_000; index += 1) {
      const key = shortHash(String(index % 15_000));
      expect(set.add(key)).toBe(!reference.has(key));
      reference.add(key);
    }
    expect(set.size).toBe(15_000);
    for (let index = 0; index < 15_000; index += 1) expect(set.has(shortHash(String(index)))).toBe(true);
    expect(set.has(shortHash('not there'))).toBe(false);
  });

  it('holds the all-zero key and keys whose halves are zero, apart from empty slots', () => {
    const set = new KeySet(2);
    const keys = ['0000000000000000', '0000000000000001', '0000000100000000', 'ffffffff00000000', '00000000ffffffff'];
    for (const key of keys) expect(set.has(key)).toBe(false);
    for (const key of keys) expect(set.add(key)).toBe(true);
    for (const key of keys) expect(set.add(`${key}-2`)).toBe(false);
    for (let index = 0; index < 100; index += 1) set.add(shortHash(`grow ${index}`));
    for (const key of keys) expect(set.has(key)).toBe(true);
    expect(set.size).toBe(105);
  });

  it('rejects keys it cannot hold', () => {
    const set = new KeySet();
    expect(() => set.add('abc')).toThrow(/16 hex/);
    expect(() => set.add('zzzzzzzzzzzzzzzzzz')).toThrow(/hex/);
  });
});
