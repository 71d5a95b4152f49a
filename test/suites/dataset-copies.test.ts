import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..');
const shared = path.resolve(root, '..', 'shared', 'datasets');
const present = existsSync(shared);
if (!present) console.log(`Skipping the dataset copy check: ${shared} is absent (a clone without the reference data).`);

/** Relative paths of the files under `folder` that end with one of `extensions`. */
function filesIn(folder: string, extensions: string[]): string[] {
  return readdirSync(folder)
    .filter((name) => extensions.some((extension) => name.endsWith(extension)))
    .sort();
}

describe.skipIf(!present)('datasets/gsm8k and datasets/cmmlu are unmodified copies of ../shared/datasets', () => {
  const pairs: Array<[string, string[]]> = [
    ['gsm8k', ['test.jsonl', 'LICENSE']],
    ...(['cmmlu/test', 'cmmlu/dev'].map((sub) => [
      sub,
      present ? filesIn(path.join(shared, sub), ['.csv']) : [],
    ]) as Array<[string, string[]]>),
  ];

  for (const [sub, names] of pairs) {
    it(`${sub}: the same file names, byte for byte`, () => {
      expect(names.length).toBeGreaterThan(0);
      const ours = path.join(root, 'datasets', sub);
      if (sub.startsWith('cmmlu')) {
        expect(filesIn(ours, ['.csv'])).toEqual(names);
        expect(names).toHaveLength(67);
      }
      for (const name of names) {
        const theirs = readFileSync(path.join(shared, sub, name));
        const mine = readFileSync(path.join(ours, name));
        expect(mine.equals(theirs), `${sub}/${name} differs from the reference copy`).toBe(true);
      }
    });
  }
});
