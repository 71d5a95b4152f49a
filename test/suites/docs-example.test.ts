import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { materializeSuite } from '../../src/suites/index.js';
import { includePartSchema, partSchema, subjectMapSchema, suiteFileSchema } from '../../src/suites/suite-schema.js';
import { cleanup, readJsonl, repoRoot, tempFolder, writeFiles } from './helpers.js';

afterAll(cleanup);

const doc = readFileSync(path.join(repoRoot, 'docs', 'suites.md'), 'utf8');

/** The example files: fenced blocks whose info string names a file (```yaml file=my-suite.yaml). */
function exampleFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const match of doc.matchAll(/^```\w+ file=(\S+)\n([\s\S]*?)^```$/gm)) files[match[1]] = match[2];
  return files;
}

/** Every object key of a zod schema, nested ones included. */
function keysOf(schema: z.ZodType, found = new Set<string>()): Set<string> {
  const def = (schema as unknown as { _zod: { def: Record<string, any> } })._zod.def;
  switch (def.type) {
    case 'object':
      for (const [key, inner] of Object.entries(def.shape as Record<string, z.ZodType>)) {
        found.add(key);
        keysOf(inner, found);
      }
      break;
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
      keysOf(def.innerType, found);
      break;
    case 'array':
      keysOf(def.element, found);
      break;
    case 'record':
      keysOf(def.valueType, found);
      break;
    case 'pipe':
      keysOf(def.in, found);
      keysOf(def.out, found);
      break;
  }
  return found;
}

describe('docs/suites.md', () => {
  it('has an example suite that parses and materializes as the page says', async () => {
    const files = exampleFiles();
    expect(Object.keys(files).sort()).toEqual([
      'examples.csv',
      'my-suite.yaml',
      'questions/asia.csv',
      'questions/europe.csv',
      'regions.yaml',
    ]);
    const folder = tempFolder();
    writeFiles(folder, files);
    const all = await materializeSuite({ spec: './my-suite.yaml', folder: 'out', cwd: folder });
    expect(all).toMatchObject({
      suite: 'capitals',
      rows: 4,
      shots: 1,
      groupBy: ['category', 'subject'],
      clusterBy: 'cluster',
    });
    const asia = await materializeSuite({ spec: './my-suite.yaml:asia', folder: 'out', cwd: folder });
    const items = readJsonl(asia.file);
    expect(items.map((item) => item.id)).toEqual(['capitals/asia/jp', 'capitals/asia/np']);
    const shown = /The first Asian item's prompt is:\n\n```text\n([\s\S]*?)\n```/.exec(doc);
    expect(items[0].prompt).toBe(shown?.[1]);
    expect(items[0]).toMatchObject({ expected: 'Tokyo', scorer: 'exact', category: 'World', subject: 'asia' });
  });

  it('describes every key of the suite file schema', () => {
    const keys = new Set<string>();
    for (const schema of [suiteFileSchema, partSchema, includePartSchema, subjectMapSchema]) keysOf(schema, keys);
    expect(keys.size).toBeGreaterThan(25);
    const missing = [...keys].filter((key) => !doc.includes(`\`${key}\``));
    expect(missing).toEqual([]);
  });
});
