import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { materializeSuite } from '../../src/suites/index.js';
import { loadSuite } from '../../src/suites/load-suite.js';
import { fileRef } from '../../src/suites/suite-files.js';
import { selectSubjects } from '../../src/suites/suite-spec.js';
import { cleanup, datasets, errorOf, readJsonl, repoRoot, tempFolder } from './helpers.js';

afterAll(cleanup);

const all = readdirSync(path.join(datasets, 'cmmlu', 'test'))
  .map((name) => name.replace(/\.csv$/, ''))
  .sort();

describe('unknown names', () => {
  it('an unknown suite lists the built-in ones and suggests the closest', async () => {
    const message = await errorOf(() => materializeSuite({ spec: 'gsm9k', folder: tempFolder() }));
    expect(message).toBe(
      "--suite: unknown suite 'gsm9k' (did you mean gsm8k?); built-in suites: cmmlu, default, gsm8k. " +
        'For your own suite file give its path (with a / or ending in .yaml).',
    );
    expect(await errorOf(() => materializeSuite({ spec: 'mmlu-pro', folder: tempFolder() }))).toContain(
      "--suite: unknown suite 'mmlu-pro'; built-in suites: cmmlu, default, gsm8k.",
    );
  });

  it('an unknown subject suggests the closest and lists the subjects and categories', async () => {
    const message = await errorOf(() => materializeSuite({ spec: 'cmmlu:agronom', folder: tempFolder() }));
    expect(message).toMatch(/^--suite cmmlu:agronom: unknown subject 'agronom' \(did you mean agronomy\?\)\. /);
    expect(message).toContain(
      `Suite cmmlu has 67 subjects: ${all.join(', ')}; categories: stem, humanities, social-science, other, china-specific.`,
    );
    expect(await errorOf(() => materializeSuite({ spec: 'cmmlu:anatomy,virologie', folder: tempFolder() }))).toContain(
      "unknown subject 'virologie' (did you mean virology?)",
    );
    expect(await errorOf(() => materializeSuite({ spec: 'cmmlu:', folder: tempFolder() }))).toContain(
      "--suite cmmlu:: the subset after ':' has an empty name",
    );
    expect(await errorOf(() => materializeSuite({ spec: 'gsm8k:algebra', folder: tempFolder() }))).toContain(
      "--suite gsm8k:algebra: unknown subject 'algebra'. Suite gsm8k has 1 subject: gsm8k; categories: gsm8k.",
    );
  });
});

describe('subsets', () => {
  it('by subject: the rows of those subjects, named in the file name', async () => {
    const done = await materializeSuite({ spec: 'cmmlu:anatomy,agronomy', folder: tempFolder() });
    expect(done.subset).toEqual(['agronomy', 'anatomy']);
    expect(path.basename(done.file)).toBe('cmmlu-anatomy-agronomy.jsonl');
    const items = readJsonl(done.file);
    expect(items).toHaveLength(169 + 148);
    expect(items[0].id).toBe('cmmlu/agronomy/0');
    expect(items.at(-1)?.id).toBe('cmmlu/anatomy/147');
  });

  it('by category: the rows of its subjects only', async () => {
    const counts: Record<string, number> = {};
    for (const spec of ['cmmlu:stem', 'cmmlu:china-specific']) {
      const done = await materializeSuite({ spec, folder: tempFolder() });
      counts[spec] = done.rows;
      expect(new Set(readJsonl(done.file).map((item) => item.category)).size).toBe(1);
      expect(done.subset).toHaveLength(spec === 'cmmlu:stem' ? 17 : 15);
    }
    expect(counts).toEqual({ 'cmmlu:stem': 2531, 'cmmlu:china-specific': 2572 });
  });

  it('category and subject names in any case, with -, _ or a space alike', () => {
    const suite = loadSuite({ file: fileRef(path.join(repoRoot, 'suites', 'cmmlu.yaml'), repoRoot), cwd: repoRoot });
    const pick = (subset: string) => selectSubjects({ suite, subset, spec: `cmmlu:${subset}` });
    expect(pick('STEM')).toEqual(pick('stem'));
    expect(pick('stem')).toHaveLength(17);
    expect(pick('China specific')).toEqual(pick('china-specific'));
    expect(pick('china_specific')).toHaveLength(15);
    expect(pick('Social Science')).toEqual(pick('social-science'));
    expect(pick('High-School-Physics')).toEqual(['high_school_physics']);
  });

  it('subjects and categories mixed, without repeats; subject spellings with - for _', async () => {
    const done = await materializeSuite({ spec: 'cmmlu:humanities,world-history,agronomy', folder: tempFolder() });
    expect(done.subset).toHaveLength(12);
    expect(done.subset).toContain('world_history');
    expect(done.subset).toContain('agronomy');
    expect(done.rows).toBe(1962 + 169);
  });

  it('a subset of the default sample keeps its sampled rows', async () => {
    const gsm = await materializeSuite({ spec: 'default:gsm8k', folder: tempFolder() });
    expect(gsm).toMatchObject({ rows: 100, subset: ['gsm8k'], shots: 0, suite: 'default' });
    const stem = await materializeSuite({ spec: 'default:stem', folder: tempFolder() });
    expect(stem.rows).toBe(34);
  });
});
