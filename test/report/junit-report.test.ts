import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadScoredRun } from '../../src/analysis/scored-run.js';
import { escapeXmlAttribute, escapeXmlText, renderJunit } from '../../src/report/render-junit.js';
import { writeReports } from '../../src/report/write-reports.js';
import { makeErrorRecord, makeRecord, writeRunFolder } from './html-fixtures.js';
import { findAll, parseWellFormedXml } from './junit-well-formed.js';

const NASTY = 'a\u0000b\u0008c\uFFFEd\uD800e </testcase> ]]> "quoted" \'single\' & <b>';
const NASTY_CLEAN = 'abcde </testcase> ]]> "quoted" \'single\' & <b>';

function mixedRun(): string {
  return writeRunFolder({
    records: [
      makeRecord({ model: 'alpha', id: 'q1' }),
      makeRecord({ model: 'alpha', id: 'q2', answer: NASTY, expected: '7' }),
      makeErrorRecord({ model: 'alpha', id: 'q3' }),
      makeRecord({ model: 'alpha', id: 'q4', expected: null }),
      makeRecord({ model: 'beta<&>"', id: 'q1', answer: 'five' }),
      makeRecord({ model: 'beta<&>"', id: 'q2', expected: '7', answer: '7' }),
      makeRecord({ model: 'beta<&>"', id: 'q2', expected: '7', answer: 'The answer is 7', repeat: 1 }),
    ],
  });
}

describe('the strict XML checker', () => {
  it.each([
    ['<a><b></a></b>', 'mismatched'],
    ['<a x="1" x="2"/>', 'duplicate'],
    ['<a x=1/>', 'quoted'],
    ['<a>&nbsp;</a>', 'unknown entity'],
    ['<a>&#0;</a>', 'illegal'],
    ['<a>\u0001</a>', 'illegal'],
    ['<a>]]></a>', ']]>'],
    ['<a/><b/>', 'after the root'],
    ['<a x="<"/>', '"<"'],
    ['<a>fish & chips</a>', 'unterminated reference'],
  ])('rejects %j', (source, reason) => {
    expect(() => parseWellFormedXml(source)).toThrow(reason);
  });

  it('reads text and attributes back unescaped', () => {
    const root = parseWellFormedXml(
      '<?xml version="1.0"?>\n<a t="x&#10;y&quot;">1 &lt; 2 &amp;&#x41;<![CDATA[<c>]]></a>',
    );
    expect(root.attributes.t).toBe('x\ny"');
    expect(root.text).toBe('1 < 2 &A<c>');
  });
});

describe('XML escaping', () => {
  it('strips characters illegal in XML 1.0 and escapes markup', () => {
    expect(escapeXmlText(NASTY)).toBe('abcde &lt;/testcase&gt; ]]&gt; "quoted" \'single\' &amp; &lt;b&gt;');
    expect(escapeXmlAttribute('a"b\'c\nd\te')).toBe('a&quot;b&apos;c&#10;d&#9;e');
    expect(escapeXmlText('emoji \u{1F600} kept')).toBe('emoji \u{1F600} kept');
  });
});

describe('renderJunit', () => {
  it('writes one test case per item and model with the right counts, and stays well-formed', async () => {
    const run = await loadScoredRun(mixedRun());
    const xml = renderJunit({ run });
    const root = parseWellFormedXml(xml);
    expect(root.name).toBe('testsuites');
    expect(root.attributes).toMatchObject({ tests: '7', failures: '2', errors: '1', skipped: '1' });
    const suites = findAll(root, 'testsuite');
    expect(suites.map((suite) => suite.attributes.name)).toEqual(['alpha', 'beta<&>"']);
    expect(suites[0].attributes).toMatchObject({ tests: '4', failures: '1', errors: '1', skipped: '1' });
    expect(suites[1].attributes).toMatchObject({ tests: '3', failures: '1', errors: '0', skipped: '0' });
    const cases = findAll(root, 'testcase');
    expect(cases).toHaveLength(7);
    expect(cases.map((testCase) => `${testCase.attributes.classname}/${testCase.attributes.name}`)).toEqual([
      'alpha/q1#0',
      'alpha/q2#0',
      'alpha/q3#0',
      'alpha/q4#0',
      'beta<&>"/q1#0',
      'beta<&>"/q2#0',
      'beta<&>"/q2#1',
    ]);
    expect(cases[0].children).toEqual([]);
    expect(cases[0].attributes.time).toBe('0.800');
  });

  it('puts expected and actual in failures, the typed error in errors, and skips unscored rows', async () => {
    const run = await loadScoredRun(mixedRun());
    const cases = findAll(parseWellFormedXml(renderJunit({ run })), 'testcase');
    const failure = cases[1].children[0];
    expect(failure.name).toBe('failure');
    expect(failure.attributes.type).toBe('numeric');
    expect(failure.attributes.message).toContain('expected "7"');
    expect(failure.text).toContain(`expected:\n7\n\nactual:\n${NASTY_CLEAN}`);
    const error = cases[2].children[0];
    expect(error.name).toBe('error');
    expect(error.attributes).toMatchObject({ type: 'rate-limit', message: 'Too many requests' });
    expect(error.text).toContain('status: 429');
    expect(cases[3].children[0].name).toBe('skipped');
    expect(cases[4].children[0].name).toBe('failure');
  });

  it('prefixes the dataset when a run has several', async () => {
    const folder = writeRunFolder({
      records: [
        makeRecord({ model: 'alpha', id: 'q1', dataset: 'a.csv' }),
        makeRecord({ model: 'alpha', id: 'q1', dataset: 'b.csv', item: 'ffff0000ffff0000ffff' }),
      ],
    });
    const cases = findAll(parseWellFormedXml(renderJunit({ run: await loadScoredRun(folder) })), 'testcase');
    expect(cases.map((testCase) => testCase.attributes.name)).toEqual(['a.csv:q1#0', 'b.csv:q1#0']);
  });

  it('is written as junit.xml by writeReports', async () => {
    const folder = mixedRun();
    const written = await writeReports({ runDir: folder, env: {} });
    const root = parseWellFormedXml(readFileSync(written.junit, 'utf8'));
    expect(findAll(root, 'testcase')).toHaveLength(7);
  });
});
