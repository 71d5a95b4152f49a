import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { loadCustomScorer, normalizeCustomResult } from '../../src/score/custom-scorer.js';
import { parseScorerSpec } from '../../src/score/scorer-spec.js';
import { makeRecord, repoRoot, scoreOf, scorerFixtures } from './helpers.js';

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

describe('loadCustomScorer', () => {
  it('loads a default-exported function and keeps its number as the value', async () => {
    const scorer = await loadCustomScorer({ path: 'word-overlap.mjs', cwd: scorerFixtures });
    expect(await scoreOf(scorer, { answer: 'Paris is in France', expected: 'paris france europe' })).toStrictEqual({
      name: 'custom',
      value: 2 / 3,
      passed: true,
    });
    expect(await scoreOf(scorer, { answer: 'Lyon', expected: 'paris france' })).toMatchObject({
      value: 0,
      passed: false,
    });
    expect(await scoreOf(scorer, { answer: 'Lyon', expected: null })).toMatchObject({ value: null, passed: null });
  });

  it('loads a named async score returning { value: boolean, detail }', async () => {
    const scorer = await loadCustomScorer({ path: 'says-yes.js', cwd: scorerFixtures });
    expect(await scoreOf(scorer, { answer: 'Yes, certainly' })).toEqual({
      name: 'custom',
      value: 1,
      passed: true,
      detail: 'said yes',
    });
    expect(await scoreOf(scorer, { answer: 'No' })).toEqual({
      name: 'custom',
      value: 0,
      passed: false,
      detail: 'did not say yes',
    });
  });

  it('loads a CommonJS module exporting { score } and resolves paths from cwd', async () => {
    const scorer = await loadCustomScorer({ path: 'test/fixtures/scorers/is-short.cjs', cwd: repoRoot });
    expect(await scoreOf(scorer, { answer: 'short' })).toMatchObject({ value: 1, passed: true });
    expect(await scoreOf(scorer, { answer: 'a much longer answer' })).toMatchObject({ value: 0, passed: false });
  });

  it('turns a throw or a bad return into a Score with an error', async () => {
    const scorer = await loadCustomScorer({ path: 'throws.mjs', cwd: scorerFixtures });
    expect(await scoreOf(scorer, { answer: 'boom' })).toEqual({
      name: 'custom',
      value: null,
      passed: null,
      error: { kind: 'custom-scorer-threw', message: 'cannot score boom' },
    });
    expect(await scoreOf(scorer, { answer: 'seven' })).toMatchObject({
      value: null,
      error: { kind: 'custom-invalid-result', message: expect.stringMatching(/^custom scorer returned 7;/) },
    });
    expect(await scoreOf(scorer, { answer: 'nothing' })).toMatchObject({
      value: null,
      error: { kind: 'custom-invalid-result', message: expect.stringMatching(/returned nothing/) },
    });
    expect(await scoreOf(scorer, { answer: 'error' })).toMatchObject({
      value: null,
      error: { kind: 'my-check-failed', message: 'lookup failed' },
    });
    expect(await scoreOf(scorer, { answer: 'other' })).toMatchObject({ value: 0.25, passed: false });
  });

  it('applies the pass threshold to continuous values', async () => {
    const scorer = await loadCustomScorer({ path: 'word-overlap.mjs', cwd: scorerFixtures, threshold: 0.9 });
    expect(await scoreOf(scorer, { answer: 'Paris is in France', expected: 'paris france europe' })).toMatchObject({
      passed: false,
    });
  });

  it('rejects a missing file, a TypeScript file, a broken module or one without a function, naming the file', async () => {
    const missing = await rejection(loadCustomScorer({ path: 'absent.mjs', cwd: scorerFixtures }));
    expect(missing).toBeInstanceOf(ConfigError);
    expect(missing.message).toMatch(/^custom scorer absent\.mjs does not exist/);
    const typescript = await rejection(loadCustomScorer({ path: 'my-scorer.ts', cwd: scorerFixtures }));
    expect(typescript.message).toMatch(
      /^custom scorer my-scorer\.ts is TypeScript, which Node 20 cannot import: compile it to \.js or \.mjs/,
    );
    const other = await rejection(loadCustomScorer({ path: 'scorer.py', cwd: scorerFixtures }));
    expect(other.message).toBe('custom scorer scorer.py must be a .js, .mjs or .cjs module');
    const broken = await rejection(loadCustomScorer({ path: 'syntax-error.mjs', cwd: scorerFixtures }));
    expect(broken).toBeInstanceOf(ConfigError);
    expect(broken.message).toMatch(/^custom scorer syntax-error\.mjs could not be loaded: /);
    const empty = await rejection(loadCustomScorer({ path: 'no-function.mjs', cwd: scorerFixtures }));
    expect(empty).toBeInstanceOf(ConfigError);
    expect(empty.message).toBe(
      'custom scorer no-function.mjs must export a function named score or a default function (it exports: threshold)',
    );
  });

  it('is reachable as --scorer custom:<file>, named by the spec', async () => {
    const named = await parseScorerSpec('custom:word-overlap.mjs', { cwd: scorerFixtures });
    expect(named.name).toBe('custom:word-overlap.mjs');
    const score = await named.score({ record: makeRecord({ answer: 'paris', expected: 'paris' }) });
    expect(score).toMatchObject({ name: 'custom:word-overlap.mjs', value: 1, passed: true });
  });
});

describe('normalizeCustomResult', () => {
  it('maps numbers, booleans, null and Score-like objects', () => {
    const normalize = (result: unknown) => normalizeCustomResult({ name: 'custom', result, threshold: 0.5 });
    expect(normalize(true)).toEqual({ name: 'custom', value: 1, passed: true });
    expect(normalize(false)).toEqual({ name: 'custom', value: 0, passed: false });
    expect(normalize(0.5)).toEqual({ name: 'custom', value: 0.5, passed: true });
    expect(normalize(null)).toEqual({
      name: 'custom',
      value: null,
      passed: null,
      detail: 'custom scorer gave no score',
    });
    expect(normalize({ value: 0.2, detail: 'low' })).toEqual({
      name: 'custom',
      value: 0.2,
      passed: false,
      detail: 'low',
    });
    expect(normalize(Number.NaN).error?.kind).toBe('custom-invalid-result');
    expect(normalize(-0.1).error?.kind).toBe('custom-invalid-result');
    expect(normalize('0.5').error?.kind).toBe('custom-invalid-result');
  });
});
