import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { autoScorer } from '../../src/score/auto-score.js';
import { containsScorer } from '../../src/score/contains-scorer.js';
import { exactScorer } from '../../src/score/exact-scorer.js';
import { parseJsonAnswer } from '../../src/score/json-answer.js';
import { loadJsonSchemaScorer } from '../../src/score/json-schema-scorer.js';
import { jsonScorer } from '../../src/score/json-scorer.js';
import { createRegexScorer } from '../../src/score/regex-scorer.js';
import { scoreOf, scorerFixtures, scoreValue } from './helpers.js';

describe('exact scorer', () => {
  it('normalises case, white space, full-width forms and trailing punctuation', () => {
    expect(scoreValue(exactScorer, '  ＰＡＲＩＳ ', 'Paris')).toBe(1);
    expect(scoreValue(exactScorer, 'New   York\n', 'new york')).toBe(1);
    expect(scoreValue(exactScorer, '北京。', '北京')).toBe(1);
    expect(scoreValue(exactScorer, 'Paris, France', 'Paris')).toBe(0);
    expect(scoreValue(exactScorer, '', 'Paris')).toBe(0);
  });

  it('shows both normalised sides and leaves rows without expected unscored', async () => {
    expect((await scoreOf(exactScorer, { answer: 'Lyon', expected: 'Paris' })).detail).toBe(
      'answer "lyon" ≠ expected "paris" (normalised)',
    );
    expect(await scoreOf(exactScorer, { answer: 'Lyon', expected: null })).toEqual({
      name: 'exact',
      value: null,
      passed: null,
      detail: 'no expected answer to compare with',
    });
  });

  it('treats an ok row without answer text as an empty answer', () => {
    expect(scoreValue(exactScorer, null as unknown as string, 'Paris')).toBe(0);
  });
});

describe('contains scorer', () => {
  it('finds the normalised expected text inside the answer', () => {
    expect(scoreValue(containsScorer, 'The capital of France is PARIS, of course.', 'Paris')).toBe(1);
    expect(scoreValue(containsScorer, '首都是 北京 。', '北京')).toBe(1);
    expect(scoreValue(containsScorer, 'The capital is Lyon.', 'Paris')).toBe(0);
  });
});

describe('regex scorer', () => {
  it('matches the answer as written, with or without /flags/', async () => {
    const digits = createRegexScorer({ pattern: '^\\d+$' });
    expect(scoreValue(digits, '42', null)).toBe(1);
    expect(scoreValue(digits, '42 apples', null)).toBe(0);
    const yes = createRegexScorer({ pattern: '/^yes\\b/i' });
    expect(scoreValue(yes, 'YES, it is', null)).toBe(1);
    const score = await scoreOf(createRegexScorer({ pattern: 'answer: (\\w+)' }), { answer: 'my answer: B' });
    expect(score).toMatchObject({ name: 'regex', value: 1, detail: 'matched "answer: B" with /answer: (\\w+)/' });
  });

  it('gives the same result twice with a g flag (no lastIndex state)', () => {
    const scorer = createRegexScorer({ pattern: '/b/g' });
    expect([scoreValue(scorer, 'abc', null), scoreValue(scorer, 'abc', null)]).toEqual([1, 1]);
  });

  it('rejects an invalid pattern with a ConfigError naming --scorer', () => {
    expect(() => createRegexScorer({ pattern: '([a-z' })).toThrow(ConfigError);
    expect(() => createRegexScorer({ pattern: '([a-z' })).toThrow(
      /^--scorer regex:\(\[a-z is not a valid regular expression/,
    );
  });
});

describe('json scorer', () => {
  it.each([
    ['{"a": 1}', 'object', 'whole answer'],
    ['  [1, 2, 3]\n', 'array', 'whole answer'],
    ['```json\n{"name": "Ada"}\n```', 'object', 'fenced block'],
    ['Here you go:\n\n```JSON\n{"name": "Ada"}\n```\nAnything else?', 'object', 'fenced block'],
    ['```\n"text"\n```', 'string', 'fenced block'],
  ])('parses %j', (answer, kind, from) => {
    const score = jsonScorer({ record: { answer, expected: null } as never });
    expect(score).toEqual({ name: 'json', value: 1, passed: true, detail: `parsed a JSON ${kind} from the ${from}` });
  });

  it('scores 0 with the parse problem for non-JSON answers', () => {
    expect(parseJsonAnswer('{"a": 1,}')).toMatchObject({ ok: false });
    expect(scoreValue(jsonScorer, 'Sure! {"a": 1}', null)).toBe(0);
    expect(scoreValue(jsonScorer, '```json\n{"a": }\n```', null)).toBe(0);
    expect(parseJsonAnswer('')).toEqual({ ok: false, message: 'empty answer' });
  });
});

describe('json-schema scorer', () => {
  const cwd = scorerFixtures;

  it('validates the parsed answer against a draft-07 schema', async () => {
    const scorer = loadJsonSchemaScorer({ file: 'person.schema.json', cwd });
    expect(scoreValue(scorer, '{"name": "Ada", "age": 36}', null)).toBe(1);
    expect(scoreValue(scorer, '```json\n{"name": "Ada", "age": 36, "email": "ada@example.com"}\n```', null)).toBe(1);
    const invalid = await scoreOf(scorer, { answer: '{"name": "", "age": -1, "email": 5, "extra": true}' });
    expect(invalid.value).toBe(0);
    expect(invalid.detail).toMatch(
      /^invalid against person\.schema\.json: .*\/name must NOT have fewer than 1 characters/,
    );
    expect(invalid.detail).toMatch(/\(\+1 more\)$/);
    expect((await scoreOf(scorer, { answer: 'Ada, 36' })).detail).toMatch(/^not valid JSON/);
  });

  it('picks the 2020-12 dialect from $schema', () => {
    const scorer = loadJsonSchemaScorer({ file: 'list-2020.schema.json', cwd });
    expect(scoreValue(scorer, '["a", 1]', null)).toBe(1);
    expect(scoreValue(scorer, '["a", 1, 2]', null)).toBe(0);
  });

  it('rejects a missing, non-JSON or invalid schema file with a ConfigError naming it', () => {
    expect(() => loadJsonSchemaScorer({ file: 'absent.schema.json', cwd })).toThrow(
      /^JSON schema file absent\.schema\.json does not exist/,
    );
    expect(() => loadJsonSchemaScorer({ file: 'not-json.schema.json', cwd })).toThrow(
      /^JSON schema file not-json\.schema\.json is not valid JSON/,
    );
    expect(() => loadJsonSchemaScorer({ file: 'broken.schema.json', cwd })).toThrow(ConfigError);
    expect(() => loadJsonSchemaScorer({ file: 'broken.schema.json', cwd })).toThrow(
      /^JSON schema file broken\.schema\.json is not a valid schema/,
    );
  });
});

describe('auto scorer', () => {
  it('picks choice, numeric or exact from the expected value and says which', async () => {
    expect(await scoreOf(autoScorer, { answer: '答案是B', expected: 'B' })).toMatchObject({
      name: 'auto',
      value: 1,
      detail: 'choice: answer B (stated) = expected B',
    });
    expect(await scoreOf(autoScorer, { answer: '#### 1,250', expected: '1250' })).toMatchObject({
      value: 1,
      detail: expect.stringMatching(/^numeric: /),
    });
    expect(await scoreOf(autoScorer, { answer: 'paris.', expected: 'Paris' })).toMatchObject({
      value: 1,
      detail: expect.stringMatching(/^exact: /),
    });
    expect(await scoreOf(autoScorer, { answer: 'Lyon', expected: 'Paris' })).toMatchObject({ value: 0, passed: false });
    expect(await scoreOf(autoScorer, { answer: 'Lyon', expected: null })).toMatchObject({
      name: 'auto',
      value: null,
      passed: null,
    });
  });
});
