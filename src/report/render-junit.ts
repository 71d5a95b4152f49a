import { reasoningAteAnswer } from '../results/reasoning-exhausted.js';
import type { ScoredRecord, ScoredRun } from '../analysis/scored-run.js';

/** Characters XML 1.0 forbids anywhere (controls, lone surrogates, U+FFFE/U+FFFF). */
const ILLEGAL_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Removes characters illegal in XML 1.0 and escapes markup, for text content. */
export function escapeXmlText(text: string): string {
  return text.replace(ILLEGAL_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** As {@link escapeXmlText}, plus quotes and white space that attribute normalisation would otherwise fold. */
export function escapeXmlAttribute(text: string): string {
  return escapeXmlText(text)
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

const MESSAGE_LENGTH = 200;

function shorten(text: string): string {
  return text.length <= MESSAGE_LENGTH ? text : `${text.slice(0, MESSAGE_LENGTH)}\u2026`;
}

/** The test case name: item id and repeat, prefixed with the dataset when the run has several. */
export function testCaseName(options: { row: ScoredRecord; withDataset: boolean }): string {
  const { record } = options.row;
  return `${options.withDataset ? `${record.dataset}:` : ''}${record.id}#${record.repeat}`;
}

/**
 * Each row's test case name, unique within its suite: a dataset may give two different
 * rows the same id, and CI tools merge test cases that share a name, so a repeated name
 * gets the row's item key after it.
 */
function uniqueNames(rows: readonly ScoredRecord[], withDataset: boolean): string[] {
  const names = rows.map((row) => testCaseName({ row, withDataset }));
  const counts = new Map<string, number>();
  for (const name of names) counts.set(name, (counts.get(name) ?? 0) + 1);
  return names.map((name, index) =>
    (counts.get(name) ?? 0) > 1 ? `${name} (item ${rows[index].record.item.slice(0, 12)})` : name,
  );
}

function testCase(row: ScoredRecord, name: string): string {
  const { record } = row;
  const { passed } = row.score;
  const seconds = record.latency_ms === null ? 0 : record.latency_ms / 1000;
  const open = `    <testcase classname="${escapeXmlAttribute(record.model)}" name="${escapeXmlAttribute(name)}" time="${seconds.toFixed(3)}"`;
  if (record.status === 'error') {
    const error = record.error;
    const message = error ? error.message : 'request failed';
    const detail = error
      ? `kind: ${error.kind}\nstatus: ${error.status ?? 'none'}\ncode: ${error.code ?? 'none'}\nmessage: ${error.message}`
      : message;
    return `${open}>\n      <error message="${escapeXmlAttribute(shorten(message))}" type="${escapeXmlAttribute(error?.kind ?? 'error')}">${escapeXmlText(detail)}</error>\n    </testcase>`;
  }
  if (passed === null) {
    const why = reasoningAteAnswer(record) ? 'the token cap was spent on reasoning: no answer' : 'unscored';
    return `${open}>\n      <skipped message="${why}"/>\n    </testcase>`;
  }
  if (passed) return `${open}/>`;
  const expected = record.expected ?? '';
  const actual = record.answer ?? '';
  const scorer = row.score.scores.map((score) => score.name).join(',') || 'score';
  const message = `expected ${JSON.stringify(shorten(expected))}, got ${JSON.stringify(shorten(actual))}`;
  const scores = row.score.scores
    .map((score) => `${score.name}: ${score.value ?? 'no value'}${score.detail ? ` (${score.detail})` : ''}`)
    .join('\n');
  const body = `expected:\n${expected}\n\nactual:\n${actual}${scores ? `\n\nscores:\n${scores}` : ''}`;
  return `${open}>\n      <failure message="${escapeXmlAttribute(message)}" type="${escapeXmlAttribute(scorer)}">${escapeXmlText(body)}</failure>\n    </testcase>`;
}

/**
 * `junit.xml`: one test suite per model, one test case per item and repeat
 * (classname = model), with a `<failure>` for a wrong answer, an `<error>`
 * for a failed request and `<skipped/>` when the row could not be scored.
 */
export function renderJunit(options: { run: Pick<ScoredRun, 'models' | 'rows'>; name?: string }): string {
  const { run } = options;
  const withDataset = new Set(run.rows.map((row) => row.record.dataset)).size > 1;
  const byModel = new Map<string, ScoredRecord[]>(run.models.map((model) => [model, []]));
  for (const row of run.rows) {
    const list = byModel.get(row.record.model);
    if (list) list.push(row);
    else byModel.set(row.record.model, [row]);
  }
  const totals = { tests: 0, failures: 0, errors: 0, skipped: 0, seconds: 0 };
  const suites = [...byModel.entries()].map(([model, rows]) => {
    const counts = { failures: 0, errors: 0, skipped: 0, seconds: 0 };
    for (const { record, score } of rows) {
      if (record.status === 'error') counts.errors += 1;
      else if (score.passed === null) counts.skipped += 1;
      else if (!score.passed) counts.failures += 1;
      counts.seconds += (record.latency_ms ?? 0) / 1000;
    }
    totals.tests += rows.length;
    totals.failures += counts.failures;
    totals.errors += counts.errors;
    totals.skipped += counts.skipped;
    totals.seconds += counts.seconds;
    const names = uniqueNames(rows, withDataset);
    const cases = rows.map((row, index) => testCase(row, names[index])).join('\n');
    return (
      `  <testsuite name="${escapeXmlAttribute(model)}" tests="${rows.length}" failures="${counts.failures}" errors="${counts.errors}" ` +
      `skipped="${counts.skipped}" time="${counts.seconds.toFixed(3)}">${cases ? `\n${cases}\n  ` : ''}</testsuite>`
    );
  });
  const name = escapeXmlAttribute(options.name ?? 'mixrouter-eval');
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<testsuites name="${name}" tests="${totals.tests}" failures="${totals.failures}" errors="${totals.errors}" skipped="${totals.skipped}" time="${totals.seconds.toFixed(3)}">\n` +
    `${suites.join('\n')}\n</testsuites>\n`
  );
}
