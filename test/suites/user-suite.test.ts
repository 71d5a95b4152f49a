import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { readDataset } from '../../src/dataset/read-dataset.js';
import { materializeSuite } from '../../src/suites/index.js';
import { cleanup, errorOf, readJsonl, tempFolder, userSuite, writeFiles } from './helpers.js';

afterAll(cleanup);

/** The user suite under `<root>/evals/`, so paths in it are relative to that folder, not to the caller's. */
function setUp(change: (suite: Record<string, any>) => void = () => {}): string {
  const root = tempFolder();
  const { files, suite } = userSuite();
  change(suite);
  const nested: Record<string, string> = { 'evals/my.yaml': stringify(suite) };
  for (const [name, text] of Object.entries(files)) nested[`evals/${name}`] = text;
  writeFiles(root, nested);
  return root;
}

describe('a user suite file in its own folder', () => {
  it('resolves its paths from its own folder and writes the items in order', async () => {
    const root = setUp();
    const done = await materializeSuite({ spec: 'evals/my.yaml', folder: 'out', cwd: root });
    expect(done).toMatchObject({
      name: 'evals/my.yaml',
      suite: 'mine',
      version: '2',
      suiteFile: path.join(root, 'evals', 'my.yaml'),
      file: path.join(root, 'out', 'mine.jsonl'),
      rows: 5,
      shots: 1,
      subset: null,
      groupBy: ['subject'],
      clusterBy: 'cluster',
      licence: 'CC0 (no conditions)',
      itemSalt: 'mine@2',
    });
    const items = readJsonl(done.file);
    expect(items.map((item) => item.id)).toEqual([
      'maths/algebra/a1',
      'maths/algebra/a2',
      'maths/geometry/g1',
      'maths/geometry/g2',
      'maths/geometry/g3',
    ]);
    expect(items[0]).toEqual({
      id: 'maths/algebra/a1',
      prompt: 'Questions about Algebra (Maths).\n\nQ: What is 1 + 1?\nA: 2\n\nQ: What is 2 + 2?\nA:',
      expected: '4',
      scorer: 'numeric',
      subject: 'algebra',
      category: 'Maths',
      suite: 'mine',
      cluster: 'algebra',
    });
    expect(items[3].prompt).toBe(
      'Questions about Geometry (Maths).\n\nQ: Sides of a square?\nA: 4\n\nQ: Degrees in a right angle, "exactly"?\nA:',
    );
    const samples = [];
    for await (const sample of readDataset({
      file: done.file,
      mapping: { inputField: 'prompt', expectedField: 'expected', idField: 'id' },
    }))
      samples.push(sample);
    expect(samples.map((sample) => sample.expected)).toEqual(['4', '2', '3', '90', '6']);
  });

  it('subsets work on a path, by subject and by category', async () => {
    const root = setUp();
    const geometry = await materializeSuite({ spec: './evals/my.yaml:geometry', folder: 'out', cwd: root });
    expect(geometry).toMatchObject({ rows: 3, subset: ['geometry'], name: './evals/my.yaml:geometry' });
    expect(path.basename(geometry.file)).toBe('mine-geometry.jsonl');
    const maths = await materializeSuite({ spec: 'evals/my.yaml:MATHS', folder: 'out', cwd: root });
    expect(maths.subset).toEqual(['algebra', 'geometry']);
    expect(await errorOf(() => materializeSuite({ spec: 'evals/my.yaml:algebr', folder: 'out', cwd: root }))).toContain(
      "--suite evals/my.yaml:algebr: unknown subject 'algebr' (did you mean algebra?). Suite mine has 2 subjects: algebra, geometry; categories: maths.",
    );
  });

  it('shots: 2 is too many for geometry (one exemplar), fine for algebra alone', async () => {
    const root = setUp();
    expect(
      await errorOf(() => materializeSuite({ spec: 'evals/my.yaml', shots: 2, folder: 'out', cwd: root })),
    ).toMatch(
      /^--shots 2: subject 'geometry' has only 1 exemplar \(evals\/shots\/geometry\.csv\); ask for 1 or fewer\.$/,
    );
    const algebra = await materializeSuite({ spec: 'evals/my.yaml:algebra', shots: 2, folder: 'out', cwd: root });
    expect(readJsonl(algebra.file)[0].prompt).toBe(
      'Questions about Algebra (Maths).\n\nQ: What is 1 + 1?\nA: 2\n\nQ: What is 3 - 1?\nA: 2\n\nQ: What is 2 + 2?\nA:',
    );
  });

  it('a default shot count above the exemplars names the suite key', async () => {
    const root = setUp((suite) => (suite.parts[0].fewShot.shots = 3));
    expect(await errorOf(() => materializeSuite({ spec: 'evals/my.yaml', folder: 'out', cwd: root }))).toMatch(
      /^parts\[0\]\.fewShot\.shots: 3 in evals\/my\.yaml: subject 'algebra' has only 2 exemplars/,
    );
  });

  it('a constant category, a single JSONL file with a pattern and comma stripping, a sample per part', async () => {
    const root = setUp((suite) => {
      suite.parts[0] = {
        name: 'words',
        data: 'words.jsonl',
        format: 'jsonl',
        subject: 'words',
        category: 'Arithmetic',
        template: { question: 'Problem: {{q}}' },
        expected: { column: 'a', pattern: 'ANSWER: (.+)$', stripCommas: true },
        scorer: 'numeric:1%',
        sample: { size: 3, seed: 'fixed' },
      };
    });
    const lines = Array.from({ length: 8 }, (_, index) =>
      JSON.stringify({ q: `Item ${index + 1}`, a: `work\nANSWER: ${index + 1},000` }),
    );
    writeFiles(root, { 'evals/words.jsonl': `${lines.join('\n')}\n` });
    const done = await materializeSuite({ spec: 'evals/my.yaml', folder: 'out', cwd: root });
    const items = readJsonl(done.file);
    expect(done).toMatchObject({ rows: 3, shots: 0 });
    const ids = Array.from({ length: 8 }, (_, index) => `words/000${index + 1}`);
    const rank = (id: string) => createHash('sha256').update(`fixed:${id}`).digest('hex');
    const chosen = [...ids]
      .sort((a, b) => rank(a).localeCompare(rank(b)))
      .slice(0, 3)
      .sort();
    expect(items.map((item) => item.id)).toEqual(chosen);
    expect(items.map((item) => item.id)).toEqual(['words/0002', 'words/0003', 'words/0007']);
    expect(items[0]).toMatchObject({
      prompt: 'Problem: Item 2',
      expected: '2000',
      scorer: 'numeric:1%',
      category: 'Arithmetic',
      subject: 'words',
    });
  });

  it('includes another suite file with its own sample, and a JSON suite file works too', async () => {
    const root = setUp();
    const wrapper = {
      name: 'wrapper',
      version: '1',
      description: 'Two questions per subject of mine',
      licence: { name: 'CC0' },
      parts: [{ include: '../evals/my.yaml', sample: { size: 2, per: 'subject', seed: 's' } }],
      groupBy: ['category', 'subject'],
    };
    writeFiles(root, { 'more/wrapper.json': JSON.stringify(wrapper) });
    const done = await materializeSuite({ spec: 'more/wrapper.json', folder: 'out', cwd: root });
    expect(done).toMatchObject({ suite: 'wrapper', rows: 4, shots: 1, clusterBy: null, licence: 'CC0' });
    const items = readJsonl(done.file);
    expect(items.every((item) => item.suite === 'wrapper' && (item.id as string).startsWith('maths/'))).toBe(true);
    const again = await materializeSuite({ spec: 'more/wrapper.json', folder: 'again', cwd: root });
    expect(readFileSync(again.file).equals(readFileSync(done.file))).toBe(true);
  });
});
