import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScoredRun } from '../../src/analysis/scored-run.js';
import { type FieldDoc, renderSummaryJsonDoc, SUMMARY_DOC } from '../../src/analysis/summary-json-doc.js';
import { buildSummaryJson, SUMMARY_SCHEMA_VERSION } from '../../src/analysis/summary-json.js';
import type { ResultRecord } from '../../src/results/result-record.js';
import { writeReports } from '../../src/report/write-reports.js';
import { repoRoot } from '../helpers/cli.js';
import { groupedRecords } from '../report/group-fixtures.js';
import { makeManifest, makeRecord, writeRunFolder } from '../report/html-fixtures.js';

const GROUPED = { group_by: ['category', 'subject'], cluster_by: 'subject' };

/** A grouped two-model run folder (clustered by subject), and a run with repeats and costs. */
function runs(): string[] {
  const grouped = writeRunFolder({
    records: groupedRecords(),
    manifest: { ...makeManifest({ models: ['alpha', 'beta'] }), analysis: GROUPED },
  });
  const repeated: ResultRecord[] = [];
  for (let item = 0; item < 6; item += 1) {
    for (let repeat = 0; repeat < 3; repeat += 1) {
      repeated.push(
        makeRecord({ model: 'solo', id: `r${item}`, repeat, cost_usd: 0.001, answer: repeat === 2 ? '3' : '4' }),
      );
    }
  }
  return [grouped, writeRunFolder({ records: repeated, name: 'repeated' })];
}

/** Every documented path ("models[].score.mean") the value holds, and every undocumented one it holds. */
function walk(
  value: unknown,
  docs: Record<string, FieldDoc>,
  prefix: string,
  seen: Set<string>,
  unknown: string[],
): void {
  if (value === null || typeof value !== 'object') return;
  for (const [key, member] of Object.entries(value as Record<string, unknown>)) {
    const doc = docs[key];
    const path = `${prefix}${key}`;
    if (!doc) {
      unknown.push(path);
      continue;
    }
    seen.add(path);
    if (!doc.fields) continue;
    const elements = Array.isArray(member) ? member : [member];
    for (const element of elements)
      walk(element, doc.fields, `${path}${Array.isArray(member) ? '[]' : ''}.`, seen, unknown);
  }
}

function documentedPaths(docs: Record<string, FieldDoc>, prefix = ''): string[] {
  return Object.entries(docs).flatMap(([key, doc]) => {
    const path = `${prefix}${key}`;
    const inner = doc.type === 'array' ? `${path}[].` : `${path}.`;
    return [path, ...(doc.fields ? documentedPaths(doc.fields, inner) : [])];
  });
}

describe('summary.json', () => {
  it('writes every documented field and no other', async () => {
    const seen = new Set<string>();
    const unknown: string[] = [];
    for (const folder of runs()) {
      await writeReports({ runDir: folder, env: {} });
      const summary = JSON.parse(readFileSync(join(folder, 'summary.json'), 'utf8')) as Record<string, unknown>;
      expect(summary.schema_version).toBe(SUMMARY_SCHEMA_VERSION);
      walk(summary, SUMMARY_DOC, '', seen, unknown);
    }
    expect(unknown).toEqual([]);
    // run.suites is empty in these runs: its members are checked by the suite run's test (test/e2e/suites-run.test.ts).
    const missing = documentedPaths(SUMMARY_DOC).filter((path) => !seen.has(path) && !path.startsWith('run.suites[].'));
    expect(missing).toEqual([]);
  });

  it('is what docs/summary-json.md documents (run `npm run docs` after changing a field)', () => {
    expect(readFileSync(join(repoRoot, 'docs', 'summary-json.md'), 'utf8')).toBe(renderSummaryJsonDoc());
  });

  it('holds per-subject figures equal to a hand count of the records, and micro and macro averages', async () => {
    const [grouped] = runs();
    const run = await loadScoredRun(grouped);
    const summary = buildSummaryJson(run.analysis, {
      toolVersion: 't',
      folder: grouped,
      status: 'completed',
      suites: [],
    });
    const subjects = (summary.breakdowns as Array<Record<string, unknown>>)[1];
    expect(subjects.column).toBe('subject');
    const records = groupedRecords();
    const groups = subjects.groups as Array<{ name: string; items: number; models: Array<Record<string, any>> }>;
    for (const group of groups) {
      for (const [index, model] of ['alpha', 'beta'].entries()) {
        const rows = records.filter((record) => record.model === model && record.groups?.subject === group.name);
        const ok = rows.filter((record) => record.status === 'ok');
        const right = ok.filter((record) => record.answer === record.expected).length;
        const cell = group.models[index];
        expect(cell.model).toBe(model);
        expect(cell.rows).toBe(rows.length);
        expect(cell.errors).toBe(rows.length - ok.length);
        expect(cell.score.items).toBe(ok.length);
        expect(cell.score.mean).toBeCloseTo(right / ok.length, 14);
      }
    }
    // Micro: all of alpha's scored items; macro: the mean of its four subject means.
    const alphaOk = records.filter((record) => record.model === 'alpha' && record.status === 'ok');
    const averages = subjects.averages as Array<{ model: string; micro: { mean: number }; macro: { mean: number } }>;
    const micro = alphaOk.filter((record) => record.answer === record.expected).length / alphaOk.length;
    expect(averages[0].micro.mean).toBeCloseTo(micro, 14);
    const means = groups.map((group) => group.models[0].score.mean as number);
    expect(averages[0].macro.mean).toBeCloseTo(means.reduce((sum, value) => sum + value, 0) / means.length, 14);
  });

  it('reports a clustered error above the naive one when the items of a cluster pass and fail together', async () => {
    // Ten clusters of five items each, every item of a cluster with the same outcome.
    const records = Array.from({ length: 50 }, (_, index) =>
      makeRecord({
        model: 'm',
        id: `c${index}`,
        answer: Math.floor(index / 5) % 2 === 0 ? '4' : '3',
        groups: { cluster: `k${Math.floor(index / 5)}` },
      }),
    );
    const folder = writeRunFolder({
      records,
      manifest: { ...makeManifest({ models: ['m'] }), analysis: { group_by: [], cluster_by: 'cluster' } },
    });
    const run = await loadScoredRun(folder);
    const score = run.analysis.models[0].score;
    expect(score?.clusters).toBe(10);
    expect(score?.clusteredSe ?? 0).toBeGreaterThan(1.5 * (score?.se ?? 1));
    expect(score?.method).toBe('clustered');
  });
});
