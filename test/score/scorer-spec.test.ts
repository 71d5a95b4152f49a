import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import type { JudgeComplete } from '../../src/score/judge-scorer.js';
import { checkPassThreshold, nameScorer, parseScorerSpec, parseScorerSpecs } from '../../src/score/scorer-spec.js';
import { mergeScoringSettings, parseScoringConfig } from '../../src/score/scoring-config.js';
import type { Score } from '../../src/score/types.js';
import { makeRecord, scorerFixtures } from './helpers.js';

const cwd = scorerFixtures;

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

async function scoreWith(
  spec: string,
  answer: string,
  expected: string | null,
  options: { threshold?: number } = {},
): Promise<Score> {
  const named = await parseScorerSpec(spec, { cwd, ...options });
  return named.score({ record: makeRecord({ answer, expected }) });
}

describe('parseScorerSpecs', () => {
  it('builds every built-in scorer, named by its spec', async () => {
    const specs = [
      'auto',
      'exact',
      'contains',
      'regex:^\\d+$',
      'numeric',
      'numeric:0.5',
      'numeric:2%',
      'choice',
      'choice:A-J',
      'json',
      'json-schema:person.schema.json',
    ];
    const scorers = await parseScorerSpecs(specs, { cwd });
    expect(scorers.map((scorer) => scorer.name)).toEqual(specs);
    const score = await scorers[3].score({ record: makeRecord({ answer: '42' }) });
    expect(score.name).toBe('regex:^\\d+$');
  });

  it('splits at the first colon only, so patterns may hold colons', async () => {
    expect(await scoreWith('regex:^answer: \\w+$', 'answer: B', null)).toMatchObject({ value: 1 });
  });

  it('returns nothing for no specs (rows then use their own scorer column or auto)', async () => {
    expect(await parseScorerSpecs([], { cwd })).toEqual([]);
  });

  it('applies tolerance and letter-range arguments', async () => {
    expect(await scoreWith('numeric:0.5', '3.4', '3')).toMatchObject({ value: 1 });
    expect(await scoreWith('numeric', '3.4', '3')).toMatchObject({ value: 0 });
    expect(await scoreWith('numeric:2%', '1015', '1000')).toMatchObject({ value: 1 });
    expect(await scoreWith('choice:J', 'The answer is H', 'B')).toMatchObject({
      value: 0,
      detail: 'answer H (stated) ≠ expected B',
    });
    expect(await scoreWith('choice', 'The answer is H', 'B')).toMatchObject({
      value: 0,
      detail: 'no option letter found; expected B',
    });
  });

  it.each([
    ['', /^--scorer is empty; name a scorer: auto, exact, contains, regex:<pattern>, numeric\[:tolerance/],
    ['bleu', /^--scorer bleu: unknown scorer 'bleu'\. Known scorers: /],
    ['exact:yes', /^--scorer exact:yes: exact takes no argument/],
    ['regex', /^--scorer regex needs an argument: regex:<pattern>/],
    ['regex:', /^--scorer regex needs an argument/],
    ['regex:(unclosed', /^--scorer regex:\(unclosed is not a valid regular expression/],
    ['numeric:abc', /^--scorer numeric:abc: the tolerance must be a number of at least 0/],
    ['numeric:-1', /tolerance must be a number of at least 0/],
    ['choice:Z', /^--scorer choice:Z: give the last option letter, e\.g\. choice:A-J/],
    ['json-schema', /^--scorer json-schema needs an argument: json-schema:<schema file>/],
    ['json-schema:absent.json', /^JSON schema file absent\.json does not exist/],
    ['custom', /^--scorer custom needs an argument/],
    ['custom:absent.mjs', /^custom scorer absent\.mjs does not exist/],
    ['judge', /^--scorer judge needs a judge model: write judge:<model> or give --judge-model/],
  ])('rejects %j with a ConfigError', async (spec, message) => {
    const error = await rejection(parseScorerSpecs([spec], { cwd }));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toMatch(message);
  });

  it('rejects the same spec twice and a threshold out of range', async () => {
    expect((await rejection(parseScorerSpecs(['numeric', 'numeric'], { cwd }))).message).toBe(
      '--scorer numeric is given twice',
    );
    for (const threshold of [0, 1.5, -1, Number.NaN]) {
      expect((await rejection(parseScorerSpecs(['exact'], { cwd, threshold }))).message).toMatch(
        /^--pass-threshold must be a number greater than 0 and at most 1/,
      );
    }
    expect(checkPassThreshold(undefined)).toBe(0.5);
    expect(checkPassThreshold(1)).toBe(1);
  });

  it('builds a judge through the injected complete, with the model from the spec or the settings', async () => {
    const models: string[] = [];
    const createComplete = (model: string): JudgeComplete => {
      models.push(model);
      return async () => ({ text: '{"score": 6, "reason": "ok"}', costUsd: 0.001, usage: { input: 50, output: 10 } });
    };
    const [fromSpec, fromSettings] = await parseScorerSpecs(['judge:gpt-4o-mini', 'judge'], {
      cwd,
      judge: { model: 'judge-default', createComplete },
      threshold: 0.7,
    });
    expect(models).toEqual(['gpt-4o-mini', 'judge-default']);
    const score = await fromSpec.score({ record: makeRecord() });
    expect(score).toMatchObject({ name: 'judge:gpt-4o-mini', value: 0.6, passed: false, costUsd: 0.001 });
    expect((await fromSettings.score({ record: makeRecord() })).name).toBe('judge');
    const noGateway = await rejection(parseScorerSpecs(['judge:gpt-4o-mini'], { cwd }));
    expect(noGateway.message).toMatch(/^--scorer judge:gpt-4o-mini: no judge model can be called here/);
  });

  it('names the source in messages for per-row specs', async () => {
    const source = "rows.csv:3 (column 'scorer')";
    expect((await parseScorerSpec(' numeric:0.1 ', { cwd, source })).name).toBe('numeric:0.1');
    expect((await rejection(parseScorerSpec('nope', { cwd, source }))).message).toMatch(
      /^rows\.csv:3 \(column 'scorer'\) nope: unknown scorer 'nope'/,
    );
  });

  it('lets a dataset choose only the built-in deterministic scorers', async () => {
    const dataset = { cwd, source: "rows.csv:3 (column 'scorer')", trust: 'dataset' as const };
    for (const spec of ['exact', 'contains', 'regex:^4$', 'numeric:1%', 'choice', 'json', 'auto']) {
      expect((await parseScorerSpec(spec, dataset)).name).toBe(spec);
    }
    for (const spec of ['custom:./says-yes.js', 'json-schema:./person.schema.json', 'judge:gpt-4o-mini']) {
      expect((await rejection(parseScorerSpec(spec, dataset))).message).toContain(
        'a dataset may choose only the built-in scorers',
      );
    }
  });
});

describe('nameScorer', () => {
  it('turns a throwing scorer into a scorer-threw error and recomputes passed from the threshold', async () => {
    const throwing = nameScorer({
      name: 'mine',
      scorer: () => {
        throw new Error('bug');
      },
    });
    expect(throwing.score({ record: makeRecord() })).toEqual({
      name: 'mine',
      value: null,
      passed: null,
      error: { kind: 'scorer-threw', message: 'bug' },
    });
    const rejecting = nameScorer({ name: 'mine', scorer: async () => Promise.reject(new Error('async bug')) });
    expect(await rejecting.score({ record: makeRecord() })).toMatchObject({
      error: { kind: 'scorer-threw', message: 'async bug' },
    });
    const strict = nameScorer({
      name: 'strict',
      scorer: () => ({ name: 'x', value: 0.8, passed: true }),
      threshold: 0.9,
    });
    expect(strict.score({ record: makeRecord() })).toEqual({ name: 'strict', value: 0.8, passed: false });
  });
});

describe('scoring config section', () => {
  it('accepts scorers (list or single string), threshold and judge', () => {
    expect(
      parseScoringConfig({
        value: { scorers: ['numeric', 'judge'], threshold: 0.7, judge: { model: 'j', rubric: 'Be fair.' } },
        file: 'eval.yaml',
      }),
    ).toEqual({
      scorers: ['numeric', 'judge'],
      threshold: 0.7,
      judge: { model: 'j', rubric: 'Be fair.' },
    });
    expect(parseScoringConfig({ value: { scorers: 'exact' }, file: 'eval.yaml' })).toEqual({ scorers: ['exact'] });
    expect(parseScoringConfig({ value: undefined, file: 'eval.yaml' })).toEqual({ scorers: [] });
  });

  it('rejects unknown keys and bad values, naming the file and key', () => {
    expect(() => parseScoringConfig({ value: { scorer: ['exact'] }, file: 'eval.yaml' })).toThrow(
      /^eval\.yaml: scoring: unknown key\(s\) scorer; allowed: scorers, threshold, judge/,
    );
    expect(() => parseScoringConfig({ value: { scorers: [1] }, file: 'eval.yaml' })).toThrow(
      /^eval\.yaml: scoring\.scorers\.0: expected a scorer spec/,
    );
    expect(() => parseScoringConfig({ value: { threshold: 2 }, file: 'eval.yaml' })).toThrow(
      /^eval\.yaml: scoring\.threshold must be a number greater than 0 and at most 1/,
    );
    expect(() => parseScoringConfig({ value: { judge: { model: 'j', temperature: 0 } }, file: 'eval.yaml' })).toThrow(
      /scoring\.judge: unknown key\(s\) temperature/,
    );
  });

  it('lets flags win over the config file', () => {
    const config = { scorers: ['exact'], threshold: 0.6, judge: { model: 'config-judge', rubric: 'config rubric' } };
    expect(mergeScoringSettings({ flags: {}, config })).toEqual(config);
    expect(
      mergeScoringSettings({ flags: { scorer: ['numeric'], passThreshold: 0.8, judgeModel: 'flag-judge' }, config }),
    ).toEqual({
      scorers: ['numeric'],
      threshold: 0.8,
      judge: { model: 'flag-judge', rubric: 'config rubric' },
    });
    expect(mergeScoringSettings({ flags: { scorer: [] } })).toEqual({ scorers: [] });
    expect(() => mergeScoringSettings({ flags: { passThreshold: 0 } })).toThrow(ConfigError);
  });
});
