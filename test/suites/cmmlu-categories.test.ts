import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadSubjectMap } from '../../src/suites/subject-map.js';
import { fileRef } from '../../src/suites/suite-files.js';
import { datasets, repoRoot } from './helpers.js';

const mapFile = path.join(repoRoot, 'suites', 'cmmlu-categories.yaml');
const subjects = (split: string) =>
  readdirSync(path.join(datasets, 'cmmlu', split))
    .map((name) => name.replace(/\.csv$/, ''))
    .sort();

describe('suites/cmmlu-categories.yaml', () => {
  const map = loadSubjectMap(fileRef(mapFile, repoRoot));

  it('gives each of the 67 subjects (test and dev files alike) exactly one category', () => {
    expect(subjects('test')).toHaveLength(67);
    expect(subjects('dev')).toEqual(subjects('test'));
    expect([...map.subjects.keys()].sort()).toEqual(subjects('test'));
    // A YAML mapping cannot repeat a key silently: the parser refuses duplicates.
    expect(() => parse(`${readFileSync(mapFile, 'utf8')}  agronomy: { category: STEM }\n`)).toThrow(/unique/);
    for (const entry of map.subjects.values()) expect(map.categories).toContain(entry.category);
  });

  it('has the category counts of the CMMLU subcategory rule', () => {
    // Counted by hand from the subcategories the CMMLU authors publish (china-specific first,
    // else the category of the first subcategory).
    const counts: Record<string, number> = {};
    for (const entry of map.subjects.values()) counts[entry.category] = (counts[entry.category] ?? 0) + 1;
    expect(counts).toEqual({ STEM: 17, Humanities: 11, 'Social Science': 13, Other: 11, 'China specific': 15 });
    expect(map.categories).toEqual(['STEM', 'Humanities', 'Social Science', 'Other', 'China specific']);
  });

  it('puts subjects tagged china-specific there even when their first subcategory says otherwise', () => {
    const category = (subject: string) => map.subjects.get(subject)?.category;
    expect(category('ancient_chinese')).toBe('China specific'); // linguistics + china specific
    expect(category('high_school_politics')).toBe('China specific'); // politics + china specific
    expect(category('traditional_chinese_medicine')).toBe('China specific'); // other + china specific
    expect(category('journalism')).toBe('Social Science'); // sociology
    expect(category('sociology')).toBe('Social Science'); // culture
    expect(category('world_religions')).toBe('Humanities'); // global
    expect(category('logical')).toBe('Humanities'); // philosophy
    expect(category('college_medical_statistics')).toBe('STEM'); // statistics
    expect(category('agronomy')).toBe('Other');
    expect(category('public_relations')).toBe('Social Science'); // politics
  });

  it('names every subject in Chinese', () => {
    for (const entry of map.subjects.values()) expect(entry.name).toMatch(/^\p{Script=Han}+$/u);
    expect(map.subjects.get('agronomy')?.name).toBe('农学');
    expect(map.subjects.get('machine_learning')?.name).toBe('机器学习');
  });
});
