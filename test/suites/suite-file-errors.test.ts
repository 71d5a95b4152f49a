import path from 'node:path';
import { stringify } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, DatasetError, ExitCode } from '../../src/errors.js';
import { materializeSuite } from '../../src/suites/index.js';
import { cleanup, csvLine, errorOf, tempFolder, userSuite, writeFiles } from './helpers.js';

afterAll(cleanup);

/** Writes the user suite with `change` applied to it (and `extra` files), and returns materialize's error. */
async function problem(
  change: (suite: Record<string, any>) => void,
  extra: Record<string, string> = {},
  kind: new (...args: any[]) => Error = ConfigError,
): Promise<string> {
  const folder = tempFolder();
  const { files, suite } = userSuite();
  change(suite);
  writeFiles(folder, { ...files, 'my.yaml': stringify(suite), ...extra });
  return errorOf(() => materializeSuite({ spec: './my.yaml', folder: path.join(folder, 'out'), cwd: folder }), kind);
}

describe('suite file validation names the file and the key', () => {
  it('accepts the unchanged user suite', async () => {
    const folder = tempFolder();
    const { files, suite } = userSuite();
    writeFiles(folder, { ...files, 'my.yaml': stringify(suite) });
    const done = await materializeSuite({ spec: './my.yaml', folder: path.join(folder, 'out'), cwd: folder });
    expect(done.rows).toBe(5);
  });

  it('an unknown key lists the allowed ones', async () => {
    const message = await problem((suite) => {
      suite.parts[0].templte = suite.parts[0].template;
      delete suite.parts[0].template;
    });
    expect(message).toContain("my.yaml: parts[0]: unknown key 'templte'. Allowed keys here: name, data, format");
    expect(message).toContain(
      'my.yaml: parts[0].template: missing (expected { preamble?, question, answer?, separator? })',
    );
    expect(message).toContain('Fix the keys above in my.yaml (docs/suites.md describes every key).');
  });

  it('a missing or mistyped top-level key', async () => {
    expect(await problem((suite) => delete suite.licence)).toContain(
      'my.yaml: licence: missing (expected { name, file?, meaning? })',
    );
    expect(await problem((suite) => (suite.version = 2))).toContain(
      'my.yaml: version: expected a version string such as "1" (quote numbers)',
    );
    expect(await problem((suite) => (suite.parts = []))).toContain('my.yaml: parts: expected at least one part');
    expect(await problem((suite) => (suite.name = 'my suite'))).toContain(
      'my.yaml: name: expected the suite name: letters, digits',
    );
    expect(await problem((suite) => (suite.groupBy = ['topic']))).toContain(
      'my.yaml: groupBy[0]: expected one of suite, category, subject',
    );
  });

  it('nested keys: format, fewShot.shots, sample.per, expected.stripCommas', async () => {
    expect(await problem((suite) => (suite.parts[0].format = 'tsv'))).toContain(
      'my.yaml: parts[0].format: expected csv or jsonl',
    );
    expect(await problem((suite) => (suite.parts[0].fewShot.shots = -1))).toContain(
      'my.yaml: parts[0].fewShot.shots: expected a whole number of at least 0',
    );
    expect(await problem((suite) => (suite.parts[0].sample = { size: 2, per: 'file' }))).toContain(
      'my.yaml: parts[0].sample.per: expected part or subject',
    );
    expect(await problem((suite) => (suite.parts[0].expected.stripCommas = 'yes'))).toContain(
      'my.yaml: parts[0].expected.stripCommas: expected true or false',
    );
  });

  it('scorers a suite may not name, and a bad pattern', async () => {
    expect(await problem((suite) => (suite.parts[0].scorer = 'judge:gpt-4o'))).toContain(
      "my.yaml: parts[0].scorer: unknown scorer 'judge'; a suite may name the built-in scorers auto, exact, contains, regex, numeric, choice, json",
    );
    expect(await problem((suite) => (suite.parts[0].scorer = 'regex'))).toContain(
      'my.yaml: parts[0].scorer: regex needs a pattern',
    );
    expect(await problem((suite) => (suite.parts[0].expected.pattern = '(unclosed'))).toContain(
      'my.yaml: parts[0].expected.pattern: not a valid regular expression',
    );
  });

  it('templates: preamble placeholders, empty placeholders, the answer template with fewShot', async () => {
    expect(await problem((suite) => (suite.parts[0].template.preamble = 'About {{Question}}'))).toContain(
      'my.yaml: parts[0].template.preamble: unknown placeholder {{Question}}',
    );
    expect(await problem((suite) => (suite.parts[0].template.question = 'Q: {{ }}'))).toContain(
      "my.yaml: parts[0].template.question: has an empty placeholder '{{ }}'",
    );
    expect(await problem((suite) => delete suite.parts[0].template.answer)).toContain(
      'my.yaml: parts[0].template.answer: required with fewShot',
    );
  });

  it('paths: data, few-shot files per subject, the subject map, the licence file', async () => {
    expect(await problem((suite) => (suite.parts[0].data = 'nowhere'))).toMatch(
      /my\.yaml: parts\[0\]\.data: 'nowhere' is neither a file nor a folder/,
    );
    expect(await problem((suite) => (suite.parts[0].data = 'subjects.yaml'))).toContain(
      "my.yaml: parts[0].data: 'subjects.yaml' does not end in .csv",
    );
    expect(
      await problem(() => {}, {
        'data/calculus.csv': csvLine(['id', 'Question', 'Answer']) + csvLine(['c1', 'd/dx x?', '1']),
      }),
    ).toContain("my.yaml: parts[0].fewShot.source: no exemplar file in 'shots' for calculus");
    expect(
      await problem(() => {}, { 'subjects.yaml': 'kind: subject-map\nsubjects:\n  algebra: { category: Maths }\n' }),
    ).toContain("my.yaml: parts[0].subjectMap: no entry for subject 'geometry' in subjects.yaml.");
    expect(await problem((suite) => (suite.licence.file = 'LICENSE'))).toContain(
      "my.yaml: licence.file: 'LICENSE' is not a file.",
    );
  });

  it('a bad subject map names its own file and key', async () => {
    const message = await problem(() => {}, {
      'subjects.yaml':
        'kind: subject-map\ncategories: [Maths]\nsubjects:\n  algebra: { category: Math }\n  geometry: { category: Maths }\n',
    });
    expect(message).toContain("subjects.yaml: subjects.algebra.category: 'Math' is not in categories (Maths)");
    expect(await problem(() => {}, { 'subjects.yaml': 'kind: subject-map\nsubjects:\n  algebra: Maths\n' })).toContain(
      'subjects.yaml: subjects.algebra: expected { category, name? }',
    );
  });

  it('includes: a missing file, a circle, repeated subjects', async () => {
    expect(await problem((suite) => suite.parts.push({ include: 'other.yaml' }))).toContain(
      "my.yaml: parts[1].include: 'other.yaml' is not a file",
    );
    expect(await problem((suite) => suite.parts.push({ include: 'my.yaml' }))).toContain(
      'my.yaml: parts[1].include: my.yaml is already being read (the includes go round in a circle).',
    );
    const again = await problem((suite) => suite.parts.push({ ...suite.parts[0], name: 'again' }));
    expect(again).toContain("my.yaml: parts[1]: subject 'algebra' is also a subject of parts[0]");
    expect(await problem((suite) => suite.parts.push({ include: 'my.yaml', size: 3 }))).toContain(
      "my.yaml: parts[1]: unknown key 'size'. Allowed keys here: include, sample.",
    );
  });

  it('files that are not suites: bad YAML, an empty file, a subject map', async () => {
    const folder = tempFolder();
    writeFiles(folder, { 'bad.yaml': 'name: [unclosed\n', 'empty.yaml': '', ...userSuite().files });
    const run = (spec: string) => errorOf(() => materializeSuite({ spec, folder, cwd: folder }));
    expect(await run('./bad.yaml')).toMatch(/^bad\.yaml: the suite file is not valid YAML: .*line 2/);
    expect(await run('./empty.yaml')).toContain('empty.yaml: the file is empty');
    expect(await run('./subjects.yaml')).toContain(
      'subjects.yaml: this is a subject map (kind: subject-map), not a suite file',
    );
    expect(await run('./missing.yaml')).toContain('missing.yaml: cannot read the suite file (no such file).');
  });

  it('is a ConfigError with exit code 2', async () => {
    const folder = tempFolder();
    writeFiles(folder, { 'empty.yaml': '' });
    const error = await materializeSuite({ spec: './empty.yaml', folder, cwd: folder }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).exitCode).toBe(ExitCode.badInput);
  });
});

describe('data file problems name the file and line', () => {
  it('a column the template names is missing from the header', async () => {
    const message = await problem((suite) => (suite.parts[0].template.question = 'Q: {{Qestion}}'), {}, DatasetError);
    expect(message).toMatch(
      /^data\/algebra\.csv:1 \(column 'Qestion'\): no such column, which parts\[0\]\.template\.question in my\.yaml names\. Present: id, Question, Answer\./,
    );
  });

  it('a pattern that does not match, an empty answer, a repeated id, a malformed CSV row', async () => {
    expect(await problem((suite) => (suite.parts[0].expected.pattern = '^x(\\d)'), {}, DatasetError)).toMatch(
      /algebra\.csv:2 \(column 'Answer'\): parts\[0\]\.expected\.pattern in my\.yaml does not match "4"\./,
    );
    const header = csvLine(['id', 'Question', 'Answer']);
    expect(await problem(() => {}, { 'data/algebra.csv': header + csvLine(['a1', 'Q', '']) }, DatasetError)).toMatch(
      /algebra\.csv:2 \(column 'Answer'\): the expected answer is empty/,
    );
    expect(
      await problem(
        () => {},
        { 'data/algebra.csv': header + csvLine(['a1', 'Q', '1']) + csvLine(['a1', 'R', '2']) },
        DatasetError,
      ),
    ).toMatch(/algebra\.csv:3 \(column 'id'\): id 'a1' was already used on line 2/);
    expect(await problem(() => {}, { 'data/algebra.csv': `${header}a1,"Q,1\n` }, DatasetError)).toBe(
      "data/algebra.csv:2 (column 'Question'): a quoted field in the record starting here is never closed",
    );
  });

  it('a JSONL line that is not JSON', async () => {
    const message = await problem(
      (suite) => {
        suite.parts[0] = { ...suite.parts[0], data: 'lines.jsonl', format: 'jsonl', subject: 'lines' };
        delete suite.parts[0].fewShot;
        delete suite.parts[0].template.answer;
        delete suite.parts[0].subjectMap;
      },
      { 'lines.jsonl': '{"id": "1", "Question": "Q", "Answer": "1"}\n{"id": 2,\n' },
      DatasetError,
    );
    expect(message).toMatch(/^lines\.jsonl:2: not valid JSON/);
  });
});
