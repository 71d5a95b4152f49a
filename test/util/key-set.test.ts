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

  it('rejects keys it cannot hold', () => {
    const set = new KeySet();
    expect(() => set.add('abc')).toThrow(/16 hex/);
    expect(() => set.add('zzzzzzzzzzzzzzzzzz')).toThrow(/hex/);
  });
});
